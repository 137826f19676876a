package ee.datahub.enquiryhub.write;

import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.audit.AuditTrail;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way every write enters the hub, whatever its door (API v1, API v2, the web forms): the
 * work, its recorded outcome (idempotency, spec §4) and its audit entry commit together, in one
 * transaction, or not at all.
 *
 * <p>The work runs first; its outcome is then recorded under the scope and document id. If that id
 * was recorded already (an earlier or a concurrent repetition: the insert waits for a concurrent one
 * to finish), the work is rolled back and the first outcome replayed — or, for another operation or
 * body, a {@link DocumentIdConflict} handed to the door. A refusal (the door's {@code refusals} turn
 * it into an outcome) rolls the work back and is then recorded in a transaction of its own, so that
 * a refused write leaves nothing behind but its outcome and audit entry. Anything else (a bug, a
 * database failure) rolls everything back, is not recorded and propagates to the door.
 */
@Service
public class WritePipeline {

    private final RecordedOutcomes outcomes;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;

    WritePipeline(RecordedOutcomes outcomes, AuditLog auditLog, PlatformTransactionManager transactionManager) {
        this.outcomes = outcomes;
        this.auditLog = auditLog;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    private sealed interface Attempt {
        /** Committed with its record and audit entry. */
        record Done(Written written) implements Attempt {}

        /** Rolled back: an earlier outcome (or a conflict) answers instead. */
        record Replayed(Written written) implements Attempt {}

        /** Rolled back: refused, to be recorded on its own. */
        record Refused(Outcome outcome) implements Attempt {}
    }

    /**
     * Runs a write. {@code work} does it and renders its outcome; {@code refusals} renders what the
     * work may throw for a client's mistake (validation, access, business rules) and is empty for
     * anything else. Both run inside the write's transaction.
     */
    public Written write(
            WriteRequest request,
            AuditTrail trail,
            Supplier<Outcome> work,
            Function<RuntimeException, Optional<Outcome>> refusals) {
        var attempt = transactions.execute(status -> {
            Outcome outcome;
            try {
                outcome = work.get();
            } catch (RuntimeException e) {
                var refused = refusals.apply(e).orElseThrow(() -> e);
                status.setRollbackOnly();
                trail.undone();
                return new Attempt.Refused(refused);
            }
            var first = record(request, outcome, trail, refusals);
            if (first.isPresent()) {
                status.setRollbackOnly();
                return new Attempt.Replayed(first.get());
            }
            auditLog.appendWithin(trail, request.traceId(), request.action(), outcome.status());
            return new Attempt.Done(new Written(outcome, request.answerDocumentId(), false));
        });
        return switch (attempt) {
            case Attempt.Done done -> done.written();
            case Attempt.Replayed replayed -> audited(request, trail, replayed.written());
            case Attempt.Refused refused ->
                transactions.execute(status -> {
                    var first = record(request, refused.outcome(), trail, refusals);
                    var written =
                            first.orElseGet(() -> new Written(refused.outcome(), request.answerDocumentId(), false));
                    auditLog.appendWithin(
                            trail,
                            request.traceId(),
                            request.action(),
                            written.outcome().status());
                    return written;
                });
        };
    }

    /** Records the outcome; present when an earlier one is replayed instead (or the id conflicts: 409). */
    private Optional<Written> record(
            WriteRequest request,
            Outcome outcome,
            AuditTrail trail,
            Function<RuntimeException, Optional<Outcome>> refusals) {
        var first = outcomes.recordFirst(request, outcome, trail.enquiryIds(), trail.answerIds(), trail.errorCode());
        if (first.isEmpty()) {
            return Optional.empty();
        }
        var recorded = first.get();
        if (!recorded.operation().equals(request.operation())
                || !recorded.fingerprint().equals(request.fingerprint())) {
            var conflict = new DocumentIdConflict(
                    request.documentId(),
                    recorded.operation(),
                    recorded.operation().equals(request.operation()));
            var answer = refusals.apply(conflict).orElseThrow(() -> conflict);
            return Optional.of(new Written(answer, request.answerDocumentId(), true));
        }
        trail.replayOf(recorded.enquiryIds(), recorded.answerIds(), recorded.errorCode());
        return Optional.of(new Written(recorded.outcome(), recorded.answerDocumentId(), true));
    }

    /** The audit entry of a write whose work was rolled back (a replay or a conflict), in its own transaction. */
    private Written audited(WriteRequest request, AuditTrail trail, Written written) {
        transactions.executeWithoutResult(status -> auditLog.appendWithin(
                trail, request.traceId(), request.action(), written.outcome().status()));
        return written;
    }
}
