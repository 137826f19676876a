package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.web.EnquiryForms.orEmpty;
import static ee.datahub.enquiryhub.web.EnquiryForms.text;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.audit.AuditSearch;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.MeteringPoint;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.multipart.MultipartFile;

/**
 * The admin pages' forms, as records bound from the posted texts, each read into what its page asks
 * of the hub with every field's refusal at once ({@link FormCheck}).
 */
final class Forms {

    private Forms() {}

    /** A participant's new technical user: the suffix of its client id and its permissions. */
    record TechnicalUserForm(String suffix, List<String> permissions) {

        TechnicalUserForm {
            suffix = orEmpty(suffix);
            permissions = listed(permissions);
        }

        static TechnicalUserForm blank() {
            return new TechnicalUserForm("", List.of());
        }

        /** @throws FormCheck.FormInvalid with every refused field */
        Asked read() {
            var check = new FormCheck();
            var given = check.field(() -> required("suffix", suffix));
            var chosen = check.field(() -> choices("permissions", permissions));
            check.refuseIfAny();
            return new Asked(given.orElseThrow(), chosen.orElseThrow());
        }

        record Asked(String suffix, Set<Permission> permissions) {}
    }

    /** A grant of permissions to a person (by an ADMIN for its participant, or ADMIN by the hub operator). */
    record GrantForm(
            String subject, String name, String participant, String role, String commodity, List<String> permissions) {

        GrantForm {
            subject = orEmpty(subject);
            name = orEmpty(name);
            participant = orEmpty(participant);
            role = orEmpty(role);
            commodity = orEmpty(commodity);
            permissions = listed(permissions);
        }

        static GrantForm blank() {
            return new GrantForm("", "", "", "", "", List.of());
        }

        /** The grant for {@code participant} (the one administered) or, when empty, for the one chosen. */
        Asked read(Optional<Eic> administered, Optional<Set<Permission>> fixed) {
            var check = new FormCheck();
            var whose = administered.or(() -> check.field(() -> Forms.eic("participant", participant, EicType.PARTY)));
            var who = check.field(() -> required("subject", subject));
            var called = check.field(() -> required("name", name));
            var roleChosen = check.field(() -> choice("role", role, MarketRole.class));
            var commodityChosen = check.field(() -> choice("commodity", commodity, Commodity.class));
            var given = fixed.or(() -> check.field(() -> choices("permissions", permissions)));
            check.refuseIfAny();
            return new Asked(
                    who.orElseThrow(),
                    called.orElseThrow(),
                    new Grant(
                            whose.orElseThrow(),
                            roleChosen.orElseThrow(),
                            commodityChosen.orElseThrow(),
                            given.orElseThrow()));
        }

        record Asked(String subject, String name, Grant grant) {}
    }

    /** A grant to revoke, as the people page's row names it. */
    record RevokeForm(String subject, String role, String commodity) {

        RevokeForm {
            subject = orEmpty(subject);
            role = orEmpty(role);
            commodity = orEmpty(commodity);
        }
    }

    /** A market participant the hub operator registers. */
    record ParticipantForm(String eic, String name, List<String> roles, List<String> commodities) {

        static final int MAX_NAME = 200;

        ParticipantForm {
            eic = orEmpty(eic);
            name = orEmpty(name);
            roles = listed(roles);
            commodities = listed(commodities);
        }

        static ParticipantForm blank() {
            return new ParticipantForm("", "", List.of(), List.of());
        }

        Participant participant() {
            var check = new FormCheck();
            var code = check.field(() -> Forms.eic("eic", eic, EicType.PARTY));
            var named = check.field(() -> {
                var text = required("name", name);
                if (text.codePointCount(0, text.length()) > MAX_NAME) {
                    throw new HubException(
                            ErrorCode.MAX_LENGTH, "name is at most " + MAX_NAME + " characters", "name", "" + MAX_NAME);
                }
                return text;
            });
            var held = check.field(() -> choices("roles", roles, MarketRole.class));
            var sold = check.field(() -> choices("commodities", commodities, Commodity.class));
            check.refuseIfAny();
            return new Participant(code.orElseThrow(), named.orElseThrow(), held.orElseThrow(), sold.orElseThrow());
        }
    }

    /** A metering point the hub operator registers. */
    record MeteringPointForm(String eic, String gridOperatorEic, String commodity) {

        MeteringPointForm {
            eic = orEmpty(eic);
            gridOperatorEic = orEmpty(gridOperatorEic);
            commodity = orEmpty(commodity);
        }

        static MeteringPointForm blank() {
            return new MeteringPointForm("", "", "");
        }

        MeteringPoint meteringPoint() {
            var check = new FormCheck();
            var code = check.field(() -> Forms.eic("eic", eic, EicType.METERING_POINT));
            var operator = check.field(() -> Forms.eic("gridOperatorEic", gridOperatorEic, EicType.PARTY));
            var sold = check.field(() -> choice("commodity", commodity, Commodity.class));
            check.refuseIfAny();
            return new MeteringPoint(code.orElseThrow(), operator.orElseThrow(), sold.orElseThrow());
        }
    }

    /** The list of metering points' filters: the start of the EIC (any case), grid operator, commodity. */
    record MeteringPointSearch(String eicPrefix, String gridOperator, String commodityFilter) {

        MeteringPointSearch {
            eicPrefix = orEmpty(eicPrefix);
            gridOperator = orEmpty(gridOperator);
            commodityFilter = orEmpty(commodityFilter);
        }

        static MeteringPointSearch blank() {
            return new MeteringPointSearch("", "", "");
        }

        ParticipantRegister.MeteringPointQuery query() {
            var check = new FormCheck();
            var query = new ParticipantRegister.MeteringPointQuery(
                    optional(check, eicPrefix, text -> Forms.eicPrefix("eicPrefix", text)),
                    optional(check, gridOperator, text -> Forms.eic("gridOperator", text, EicType.PARTY)),
                    optional(check, commodityFilter, text -> choice("commodityFilter", text, Commodity.class)));
            check.refuseIfAny();
            return query;
        }

        /** A page link's EIC ({@code after}, {@code before}); anything else is no EIC of this list. */
        static Optional<String> pageKey(String text) {
            return Optional.ofNullable(text)
                    .filter(key -> EIC_START.matcher(key).matches());
        }
    }

    private static final Pattern EIC_START = Pattern.compile("[0-9A-Z-]{1,16}");

    // An EIC's first characters, matched case-insensitively: EICs are upper case.
    private static String eicPrefix(String field, String text) {
        var prefix = text.toUpperCase(Locale.ROOT);
        if (!EIC_START.matcher(prefix).matches()) {
            throw new HubException(ErrorCode.INVALID_VALUE, field + " is not the start of an EIC", field, text);
        }
        return prefix;
    }

    /** A CSV file of metering points to import. */
    record ImportForm(MultipartFile file) {

        static ImportForm blank() {
            return new ImportForm(null);
        }

        byte[] bytes() {
            if (file == null || file.isEmpty()) {
                throw new HubException(ErrorCode.REQUIRED_FIELD, "Choose a CSV file", "file");
            }
            try {
                return file.getBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * The audit log's filters; times in Estonian time as a {@code datetime-local} field gives them. The
     * actor is a client id, a person's id or a person's name; {@code views} ("true") shows page views.
     */
    record AuditForm(
            String enquiry, String participant, String actor, String action, String from, String to, String views) {

        AuditForm {
            enquiry = orEmpty(enquiry);
            participant = orEmpty(participant);
            actor = orEmpty(actor);
            action = orEmpty(action);
            from = orEmpty(from);
            to = orEmpty(to);
            views = orEmpty(views);
        }

        static AuditForm blank() {
            return new AuditForm("", "", "", "", "", "", "");
        }

        public boolean showsViews() {
            return "true".equals(views);
        }

        /** The search; {@code subjectsNamed} finds the people an actor's name may be. */
        AuditSearch.Query query(Function<String, List<String>> subjectsNamed) {
            var check = new FormCheck();
            var actorText = text(actor);
            var actors = new LinkedHashSet<String>();
            if (!actorText.isEmpty()) {
                actors.add(actorText);
                actors.add(actorText.startsWith(AuditLines.PERSON) ? actorText : AuditLines.PERSON + actorText);
                subjectsNamed.apply(actorText).forEach(subject -> actors.add(AuditLines.PERSON + subject));
            }
            var query = new AuditSearch.Query(
                    optional(check, enquiry, text -> uuid("enquiry", text)),
                    optional(
                            check,
                            participant,
                            text -> Forms.eic("participant", text, EicType.PARTY)
                                    .value()),
                    List.copyOf(actors),
                    optional(check, action, text -> {
                        if (!AuditLines.EVENTS.contains(text)) {
                            throw new HubException(
                                    ErrorCode.INVALID_ENUM, "action has no value " + text, "action", text);
                        }
                        return text;
                    }),
                    optional(check, from, text -> tallinnTime("from", text)),
                    optional(check, to, text -> tallinnTime("to", text)),
                    showsViews());
            check.refuseIfAny();
            return query;
        }
    }

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
        for (var value : values) {
            chosen.add(choice(field, value, type));
        }
        if (chosen.isEmpty()) {
            throw new HubException(ErrorCode.REQUIRED_FIELD, "choose at least one " + field, field);
        }
        return chosen;
    }

    static Set<Permission> choices(String field, List<String> values) {
        return choices(field, values, Permission.class);
    }

    /** A text field that must not be blank. */
    static String required(String field, String value) {
        var stripped = text(value);
        if (stripped.isEmpty()) {
            throw new HubException(ErrorCode.REQUIRED_FIELD, field + " is required", field);
        }
        return stripped;
    }

    static Eic eic(String field, String text, EicType type) {
        var value = required(field, text);
        try {
            return Eic.parse(value, type);
        } catch (InvalidEicException e) {
            throw JsonObject.eicError(field, e);
        }
    }

    static List<String> listed(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private static <T> Optional<T> optional(FormCheck check, String text, Function<String, T> parse) {
        var value = text(text);
        return value.isEmpty() ? Optional.empty() : check.field(() -> parse.apply(value));
    }

    private static UUID uuid(String field, String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new HubException(ErrorCode.INVALID_UUID, field + " is not a UUID", field, text);
    }

    private static Instant tallinnTime(String field, String text) {
        try {
            return LocalDateTime.parse(text).atZone(WebConfiguration.TALLINN).toInstant();
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.INVALID_DATE_TIME, field + " is not a date and time", field, text);
        }
    }
}
