package ee.datahub.enquiryhub.idempotency;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotent writes keyed by (caller, {@code x-document-identification}).
 *
 * <p>Within the write's transaction, {@link #claim} inserts the key. A duplicate arriving while the
 * first is still running blocks on the primary key until the first commits and then replays its
 * outcome (or, if the first rolled back, proceeds as the first itself). {@link #complete} stores the
 * outcome in the same transaction as the write, so a write and its recorded outcome commit together.
 */
@Service
public class IdempotentWrites {

    private static final Logger log = LoggerFactory.getLogger(IdempotentWrites.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    IdempotentWrites(JdbcClient jdbc, Clock clock, @Value("${hub.idempotency.retention:P30D}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Claims the document id for this request, or returns the outcome stored for it. A document id
     * already used with another path or body is a 409.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<StoredOutcome> claim(String callerKey, UUID documentId, String pathTemplate, String requestHash,
            UUID responseDocumentId) {
        int inserted = jdbc.sql("""
                insert into idempotent_request (caller_key, document_id, path_template, request_hash,
                                                response_document_id, created_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict do nothing
                """)
                .params(callerKey, documentId, pathTemplate, requestHash, responseDocumentId, HubTime.db(clock.instant()))
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        var first = jdbc.sql("""
                select path_template, request_hash, status, response_body, response_document_id
                  from idempotent_request where caller_key = ? and document_id = ?
                """)
                .params(callerKey, documentId)
                .query((rs, n) -> new FirstRequest(rs.getString(1), rs.getString(2),
                        new StoredOutcome(rs.getInt(3), rs.getString(4), rs.getObject(5, UUID.class))))
                .single();
        if (!first.pathTemplate().equals(pathTemplate) || !first.requestHash().equals(requestHash)) {
            throw new HubException(ErrorCode.DOCUMENT_IDENTIFICATION_CONFLICT,
                    "x-document-identification " + documentId + " was already used for "
                            + (first.pathTemplate().equals(pathTemplate) ? "another request body"
                                    : "another message (" + first.pathTemplate() + ")"),
                    "x-document-identification", documentId.toString());
        }
        return Optional.of(first.outcome());
    }

    private record FirstRequest(String pathTemplate, String requestHash, StoredOutcome outcome) {}

    /** Stores the outcome of a claimed write, in the write's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void complete(String callerKey, UUID documentId, int status, String body) {
        jdbc.sql("update idempotent_request set status = ?, response_body = ? where caller_key = ? and document_id = ?")
                .params(status, body, callerKey, documentId)
                .update();
    }

    /** Forgets outcomes older than the retention period (default 30 days). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void purgeExpired() {
        int purged = jdbc.sql("delete from idempotent_request where created_at < ?")
                .param(HubTime.db(clock.instant().minus(retention)))
                .update();
        if (purged > 0) {
            log.info("Purged {} idempotency records older than {}", purged, retention);
        }
    }
}
