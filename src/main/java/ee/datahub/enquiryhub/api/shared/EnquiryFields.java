package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.enquiry.AnswerChange;
import ee.datahub.enquiryhub.enquiry.Comment;
import ee.datahub.enquiryhub.enquiry.EnquiryChange;
import ee.datahub.enquiryhub.enquiry.NewAnswer;
import ee.datahub.enquiryhub.enquiry.NewEnquiry;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import java.util.Optional;

/**
 * The enquiry's and the answer's fields (spec §5.1), named the same in v1 and v2: read from the JSON
 * object that holds them, validated in order, the first error naming its JSON path.
 */
public final class EnquiryFields {

    public static final String[] ENQUIRY =
            {"meterEic", "customerEic", "topic", "reference", "requestStatus", "requestComment", "receiverEic"};
    public static final String[] ANSWER = {"requestStatus", "responseComment"};
    private static final String[] REFERENCE = {"referenceType", "referenceValue"};
    private static final Optional<EicType> PARTY = Optional.of(EicType.PARTY);
    private static final Optional<EicType> METERING_POINT = Optional.of(EicType.METERING_POINT);
    private static final Optional<EicType> ANY = Optional.empty();

    private EnquiryFields() {}

    /** A new enquiry; its {@code requestStatus} is required in v1, optional (OPEN) in v2. */
    public static NewEnquiry newEnquiry(JsonObject request, boolean statusRequired) {
        var meter = request.requiredEic("meterEic", METERING_POINT);
        var customer = request.requiredEic("customerEic", ANY);
        var topic = request.requiredEnum("topic", Topic.class);
        var reference = reference(request);
        var status = statusRequired ? request.requiredEnum("requestStatus", RequestStatus.class)
                : request.enumValue("requestStatus", RequestStatus.class).orElse(RequestStatus.OPEN);
        var comment = request.text("requestComment", Comment.MAX_LENGTH);
        var receiver = request.eic("receiverEic", PARTY);
        return new NewEnquiry(meter, customer, topic, reference, status, comment, receiver);
    }

    /** A change of an enquiry: every field optional, at least one set. */
    public static EnquiryChange enquiryChange(JsonObject change) {
        var parsed = new EnquiryChange(change.eic("meterEic", METERING_POINT), change.eic("customerEic", ANY),
                change.enumValue("topic", Topic.class), reference(change), change.enumValue("requestStatus", RequestStatus.class),
                change.text("requestComment", Comment.MAX_LENGTH), change.eic("receiverEic", PARTY));
        if (parsed.isEmpty()) {
            throw new HubException(ErrorCode.INVALID_VALUE, nameOf(change) + " changes nothing: set at least one field",
                    nameOf(change));
        }
        return parsed;
    }

    public static NewAnswer newAnswer(JsonObject answer) {
        return new NewAnswer(answer.requiredEnum("requestStatus", RequestStatus.class),
                answer.text("responseComment", Comment.MAX_LENGTH));
    }

    /** A change of an answer: requestStatus or responseComment, at least one. */
    public static AnswerChange answerChange(JsonObject change) {
        var parsed = new AnswerChange(change.enumValue("requestStatus", RequestStatus.class),
                change.text("responseComment", Comment.MAX_LENGTH));
        if (parsed.isEmpty()) {
            throw new HubException(ErrorCode.INVALID_VALUE,
                    nameOf(change) + " changes nothing: set requestStatus or responseComment", nameOf(change));
        }
        return parsed;
    }

    private static String nameOf(JsonObject object) {
        var path = object.pathOf("");
        return path.isEmpty() ? "body" : path;
    }

    private static Optional<Reference> reference(JsonObject request) {
        return request.object("reference", REFERENCE).map(reference -> {
            var type = reference.requiredEnum("referenceType", ReferenceType.class);
            reference.required("referenceValue");
            var value = reference.text("referenceValue", Reference.MAX_LENGTH).orElseThrow();
            if (value.isEmpty()) {
                throw new HubException(ErrorCode.INVALID_VALUE, reference.pathOf("referenceValue") + " must not be empty",
                        reference.pathOf("referenceValue"));
            }
            return new Reference(type, value);
        });
    }
}
