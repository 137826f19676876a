package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The enquiry aggregate: guards its lifecycle (spec §5.3). Loaded under a row lock, changed by its
 * methods, written back with its version checked. Its version counts every write to the enquiry or
 * to one of its answers.
 */
final class Enquiry {

    final EnquiryId id;
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
    long version;
    final Instant createdAt;
    Instant updatedAt;
    /** When the receiver owes its final answer. */
    final Instant dueAt;
    /** When a final answer closed it, if one did. */
    Optional<Instant> finalAnswerAt;

    Enquiry(
            EnquiryId id,
            Commodity commodity,
            Eic sender,
            Eic receiver,
            boolean receiverGiven,
            Eic meter,
            Eic customer,
            Topic topic,
            Optional<Reference> reference,
            RequestStatus status,
            Optional<String> comment,
            boolean answered,
            long version,
            Instant createdAt,
            Instant updatedAt,
            Instant dueAt,
            Optional<Instant> finalAnswerAt) {
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
        this.dueAt = dueAt;
        this.finalAnswerAt = finalAnswerAt;
    }

    /** A new enquiry, version 1; the receiver is already resolved. */
    static Enquiry open(
            EnquiryId id,
            Commodity commodity,
            Eic sender,
            Eic receiver,
            boolean receiverGiven,
            NewEnquiry request,
            Instant now,
            Instant dueAt) {
        requireOpenOnCreate(request.status());
        var enquiry = new Enquiry(
                id,
                commodity,
                sender,
                receiver,
                receiverGiven,
                request.meter(),
                request.customer(),
                request.topic(),
                request.reference(),
                RequestStatus.OPEN,
                request.comment().map(Comment::text),
                false,
                1,
                now,
                now,
                dueAt,
                Optional.empty());
        enquiry.requireReferenceForInvoice();
        return enquiry;
    }

    /** A new enquiry is always OPEN; checked before anything else about it. */
    static void requireOpenOnCreate(RequestStatus status) {
        if (status != RequestStatus.OPEN) {
            throw new Refused(new Refusal.InvalidStatusTransition(Field.STATUS, status, Set.of(RequestStatus.OPEN)));
        }
    }

    /** Refuses a command that expected another version (after not-found, before the business rules). */
    void requireVersion(Optional<Long> expected) {
        if (expected.isPresent() && expected.get() != version) {
            throw new Refused(new Refusal.VersionConflict(id, expected.get(), version));
        }
    }

    /**
     * Applies the supplier's change. {@code resolveReceiver} finds the grid operator of a new metering
     * point; {@code checkReceiver} refuses a given receiver that cannot receive. Returns false when the
     * change alters nothing.
     */
    boolean change(
            EnquiryChange change, Function<Eic, Eic> resolveReceiver, Function<Eic, Eic> checkReceiver, Instant now) {
        requireOpen();
        boolean meterChanges = change.meter().filter(m -> !m.equals(meter)).isPresent();
        boolean receiverChanges =
                change.receiver().filter(r -> !r.equals(receiver)).isPresent();
        if (answered && (meterChanges || receiverChanges)) {
            throw new Refused(new Refusal.MeterChangeAfterResponse(meterChanges ? Field.METER : Field.RECEIVER));
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
        var newComment = change.comment().map(Comment::text);
        if (newComment.filter(c -> !comment.equals(Optional.of(c))).isPresent()) {
            comment = newComment;
            changed = true;
        }
        if (change.status().filter(s -> s != status).isPresent()) {
            status = change.status().get();
            changed = true;
        }
        requireReferenceForInvoice();
        if (changed) {
            version++;
            updatedAt = now;
        }
        return changed;
    }

    /** Takes a new answer; a final answer closes the enquiry. */
    Answer answer(AnswerId answerId, Eic author, NewAnswer request, Instant now) {
        requireOpen();
        requireAnswerStatus(request.status());
        answered = true;
        version++;
        if (request.status() == RequestStatus.CLOSE) {
            status = RequestStatus.CLOSE;
            updatedAt = now;
            finalAnswerAt = Optional.of(now);
        }
        return new Answer(
                answerId, id, author, request.status(), request.comment().map(Comment::text), 1, now, now);
    }

    /** Applies its author's change to an answer; returns false when it alters nothing. */
    boolean changeAnswer(Answer answer, AnswerChange change, Instant now) {
        requireOpen();
        change.status().ifPresent(Enquiry::requireAnswerStatus);
        if (!answer.change(change, now)) {
            return false;
        }
        version++;
        if (answer.status == RequestStatus.CLOSE) {
            status = RequestStatus.CLOSE;
            updatedAt = now;
            finalAnswerAt = Optional.of(now);
        }
        return true;
    }

    void requireOpen() {
        if (status.isFinal()) {
            throw new Refused(new Refusal.ProcessTerminated(id, status));
        }
    }

    private static void requireAnswerStatus(RequestStatus answerStatus) {
        if (answerStatus == RequestStatus.CANCEL) {
            throw new Refused(new Refusal.InvalidStatusTransition(
                    Field.ANSWER_STATUS, answerStatus, Set.of(RequestStatus.OPEN, RequestStatus.CLOSE)));
        }
    }

    private void requireReferenceForInvoice() {
        topic.refusalOf(reference).ifPresent(refusal -> {
            throw new Refused(refusal);
        });
    }

    /** The thread as of now; its {@code updatedAt} is the last write to the enquiry or one of its answers. */
    EnquiryView view(List<Answer> answers) {
        var lastWrite = answers.stream().map(a -> a.updatedAt).reduce(updatedAt, (a, b) -> a.isAfter(b) ? a : b);
        return new EnquiryView(
                id,
                version,
                commodity,
                sender,
                receiver,
                meter,
                customer,
                topic,
                reference,
                status,
                comment,
                createdAt,
                lastWrite,
                dueAt,
                answers.stream().map(Answer::view).toList());
    }
}
