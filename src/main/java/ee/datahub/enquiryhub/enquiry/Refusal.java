package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Why the enquiry process refuses a command, in the domain's own terms (spec §4.1's 400, 404, 412
 * and 422 rules). Each door maps a refusal to its status, code, field name and language.
 */
public sealed interface Refusal {

    /** The field this refusal is about, if it is about one. */
    default Optional<Field> about() {
        return switch (this) {
            case InvalidStatusTransition r -> Optional.of(r.field());
            case ReceiverUnresolvable r -> Optional.of(r.field());
            case ReferenceRequired r -> Optional.of(r.field());
            case MeterChangeAfterResponse r -> Optional.of(r.field());
            case ChangePeriodBeyondRetention r -> Optional.of(r.field());
            case BeyondResultWindow r -> Optional.of(r.field());
            case UnknownCursor r -> Optional.of(r.field());
            case CursorBeyondFeed r -> Optional.of(r.field());
            case InvalidValue r -> Optional.of(r.field());
            case EnquiryNotFound r -> Optional.empty();
            case AnswerNotFound r -> Optional.empty();
            case VersionConflict r -> Optional.empty();
            case ProcessTerminated r -> Optional.empty();
            case NothingToChange r -> Optional.empty();
        };
    }

    /** No such enquiry, or one the caller's side does not see (the two are indistinguishable). */
    record EnquiryNotFound(EnquiryId id) implements Refusal {}

    /** No such answer, or not one the caller wrote. */
    record AnswerNotFound(AnswerId id) implements Refusal {}

    /** The caller expected another version of the enquiry than the current one. */
    record VersionConflict(EnquiryId id, long expected, long current) implements Refusal {}

    /** The enquiry is closed or cancelled: nothing more may be written to it. */
    record ProcessTerminated(EnquiryId id, RequestStatus status) implements Refusal {}

    /** A known status that is not allowed here (a create that is not OPEN, an answer that cancels). */
    record InvalidStatusTransition(Field field, RequestStatus given, Set<RequestStatus> allowed) implements Refusal {
        public InvalidStatusTransition {
            allowed = Set.copyOf(allowed);
        }
    }

    /**
     * No receiver: the metering point has no grid operator in the commodity ({@code field} METER), or
     * the given receiver is not a grid operator or closed distribution network in it (RECEIVER).
     */
    record ReceiverUnresolvable(Field field, Eic eic, Commodity commodity) implements Refusal {}

    /** An enquiry about an invoice needs a reference to it. */
    record ReferenceRequired(Field field) implements Refusal {}

    /** The metering point or receiver may not change once the enquiry has been answered. */
    record MeterChangeAfterResponse(Field field) implements Refusal {}

    /** A change-feed period starting before the oldest change the feed keeps. */
    record ChangePeriodBeyondRetention(Field field, Instant requested, Instant earliest) implements Refusal {}

    /** A page that starts beyond the first {@code max} results of a longer result. */
    record BeyondResultWindow(Field field, int page, int max) implements Refusal {}

    /** A change-feed cursor the hub did not issue. */
    record UnknownCursor(Field field) implements Refusal {}

    /**
     * A change-feed cursor past the changes the feed holds: issued before the database was restored to
     * an earlier point in time, so the changes it follows are gone (or others took their numbers).
     */
    record CursorBeyondFeed(Field field) implements Refusal {}

    /** A field's value breaks a value rule (spec §4.1's 400s): required, EIC, literal, length. */
    record InvalidValue(Field field, Reason reason) implements Refusal {}

    /** A change that sets no field at all. */
    record NothingToChange() implements Refusal {}
}
