package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.access.AccessRefusal;
import ee.datahub.enquiryhub.access.AccessRefused;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.Refusal;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.RegisterRefused;
import ee.datahub.enquiryhub.person.PersonRefused;
import ee.datahub.enquiryhub.platform.HubTime;
import ee.datahub.enquiryhub.write.DocumentIdConflict;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says the domain's refusals the API's way: the spec's code (§4.1), an English message for a person,
 * and {@code args} naming the field first (by the door's {@link FieldNames}), then the rejected
 * value and what was expected. The web interface takes the code and args and says them in the
 * person's language.
 */
public final class Refusals {

    private Refusals() {}

    /** The hub error for what a door's work threw, if it is a client's mistake; empty for anything else. */
    public static Optional<HubException> of(RuntimeException thrown, FieldNames names) {
        return switch (thrown) {
            case HubException error -> Optional.of(error);
            case Refused refused -> Optional.of(of(refused, names));
            case AccessRefused refused -> Optional.of(of(refused.refusal(), names));
            case DocumentIdConflict conflict -> Optional.of(of(conflict));
            case RegisterRefused refused -> Optional.of(RegisterRefusals.of(refused.refusal()));
            case PersonRefused refused -> Optional.of(RegisterRefusals.of(refused.refusal()));
            default -> Optional.empty();
        };
    }

    /** Every refusal of {@code refused}, in its order (the web shows them all; the APIs the first). */
    public static List<HubException> all(Refused refused, FieldNames names) {
        return refused.refusals().stream()
                .map(refusal -> of(refusal, refused.item(), names))
                .toList();
    }

    static HubException of(Refused refused, FieldNames names) {
        return of(refused.refusal(), refused.item(), names);
    }

    private static HubException of(Refusal refusal, Optional<Integer> item, FieldNames names) {
        return switch (refusal) {
            case Refusal.EnquiryNotFound r ->
                new HubException(
                        ErrorCode.DIRECT_MESSAGE_NOT_FOUND,
                        "Enquiry " + r.id() + " was not found",
                        names.enquiryId(),
                        r.id().toString());
            case Refusal.AnswerNotFound r ->
                new HubException(
                        ErrorCode.DIRECT_MESSAGE_RESPONSE_NOT_FOUND,
                        "Answer " + r.id() + " was not found",
                        names.answerId(),
                        r.id().toString());
            case Refusal.VersionConflict r ->
                new HubException(
                        ErrorCode.VERSION_CONFLICT,
                        "Enquiry " + r.id() + " is at version " + r.current() + ", not " + r.expected()
                                + "; read it again and reapply your change",
                        "If-Match",
                        "\"" + r.expected() + "\"",
                        "\"" + r.current() + "\"");
            case Refusal.ProcessTerminated r ->
                new HubException(
                        ErrorCode.PROCESS_TERMINATED,
                        "Enquiry " + r.id() + " is " + (r.status() == RequestStatus.CLOSE ? "closed" : "cancelled")
                                + "; it can no longer be changed or answered",
                        names.enquiryId(),
                        r.id().toString(),
                        r.status().name());
            case Refusal.InvalidStatusTransition r ->
                new HubException(
                        ErrorCode.INVALID_STATUS_TRANSITION,
                        r.field() == Field.STATUS
                                ? "A new enquiry must have requestStatus OPEN, not " + r.given()
                                : "An answer has requestStatus OPEN (interim) or CLOSE (final), not " + r.given(),
                        names.field(r.field(), item),
                        r.given().name(),
                        r.allowed().stream()
                                .map(Enum::name)
                                .sorted(java.util.Comparator.reverseOrder())
                                .collect(Collectors.joining(" or ")));
            case Refusal.ReceiverUnresolvable r ->
                new HubException(
                        ErrorCode.RECEIVER_CANNOT_BE_RESOLVED,
                        r.field() == Field.METER
                                ? "No grid operator is registered for metering point " + r.eic() + " in "
                                        + r.commodity() + "; give receiverEic or check meterEic"
                                : r.eic() + " is not a registered grid operator or closed distribution network in "
                                        + r.commodity(),
                        names.field(r.field(), item),
                        r.eic().value());
            case Refusal.ReferenceRequired r ->
                new HubException(
                        ErrorCode.REFERENCE_REQUIRED,
                        "An enquiry with topic INVOICE needs a reference to the invoice",
                        names.field(r.field(), item));
            case Refusal.MeterChangeAfterResponse r ->
                new HubException(
                        ErrorCode.METER_CHANGE_AFTER_RESPONSE,
                        "meterEic and receiverEic cannot change once the enquiry has been answered",
                        names.field(r.field(), item));
            case Refusal.ChangePeriodBeyondRetention r ->
                new HubException(
                        ErrorCode.CHANGE_PERIOD_BEYOND_RETENTION,
                        "The change feed keeps changes since " + HubTime.format(r.earliest())
                                + "; start at that time or later",
                        names.field(r.field(), item),
                        HubTime.format(r.requested()),
                        HubTime.format(r.earliest()));
            case Refusal.BeyondResultWindow r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "Only the first " + r.max() + " results are paged; narrow the filters (e.g. by creation time)"
                                + " or follow the change feed",
                        names.field(r.field(), item),
                        String.valueOf(r.page()),
                        String.valueOf(r.max()));
            case Refusal.UnknownCursor r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "This cursor was not issued by the hub; pass the nextCursor of an earlier answer, or none to start"
                                + " from the oldest retained change",
                        names.field(r.field(), item));
            case Refusal.CursorBeyondFeed r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "This cursor follows changes the hub no longer has: its database was restored to an earlier point"
                                + " in time. Read again without a cursor (from the oldest retained change) and keep the"
                                + " latest version of each enquiry",
                        names.field(r.field(), item));
            case Refusal.InvalidValue r -> JsonObject.invalid(r.reason(), names.field(r.field(), item));
            case Refusal.NothingToChange r ->
                new HubException(ErrorCode.INVALID_VALUE, "The change sets no field", "body");
        };
    }

    static HubException of(AccessRefusal refusal, FieldNames names) {
        var field = refusal.field().map(names::context).orElse("permission");
        return switch (refusal) {
            case AccessRefusal.NotRepresented r ->
                new HubException(
                        ErrorCode.UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT,
                        r.participant() + " is not a participant you act for",
                        field,
                        r.participant().value());
            case AccessRefusal.UnknownParticipant r ->
                new HubException(
                        ErrorCode.UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT,
                        r.participant() + " is not a registered market participant",
                        field,
                        r.participant().value());
            case AccessRefusal.RoleNotHeld r ->
                new HubException(
                        ErrorCode.UNPROCESSABLE_MARKET_PARTICIPANT_CONTEXT,
                        r.participant() + " does not hold the market role " + r.role(),
                        field,
                        r.role().name());
            case AccessRefusal.CommodityNotHeld r ->
                new HubException(
                        ErrorCode.COMMODITY_TYPE_MISMATCH,
                        r.participant() + " is not registered for " + r.commodity(),
                        field,
                        r.commodity().name());
            case AccessRefusal.RoleNotAllowed r -> {
                var allowed = r.allowed().stream().map(Enum::name).sorted().collect(Collectors.joining(" or "));
                yield new HubException(
                        ErrorCode.INCORRECT_MARKET_PARTICIPANT_ROLE,
                        "This message is allowed only in the role " + allowed + ", not " + r.role(),
                        field,
                        r.role().name(),
                        allowed);
            }
            case AccessRefusal.PermissionMissing r ->
                new HubException(
                        ErrorCode.INSUFFICIENT_PERMISSION,
                        r.actorId() + " lacks the permission " + r.needed() + " for this message",
                        field,
                        r.needed().name());
        };
    }

    static HubException of(DocumentIdConflict conflict) {
        return new HubException(
                ErrorCode.DOCUMENT_IDENTIFICATION_CONFLICT,
                "x-document-identification " + conflict.documentId() + " was already used for "
                        + (conflict.sameOperation()
                                ? "another request body"
                                : "another message (" + conflict.firstOperation() + ")"),
                "x-document-identification",
                conflict.documentId().toString());
    }
}
