package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.enquiry.AnswerChange;
import ee.datahub.enquiryhub.enquiry.AnswerDraft;
import ee.datahub.enquiryhub.enquiry.EnquiryChange;
import ee.datahub.enquiryhub.enquiry.EnquiryDraft;
import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.NewAnswer;
import ee.datahub.enquiryhub.enquiry.NewEnquiry;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import java.util.Optional;

/**
 * The enquiry's and the answer's fields (spec §5.1), named the same in v1 and v2: read from the JSON
 * object that holds them into the domain's drafts, whose rules check them; the first error, in the
 * fields' order, names its JSON path.
 */
public final class EnquiryFields {

    public static final String[] ENQUIRY = {
        "meterEic", "customerEic", "topic", "reference", "requestStatus", "requestComment", "receiverEic"
    };
    public static final String[] ANSWER = {"requestStatus", "responseComment"};
    private static final String[] REFERENCE = {"referenceType", "referenceValue"};

    private EnquiryFields() {}

    /** The JSON name of a field of the enquiry, the answer or a list's filters (the same in v1 and v2). */
    public static String name(Field field) {
        return switch (field) {
            case METER -> "meterEic";
            case CUSTOMER -> "customerEic";
            case TOPIC -> "topic";
            case REFERENCE -> "reference";
            case REFERENCE_TYPE -> "reference.referenceType";
            case REFERENCE_VALUE -> "reference.referenceValue";
            case STATUS, ANSWER_STATUS -> "requestStatus";
            case REQUEST_COMMENT -> "requestComment";
            case RECEIVER -> "receiverEic";
            case ANSWER_COMMENT -> "responseComment";
            case SENDER -> "senderEic";
            case SEARCH_TEXT -> "q";
            case PERIOD_START, CURSOR, PAGE -> throw new IllegalArgumentException(field + " is named by each API");
        };
    }

    /** A new enquiry; its {@code requestStatus} is required in v1, optional (OPEN) in v2. */
    public static NewEnquiry newEnquiry(JsonObject request, boolean statusRequired) {
        var fields = new DraftFields(request);
        var draft = enquiry(fields, !statusRequired);
        return fields.read(EnquiryDraft.FIELDS, draft::toNew, "");
    }

    /** A change of an enquiry: every field optional, at least one set. */
    public static EnquiryChange enquiryChange(JsonObject change) {
        var fields = new DraftFields(change);
        var draft = enquiry(fields, false);
        return fields.read(EnquiryDraft.FIELDS, draft::toChange, " changes nothing: set at least one field");
    }

    public static NewAnswer newAnswer(JsonObject answer) {
        var fields = new DraftFields(answer);
        var draft = answer(fields);
        return fields.read(AnswerDraft.FIELDS, draft::toNew, "");
    }

    /** A change of an answer: requestStatus or responseComment, at least one. */
    public static AnswerChange answerChange(JsonObject change) {
        var fields = new DraftFields(change);
        var draft = answer(fields);
        return fields.read(
                AnswerDraft.FIELDS, draft::toChange, " changes nothing: set requestStatus or responseComment");
    }

    private static EnquiryDraft enquiry(DraftFields fields, boolean openUnlessGiven) {
        var meter = fields.text(Field.METER, "meterEic");
        var customer = fields.text(Field.CUSTOMER, "customerEic");
        var topic = fields.text(Field.TOPIC, "topic");
        var reference = fields.object(Field.REFERENCE, "reference", REFERENCE)
                .map(given -> new EnquiryDraft.ReferenceDraft(
                        given.text(Field.REFERENCE_TYPE, "referenceType"),
                        given.text(Field.REFERENCE_VALUE, "referenceValue")));
        var status = fields.text(Field.STATUS, "requestStatus");
        return new EnquiryDraft(
                meter,
                customer,
                topic,
                reference,
                openUnlessGiven ? status.or(() -> Optional.of(RequestStatus.OPEN.name())) : status,
                fields.text(Field.REQUEST_COMMENT, "requestComment"),
                fields.text(Field.RECEIVER, "receiverEic"));
    }

    private static AnswerDraft answer(DraftFields fields) {
        return new AnswerDraft(
                fields.text(Field.ANSWER_STATUS, "requestStatus"),
                fields.text(Field.ANSWER_COMMENT, "responseComment"));
    }
}
