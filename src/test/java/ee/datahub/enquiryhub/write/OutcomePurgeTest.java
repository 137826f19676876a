package ee.datahub.enquiryhub.write;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The idempotency purge (spec §4: outcomes kept at least 30 days): outcomes past the retention are
 * forgotten in batches, however many there are, the younger ones kept; a document id whose outcome was
 * forgotten is a new request again; while one instance purges, another skips.
 */
class OutcomePurgeTest extends HubApiTest {

    @Autowired
    RecordedOutcomes outcomes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private Actor supplier;
    private String meter;
    // The made-up caller of this test's backlog: nobody else's outcomes are counted.
    private String backlogCaller;

    @BeforeEach
    void freshParties() {
        supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        var grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        backlogCaller = "purge-test-" + UUID.randomUUID();
    }

    @Test
    void aBacklogOfManyBatchesIsForgottenAndTheYoungerOutcomesKept() {
        int old = 2 * RecordedOutcomes.PURGE_BATCH + 1_234;
        backlog(old, "40 days");
        backlog(7, "29 days");
        backlog(3, "1 minute");

        purgeUntilNoneOlderThanTheRetention();

        assertThat(outcomesOf(backlogCaller, "created_at < now() - interval '30 days'"))
                .isZero();
        assertThat(outcomesOf(backlogCaller, "true"))
                .as("the outcomes younger than 30 days")
                .isEqualTo(10);
    }

    @Test
    void aDocumentIdWhoseOutcomeWasForgottenIsANewRequest() {
        var documentId = UUID.randomUUID().toString();
        var body = EnquiryJson.createBody(
                        supplier.context(), List.of(anEnquiry().about(meter)))
                .toString();
        var first = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                body,
                Map.of("x-document-identification", documentId));
        var retry = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                body,
                Map.of("x-document-identification", documentId));
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(retry.body())
                .as("within the retention, a retry gets the first outcome")
                .isEqualTo(first.body());
        assertThat(enquiriesOfSupplier()).isEqualTo(1);

        jdbc.sql("update idempotent_request set created_at = now() - interval '31 days' where document_id = ?::uuid")
                .param(documentId)
                .update();
        purgeUntilNoneOlderThanTheRetention();

        var again = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                body,
                Map.of("x-document-identification", documentId));
        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(again.body()).as("a new enquiry, not the forgotten outcome").isNotEqualTo(first.body());
        assertThat(enquiriesOfSupplier()).isEqualTo(2);
    }

    @Test
    void whileAnotherInstancePurgesThisOneSkips() throws Exception {
        backlog(10, "40 days");
        try (var other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, RecordedOutcomes.PURGE_LOCK);
                lock.execute();
            }
            assertThat(outcomes.purgeExpired())
                    .as("the purge's lock is held elsewhere")
                    .isZero();
            assertThat(outcomesOf(backlogCaller, "true")).isEqualTo(10);
            other.rollback();
        }
        purgeUntilNoneOlderThanTheRetention();
        assertThat(outcomesOf(backlogCaller, "true")).isZero();
    }

    // Purges; the scheduled purge of this same hub may hold the lock at that moment, and then this one skips.
    private void purgeUntilNoneOlderThanTheRetention() {
        int attempts = 0;
        do {
            outcomes.purgeExpired();
        } while (++attempts < 50 && outcomesOf(backlogCaller, "created_at < now() - interval '30 days'") > 0);
    }

    private void backlog(int count, String age) {
        jdbc.sql("""
                insert into idempotent_request (caller_key, document_id, path_template, request_hash, status, response_body,
                                                response_document_id, created_at)
                select ?, gen_random_uuid(), 'POST /api/v1/direct-messages', 'hash', 201, '[]', gen_random_uuid(),
                       now() - cast(? as interval) - n * interval '1 second'
                  from generate_series(1, ?) n
                """).param(backlogCaller).param(age).param(count).update();
    }

    private long outcomesOf(String caller, String condition) {
        return jdbc.sql("select count(*) from idempotent_request where caller_key = ? and " + condition)
                .param(caller)
                .query(Long.class)
                .single();
    }

    private long enquiriesOfSupplier() {
        return jdbc.sql("select count(*) from enquiry where sender_eic = ?")
                .param(supplier.party().eic())
                .query(Long.class)
                .single();
    }
}
