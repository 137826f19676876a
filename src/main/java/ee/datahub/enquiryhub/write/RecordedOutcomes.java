package ee.datahub.enquiryhub.write;

import ee.datahub.enquiryhub.platform.AdvisoryLock;
import ee.datahub.enquiryhub.platform.HubTime;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first outcome of every write, keyed by scope and document id, with the ids its audit entry
 * named (so that a repetition's audit entry names them too). Kept for the idempotency retention.
 */
@Repository
class RecordedOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RecordedOutcomes.class);
    /** The advisory lock of the purge ("idem purge" in ASCII). */
    static final long PURGE_LOCK = 0x6964_656d_7075_7267L;
    /** Outcomes deleted per transaction of the purge. */
    static final int PURGE_BATCH = 5_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    /** An outcome recorded earlier for a document id. */
    record Recorded(
            String operation,
            String fingerprint,
            Outcome outcome,
            UUID answerDocumentId,
            List<UUID> enquiryIds,
            List<UUID> answerIds,
            Optional<String> errorCode) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;
    private final TransactionTemplate transactions;

    RecordedOutcomes(
            JdbcClient jdbc,
            Clock clock,
            @Value("${hub.idempotency.retention:P30D}") Duration retention,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Records the outcome unless this document id has one already. While another transaction holds
     * an unfinished record of the same id, this waits for it (the primary key's lock); returns the
     * record that was there first, if any.
     */
    Optional<Recorded> recordFirst(
            WriteRequest request,
            Outcome outcome,
            List<UUID> enquiryIds,
            List<UUID> answerIds,
            Optional<String> errorCode) {
        int inserted = jdbc.sql("""
                insert into idempotent_request (caller_key, document_id, path_template, request_hash, status,
                                                response_body, response_headers, response_document_id, created_at,
                                                enquiry_ids, response_ids, error_code)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, cast(? as uuid[]), cast(? as uuid[]), ?)
                on conflict do nothing
                """)
                .params(
                        request.scope(),
                        request.documentId(),
                        request.operation(),
                        request.fingerprint(),
                        outcome.status(),
                        outcome.body(),
                        JSON.writeValueAsString(outcome.headers()),
                        request.answerDocumentId(),
                        HubTime.db(clock.instant()),
                        array(enquiryIds),
                        array(answerIds),
                        errorCode.orElse(null))
                .update();
        return inserted == 1 ? Optional.empty() : Optional.of(find(request));
    }

    private Recorded find(WriteRequest request) {
        return jdbc.sql("""
                select path_template, request_hash, status, response_body, response_headers::text, response_document_id,
                       enquiry_ids, response_ids, error_code
                  from idempotent_request where caller_key = ? and document_id = ?
                """)
                .params(request.scope(), request.documentId())
                .query((rs, n) -> new Recorded(
                        rs.getString(1),
                        rs.getString(2),
                        new Outcome(
                                rs.getInt(3),
                                rs.getString(4),
                                rs.getString(5) == null ? Map.of() : JSON.readValue(rs.getString(5), HEADERS)),
                        rs.getObject(6, UUID.class),
                        uuids(rs.getArray(7)),
                        uuids(rs.getArray(8)),
                        Optional.ofNullable(rs.getString(9))))
                .single();
    }

    /**
     * Forgets outcomes older than the retention period (default 30 days), on one instance at a time, the
     * oldest {@link #PURGE_BATCH} per transaction until none is left: however large the backlog, no
     * statement runs into the statement timeout and no transaction holds its locks and WAL for long.
     * Returns how many it forgot (0 when another instance holds the purge).
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    public long purgeExpired() {
        var cutoff = HubTime.db(clock.instant().minus(retention));
        long purged = 0;
        int batch;
        do {
            batch = transactions.execute(status -> {
                if (!AdvisoryLock.tryForTransaction(jdbc, PURGE_LOCK)) {
                    return -1;
                }
                return jdbc.sql("""
                        delete from idempotent_request r
                         using (select caller_key, document_id from idempotent_request
                                 where created_at < ? order by created_at limit ?) old
                         where r.caller_key = old.caller_key and r.document_id = old.document_id
                        """).param(cutoff).param(PURGE_BATCH).update();
            });
            purged += Math.max(0, batch);
        } while (batch == PURGE_BATCH);
        if (purged > 0) {
            log.info("Purged {} idempotency records older than {}", purged, retention);
        }
        return purged;
    }

    private static String array(List<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null
                ? List.of()
                : Arrays.stream((Object[]) array.getArray()).map(o -> (UUID) o).toList();
    }
}
