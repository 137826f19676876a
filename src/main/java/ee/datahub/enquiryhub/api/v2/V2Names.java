package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.access.ContextField;
import ee.datahub.enquiryhub.api.shared.EnquiryFields;
import ee.datahub.enquiryhub.api.shared.FieldNames;
import ee.datahub.enquiryhub.enquiry.Field;
import java.util.Optional;

/** v2 names the domain's fields by their top-level JSON names, the context by its headers, ids by their path names. */
final class V2Names implements FieldNames {

    static final V2Names INSTANCE = new V2Names();

    static final String PARTICIPANT = "x-market-participant-eic";
    static final String ROLE = "x-market-participant-role";
    static final String COMMODITY = "x-commodity-type";

    private V2Names() {}

    @Override
    public String field(Field field, Optional<Integer> item) {
        return switch (field) {
            case PERIOD_START -> "createdFrom";
            case CURSOR -> "after";
            case PAGE -> "page";
            default -> EnquiryFields.name(field);
        };
    }

    @Override
    public String context(ContextField field) {
        return switch (field) {
            case PARTICIPANT -> PARTICIPANT;
            case ROLE -> ROLE;
            case COMMODITY -> COMMODITY;
        };
    }

    @Override
    public String enquiryId() {
        return "id";
    }

    @Override
    public String answerId() {
        return "responseId";
    }
}
