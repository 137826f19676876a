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
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The enquiry's and the answer's fields (spec §5.1), named the same in v1 and v2: read from the JSON
 * object that holds them, validated in order, the first error naming its JSON path. The web forms read
 * the same fields with the same rules but want every field's error at once: each reader also takes a
 * consumer of field errors and then goes on with the next field.
 */
public final class EnquiryFields {

    public static final String[] ENQUIRY = {
        "meterEic", "customerEic", "topic", "reference", "requestStatus", "requestComment", "receiverEic"
    };
    public static final String[] ANSWER = {"requestStatus", "responseComment"};
    private static final String[] REFERENCE = {"referenceType", "referenceValue"};
    private static final Optional<EicType> PARTY = Optional.of(EicType.PARTY);
    private static final Optional<EicType> METERING_POINT = Optional.of(EicType.METERING_POINT);
    private static final Optional<EicType> ANY = Optional.empty();

    /** The APIs' way: the first field error is the answer. */
    private static final Consumer<HubException> FIRST = error -> {
        throw error;
    };

    private EnquiryFields() {}

    /** A new enquiry; its {@code requestStatus} is required in v1, optional (OPEN) in v2. */
    public static NewEnquiry newEnquiry(JsonObject request, boolean statusRequired) {
        return newEnquiry(request, statusRequired, FIRST).orElseThrow();
    }

    /** {@link #newEnquiry(JsonObject, boolean)}, each field's error handed to {@code errors}; empty if any. */
    public static Optional<NewEnquiry> newEnquiry(
            JsonObject request, boolean statusRequired, Consumer<HubException> errors) {
        var meter = field(errors, () -> request.requiredEic("meterEic", METERING_POINT));
        var customer = field(errors, () -> request.requiredEic("customerEic", ANY));
        var topic = field(errors, () -> request.requiredEnum("topic", Topic.class));
        var reference = field(errors, () -> reference(request));
        var status = field(
                errors,
                () -> statusRequired
                        ? request.requiredEnum("requestStatus", RequestStatus.class)
                        : request.enumValue("requestStatus", RequestStatus.class)
                                .orElse(RequestStatus.OPEN));
        var comment = field(errors, () -> request.text("requestComment", Comment.MAX_LENGTH));
        var receiver = field(errors, () -> request.eic("receiverEic", PARTY));
        if (anyMissing(meter, customer, topic, reference, status, comment, receiver)) {
            return Optional.empty();
        }
        return Optional.of(new NewEnquiry(
                meter.get(),
                customer.get(),
                topic.get(),
                reference.get(),
                status.get(),
                comment.get(),
                receiver.get()));
    }

    /** A change of an enquiry: every field optional, at least one set. */
    public static EnquiryChange enquiryChange(JsonObject change) {
        return enquiryChange(change, FIRST).orElseThrow();
    }

    /** {@link #enquiryChange(JsonObject)}, each field's error handed to {@code errors}; empty if any. */
    public static Optional<EnquiryChange> enquiryChange(JsonObject change, Consumer<HubException> errors) {
        var meter = field(errors, () -> change.eic("meterEic", METERING_POINT));
        var customer = field(errors, () -> change.eic("customerEic", ANY));
        var topic = field(errors, () -> change.enumValue("topic", Topic.class));
        var reference = field(errors, () -> reference(change));
        var status = field(errors, () -> change.enumValue("requestStatus", RequestStatus.class));
        var comment = field(errors, () -> change.text("requestComment", Comment.MAX_LENGTH));
        var receiver = field(errors, () -> change.eic("receiverEic", PARTY));
        if (anyMissing(meter, customer, topic, reference, status, comment, receiver)) {
            return Optional.empty();
        }
        var parsed = new EnquiryChange(
                meter.get(), customer.get(), topic.get(), reference.get(), status.get(), comment.get(), receiver.get());
        if (parsed.isEmpty()) {
            errors.accept(new HubException(
                    ErrorCode.INVALID_VALUE,
                    nameOf(change) + " changes nothing: set at least one field",
                    nameOf(change)));
            return Optional.empty();
        }
        return Optional.of(parsed);
    }

    public static NewAnswer newAnswer(JsonObject answer) {
        return newAnswer(answer, FIRST).orElseThrow();
    }

    /** {@link #newAnswer(JsonObject)}, each field's error handed to {@code errors}; empty if any. */
    public static Optional<NewAnswer> newAnswer(JsonObject answer, Consumer<HubException> errors) {
        var status = field(errors, () -> answer.requiredEnum("requestStatus", RequestStatus.class));
        var comment = field(errors, () -> answer.text("responseComment", Comment.MAX_LENGTH));
        if (anyMissing(status, comment)) {
            return Optional.empty();
        }
        return Optional.of(new NewAnswer(status.get(), comment.get()));
    }

    /** A change of an answer: requestStatus or responseComment, at least one. */
    public static AnswerChange answerChange(JsonObject change) {
        return answerChange(change, FIRST).orElseThrow();
    }

    /** {@link #answerChange(JsonObject)}, each field's error handed to {@code errors}; empty if any. */
    public static Optional<AnswerChange> answerChange(JsonObject change, Consumer<HubException> errors) {
        var status = field(errors, () -> change.enumValue("requestStatus", RequestStatus.class));
        var comment = field(errors, () -> change.text("responseComment", Comment.MAX_LENGTH));
        if (anyMissing(status, comment)) {
            return Optional.empty();
        }
        var parsed = new AnswerChange(status.get(), comment.get());
        if (parsed.isEmpty()) {
            errors.accept(new HubException(
                    ErrorCode.INVALID_VALUE,
                    nameOf(change) + " changes nothing: set requestStatus or responseComment",
                    nameOf(change)));
            return Optional.empty();
        }
        return Optional.of(parsed);
    }

    /** Reads one field; its error goes to {@code errors} (which may throw it) and leaves it empty. */
    private static <T> Optional<T> field(Consumer<HubException> errors, Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (HubException error) {
            errors.accept(error);
            return Optional.empty();
        }
    }

    private static boolean anyMissing(Optional<?>... fields) {
        return Stream.of(fields).anyMatch(Optional::isEmpty);
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
                throw new HubException(
                        ErrorCode.INVALID_VALUE,
                        reference.pathOf("referenceValue") + " must not be empty",
                        reference.pathOf("referenceValue"));
            }
            return new Reference(type, value);
        });
    }
}
