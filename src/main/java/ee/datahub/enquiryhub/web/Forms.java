package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The admin pages' forms, as JavaBeans the forms bind to (every field a text, parsed and checked by
 * the page through the same domain rules as the API), and the parsing they share.
 */
final class Forms {

    private Forms() {}

    /** An enum value chosen in a form; a missing or unknown one is the field's error. */
    static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            throw new HubException(ErrorCode.REQUIRED_FIELD, field + " is required", field);
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new HubException(ErrorCode.INVALID_ENUM, field + " has no value " + value, field, value);
        }
    }

    /** Enum values ticked in a form (at least one). */
    static <E extends Enum<E>> Set<E> choices(String field, List<String> values, Class<E> type) {
        var chosen = EnumSet.noneOf(type);
        for (var value : values == null ? List.<String>of() : values) {
            chosen.add(choice(field, value, type));
        }
        if (chosen.isEmpty()) {
            throw new HubException(ErrorCode.REQUIRED_FIELD, "choose at least one " + field, field);
        }
        return chosen;
    }

    static String text(String value) {
        return value == null ? "" : value.strip();
    }

    public static class TechnicalUserForm {
        private String suffix = "";
        private List<String> permissions = new ArrayList<>();

        public String getSuffix() {
            return suffix;
        }

        public void setSuffix(String suffix) {
            this.suffix = suffix;
        }

        public List<String> getPermissions() {
            return permissions;
        }

        public void setPermissions(List<String> permissions) {
            this.permissions = permissions;
        }
    }

    public static class GrantForm {
        private String subject = "";
        private String name = "";
        private String participant = "";
        private String role = "";
        private String commodity = "";
        private List<String> permissions = new ArrayList<>();

        public String getSubject() {
            return subject;
        }

        public void setSubject(String subject) {
            this.subject = subject;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getParticipant() {
            return participant;
        }

        public void setParticipant(String participant) {
            this.participant = participant;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }

        public String getCommodity() {
            return commodity;
        }

        public void setCommodity(String commodity) {
            this.commodity = commodity;
        }

        public List<String> getPermissions() {
            return permissions;
        }

        public void setPermissions(List<String> permissions) {
            this.permissions = permissions;
        }
    }

    public static class ParticipantForm {
        private String eic = "";
        private String name = "";
        private List<String> roles = new ArrayList<>();
        private List<String> commodities = new ArrayList<>();

        public String getEic() {
            return eic;
        }

        public void setEic(String eic) {
            this.eic = eic;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        public List<String> getCommodities() {
            return commodities;
        }

        public void setCommodities(List<String> commodities) {
            this.commodities = commodities;
        }
    }

    public static class MeteringPointForm {
        private String eic = "";
        private String gridOperatorEic = "";
        private String commodity = "";

        public String getEic() {
            return eic;
        }

        public void setEic(String eic) {
            this.eic = eic;
        }

        public String getGridOperatorEic() {
            return gridOperatorEic;
        }

        public void setGridOperatorEic(String gridOperatorEic) {
            this.gridOperatorEic = gridOperatorEic;
        }

        public String getCommodity() {
            return commodity;
        }

        public void setCommodity(String commodity) {
            this.commodity = commodity;
        }
    }

    public static class ImportForm {
        private org.springframework.web.multipart.MultipartFile file;

        public org.springframework.web.multipart.MultipartFile getFile() {
            return file;
        }

        public void setFile(org.springframework.web.multipart.MultipartFile file) {
            this.file = file;
        }
    }

    public static class AuditForm {
        private String enquiry = "";
        private String participant = "";
        private String actor = "";
        private String from = "";
        private String to = "";

        public String getEnquiry() {
            return enquiry;
        }

        public void setEnquiry(String enquiry) {
            this.enquiry = enquiry;
        }

        public String getParticipant() {
            return participant;
        }

        public void setParticipant(String participant) {
            this.participant = participant;
        }

        public String getActor() {
            return actor;
        }

        public void setActor(String actor) {
            this.actor = actor;
        }

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public String getTo() {
            return to;
        }

        public void setTo(String to) {
            this.to = to;
        }
    }
}
