package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The enquiry aggregate: guards its lifecycle (spec §5.3). Loaded under a row lock, changed by its
 * methods, written back with its version checked.
 */
final class Enquiry {

    final UUID id;
    final Commodity commodity;
    final Eic sender;
    Eic receiver;
    boolean receiverGiven;
    Eic meter;
    Eic customer;
    Topic topic;
    Optional<Reference> reference;
    RequestStatus status;
    Optional<String> comment;
    boolean answered;
    int version;
    final Instant createdAt;
    Instant updatedAt;

    Enquiry(UUID id, Commodity commodity, Eic sender, Eic receiver, boolean receiverGiven, Eic meter, Eic customer,
            Topic topic, Optional<Reference> reference, RequestStatus status, Optional<String> comment, boolean answered,
            int version, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.commodity = commodity;
        this.sender = sender;
        this.receiver = receiver;
        this.receiverGiven = receiverGiven;
        this.meter = meter;
        this.customer = customer;
        this.topic = topic;
        this.reference = reference;
        this.status = status;
        this.comment = comment;
        this.answered = answered;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /**
     * A new enquiry; the receiver is already resolved. {@code path} is where the request names it
     * ({@code directMessageRequest[3]}), for the errors.
     */
    static Enquiry open(UUID id, Commodity commodity, Eic sender, Eic receiver, boolean receiverGiven, NewEnquiry request,
            Instant now, String path) {
        requireOpenOnCreate(request, path);
        var enquiry = new Enquiry(id, commodity, sender, receiver, receiverGiven, request.meter(), request.customer(),
                request.topic(), request.reference(), RequestStatus.OPEN, request.comment(), false, 1, now, now);
        enquiry.requireReferenceForInvoice(path + ".reference");
        return enquiry;
    }

    /** A new enquiry is always OPEN; checked before anything else about it. */
    static void requireOpenOnCreate(NewEnquiry request, String path) {
        if (request.status() != RequestStatus.OPEN) {
            throw new HubException(ErrorCode.INVALID_STATUS_TRANSITION,
                    "A new enquiry must have requestStatus OPEN, not " + request.status(), path + ".requestStatus",
                    request.status().name(), "OPEN");
        }
    }

    /**
     * Applies the supplier's change. {@code resolveReceiver} finds the grid operator of a new metering
     * point; {@code checkReceiver} refuses a given receiver that cannot receive. Returns false when the
     * change alters nothing.
     */
    boolean change(EnquiryChange change, Function<Eic, Eic> resolveReceiver, Function<Eic, Eic> checkReceiver, Instant now) {
        requireOpen();
        boolean meterChanges = change.meter().filter(m -> !m.equals(meter)).isPresent();
        boolean receiverChanges = change.receiver().filter(r -> !r.equals(receiver)).isPresent();
        if (answered && (meterChanges || receiverChanges)) {
            throw new HubException(ErrorCode.METER_CHANGE_AFTER_RESPONSE,
                    "meterEic and receiverEic cannot change once the enquiry has been answered",
                    meterChanges ? "directMessageRequestChange.meterEic" : "directMessageRequestChange.receiverEic");
        }
        boolean changed = false;
        if (meterChanges) {
            meter = change.meter().get();
            changed = true;
        }
        if (change.receiver().isPresent()) {
            var given = checkReceiver.apply(change.receiver().get());
            changed |= !given.equals(receiver);
            receiver = given;
            receiverGiven = true;
        } else if (meterChanges && !receiverGiven) {
            var resolved = resolveReceiver.apply(meter);
            changed |= !resolved.equals(receiver);
            receiver = resolved;
        }
        if (change.customer().filter(c -> !c.equals(customer)).isPresent()) {
            customer = change.customer().get();
            changed = true;
        }
        if (change.topic().filter(t -> t != topic).isPresent()) {
            topic = change.topic().get();
            changed = true;
        }
        if (change.reference().filter(r -> !reference.equals(Optional.of(r))).isPresent()) {
            reference = change.reference();
            changed = true;
        }
        if (change.comment().filter(c -> !comment.equals(Optional.of(c))).isPresent()) {
            comment = change.comment();
            changed = true;
        }
        if (change.status().filter(s -> s != status).isPresent()) {
            status = change.status().get();
            changed = true;
        }
        requireReferenceForInvoice("directMessageRequestChange.reference");
        if (changed) {
            touch(now);
        }
        return changed;
    }

    /** Records that an answer was given; a final answer closes the enquiry. Returns whether the enquiry changed. */
    boolean answeredWith(RequestStatus answerStatus, Instant now) {
        requireOpen();
        requireAnswerStatus(answerStatus, "directMessageResponse.requestStatus");
        answered = true;
        if (answerStatus == RequestStatus.CLOSE) {
            status = RequestStatus.CLOSE;
            touch(now);
            return true;
        }
        return false;
    }

    void requireOpen() {
        if (status.isFinal()) {
            throw new HubException(ErrorCode.PROCESS_TERMINATED,
                    "Enquiry " + id + " is " + (status == RequestStatus.CLOSE ? "closed" : "cancelled")
                            + "; it can no longer be changed or answered",
                    "messageRequestId", id.toString(), status.name());
        }
    }

    static void requireAnswerStatus(RequestStatus answerStatus, String where) {
        if (answerStatus == RequestStatus.CANCEL) {
            throw new HubException(ErrorCode.INVALID_STATUS_TRANSITION,
                    "An answer has requestStatus OPEN (interim) or CLOSE (final), not CANCEL", where, "CANCEL",
                    "OPEN or CLOSE");
        }
    }

    private void requireReferenceForInvoice(String where) {
        if (topic == Topic.INVOICE && reference.isEmpty()) {
            throw new HubException(ErrorCode.REFERENCE_REQUIRED,
                    "An enquiry with topic INVOICE needs a reference to the invoice", where);
        }
    }

    private void touch(Instant now) {
        version++;
        updatedAt = now;
    }

    MessageView view() {
        return new MessageView(id, Optional.empty(), updatedAt, sender, receiver, meter, customer, topic, reference, status,
                comment, Optional.empty());
    }

    MessageView viewWith(Answer answer) {
        return new MessageView(id, Optional.of(answer.id), answer.updatedAt, sender, receiver, meter, customer, topic,
                reference, status, comment, answer.comment);
    }
}
