package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.access.ContextField;
import ee.datahub.enquiryhub.api.shared.EnquiryFields;
import ee.datahub.enquiryhub.api.shared.FieldNames;
import ee.datahub.enquiryhub.enquiry.Field;
import java.util.Optional;

/**
 * The JSON paths v1 names the domain's fields by: {@code prefix} is the object of the message that
 * holds them ({@code directMessageRequest[3]}, {@code directMessageRequestChange}, …).
 */
record V1Names(String prefix, boolean indexed) implements FieldNames {

    /** Names outside any enquiry object (context, ids, the feed's period). */
    static final V1Names MESSAGE = new V1Names("", false);

    /** The enquiries of a create: {@code directMessageRequest[i]} when sent as an array, else without index. */
    static V1Names create(boolean array) {
        return new V1Names("directMessageRequest", array);
    }

    static final V1Names CHANGE = new V1Names("directMessageRequestChange", false);
    static final V1Names ANSWER = new V1Names("directMessageResponse", false);
    static final V1Names CHANGE_ANSWER = new V1Names("directMessageResponseChange", false);

    @Override
    public String field(Field field, Optional<Integer> item) {
        var name = switch (field) {
            case PERIOD_START -> "updatePeriodStart";
            case CURSOR -> "cursor";
            case PAGE -> "pagination.page";
            default -> EnquiryFields.name(field);
        };
        if (prefix.isEmpty()) {
            return name;
        }
        return prefix + (indexed ? "[" + item.orElse(0) + "]" : "") + "." + name;
    }

    @Override
    public String context(ContextField field) {
        return "marketParticipantContext."
                + switch (field) {
                    case PARTICIPANT -> "marketParticipantIdentification";
                    case ROLE -> "marketParticipantRole";
                    case COMMODITY -> "commodityType";
                };
    }

    @Override
    public String enquiryId() {
        return "messageRequestId";
    }

    @Override
    public String answerId() {
        return "messageResponseId";
    }
}
