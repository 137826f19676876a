package ee.datahub.enquiryhub.security;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import ee.datahub.enquiryhub.support.V2Actor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bound on the requests one instance works on at once: with its places taken by requests that
 * really are in progress (two changes waiting for a row lock the test holds), a further request is
 * answered 503 with {@code Retry-After} at once and does nothing — a create refused so and retried with
 * the same document id is written once — while a long-poll of the feed is not held back; once the
 * places free up, every request is served. Without the bound the third request would simply be
 * served (the instance below runs with {@code max-concurrent-requests=2}; 0 switches it off).
 */
class RequestCapacityTest extends HubApiTest {

    private static ConfigurableApplicationContext bounded;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    /** Started from the test, once this class's hub (and with it the embedded database) runs. */
    private static void startAnInstanceWithTwoPlaces() {
        bounded = new SpringApplicationBuilder(EnquiryHubApplication.class)
                .run(
                        "--server.port=0",
                        "--hub.embedded-db.enabled=false",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + DB_PORT + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--hub.demo.enabled=false",
                        "--hub.mail.enabled=false",
                        "--hub.rate-limit.requests-per-second=0",
                        "--hub.rate-limit.participant-requests-per-second=0",
                        "--hub.pre-auth-limit.requests-per-second=0",
                        "--hub.token-limit.client-requests-per-second=0",
                        "--hub.token-limit.address-requests-per-second=0",
                        "--hub.capacity.max-concurrent-requests=2",
                        "--hub.capacity.queue-wait=0s",
                        // the held changes wait for the test's row lock longer than a statement may take in production
                        "--hub.database.statement-timeout=50s",
                        "--hub.database.socket-timeout=60s");
    }

    @AfterAll
    static void stop() {
        if (bounded != null) {
            bounded.close();
        }
    }

    @Test
    void beyondItsPlacesAnInstanceAnswers503AtOnceDoingNothingAndServesEveryoneOnceThePlacesFreeUp() throws Exception {
        startAnInstanceWithTwoPlaces();
        var client = new HubClient("http://localhost:"
                + ((WebServerApplicationContext) bounded).getWebServer().getPort());
        var supplier = client.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var first = supplier.send(anEnquiry().comment("capacity one")).get("id").stringValue();
        var second =
                supplier.send(anEnquiry().comment("capacity two")).get("id").stringValue();
        var cursor = supplier.follow(null).cursor();

        var threads = Executors.newFixedThreadPool(2);
        try (var lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (var statement = lock.prepareStatement("select 1 from enquiry where id = any(?) for update")) {
                statement.setArray(
                        1, lock.createArrayOf("uuid", new Object[] {UUID.fromString(first), UUID.fromString(second)}));
                statement.executeQuery();
            }
            List<Future<Response>> held = List.of(
                    threads.submit(() -> supplier.change(first, object("requestComment", "changed one"))),
                    threads.submit(() -> supplier.change(second, object("requestComment", "changed two"))));
            awaitWaitingForTheLock(2, held);

            var documentId = UUID.randomUUID().toString();
            var refused = create(supplier, documentId);
            assertThat(refused.status())
                    .as("a third request while both places are taken: %s", refused)
                    .isEqualTo(503);
            assertThat(refused.code()).isEqualTo("opp.error.technical.service-unavailable");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(supplier.get(first).status()).as("a read is bounded too").isEqualTo(503);
            assertThat(supplier.changes(cursor, 10, 1).status())
                    .as("a long-poll of the feed takes no place")
                    .isEqualTo(200);
            assertThat(held).allSatisfy(change -> assertThat(change.isDone()).isFalse());

            lock.rollback();
            assertThat(held)
                    .allSatisfy(change -> assertThat(
                                    change.get(30, TimeUnit.SECONDS).status())
                            .isEqualTo(200));

            var retried = create(supplier, documentId);
            assertThat(retried.status())
                    .as("the refused create, retried with its document id")
                    .isEqualTo(201);
            assertThat(create(supplier, documentId).json().get("id"))
                    .as("and again: the same enquiry")
                    .isEqualTo(retried.json().get("id"));
            assertThat(jdbc.sql("select count(*) from enquiry where request_comment = ?")
                            .param("capacity " + documentId)
                            .query(Long.class)
                            .single())
                    .as("written once")
                    .isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Response create(V2Actor supplier, String documentId) {
        return supplier.create(
                anEnquiry().comment("capacity " + documentId).json(), Map.of("x-document-identification", documentId));
    }

    private void awaitWaitingForTheLock(int requests, List<Future<Response>> held) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            long waiting = jdbc.sql("select count(*) from pg_locks where not granted")
                    .query(Long.class)
                    .single();
            if (waiting >= requests) {
                return;
            }
            Thread.sleep(50);
        }
        var answered = new java.util.ArrayList<String>();
        for (var request : held) {
            if (request.isDone()) {
                answered.add(request.get().toString());
            }
        }
        throw new AssertionError(
                requests + " requests never came to wait for the row lock; answered meanwhile: " + answered);
    }
}
