package ee.datahub.enquiryhub.platform;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When the database cannot be reached the hub answers 503 service-unavailable (never a 500, never
 * data whose access went unaudited) and, once readiness has noticed (a background probe), at its gate
 * without asking the pool (the gate's {@code Retry-After}); it serves again by itself once the database
 * is back.
 */
class DatabaseOutageTest {

    private EmbeddedPostgres database;
    private ConfigurableApplicationContext hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anUnreachableDatabaseIsAQuick503AndTheHubRecoversWhenItReturns() throws Exception {
        var dataDir = Files.createTempDirectory("enquiry-hub-outage");
        int dbPort = HubApiTest.freePort();
        database = startDatabase(dataDir, dbPort);
        // The hub's own settings, not the test's: only where the database is.
        hub = new SpringApplicationBuilder(EnquiryHubApplication.class)
                .run(
                        "--server.port=0",
                        "--hub.embedded-db.enabled=false",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
                        "--spring.datasource.username=postgres");
        var client = new HubClient("http://localhost:"
                + ((WebServerApplicationContext) hub).getWebServer().getPort());
        var supplier = client.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var id = supplier.send(anEnquiry());
        supplier.search(object("messageRequestId", id));

        database.close();
        List<Supplier<Response>> requests = List.of(
                () -> supplier.search(object("messageRequestId", id)),
                () -> supplier.create(anEnquiry()),
                () -> supplier.scan("2026-11-27T00:00:00Z"),
                () -> client.tokenRequest(Party.GRID_A.clientId(), Party.GRID_A.secret()));
        for (var request : requests) {
            var response = request.get();
            assertThat(response.status()).as("%s", response).isEqualTo(503);
            assertThat(response.body())
                    .contains("opp.error.technical.service-unavailable")
                    .doesNotContain("Exception")
                    .doesNotContain("jdbc");
        }

        var readiness = client.request("GET", "/actuator/health/readiness", Map.of(), null);
        for (int attempt = 0; readiness.status() != 503 && attempt < 40; attempt++) {
            Thread.sleep(250);
            readiness = client.request("GET", "/actuator/health/readiness", Map.of(), null);
        }
        assertThat(readiness.status())
                .as("readiness notices the outage: %s", readiness)
                .isEqualTo(503);

        // Once readiness is down, 40 concurrent requests are all answered without waiting for the pool.
        var pool = Executors.newFixedThreadPool(8);
        try {
            var answers = new ArrayList<CompletableFuture<Response>>();
            for (int i = 0; i < 40; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> supplier.search(object()), pool));
            }
            for (var answer : answers) {
                var response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.code()).isEqualTo("opp.error.technical.service-unavailable");
                assertThat(response.header("Retry-After")).isEqualTo("1");
            }
        } finally {
            pool.shutdownNow();
        }

        database = startDatabase(dataDir, dbPort);
        // Clients retry a 503; within a few seconds the probe sees the database and the pool reconnects.
        var recovered = supplier.search(object("messageRequestId", id));
        for (int attempt = 0; recovered.status() == 503 && attempt < 60; attempt++) {
            Thread.sleep(500);
            recovered = supplier.search(object("messageRequestId", id));
        }
        assertThat(recovered.status()).as("%s", recovered).isEqualTo(200);
        assertThat(recovered.json()).hasSize(1);
        assertThat(client.request("GET", "/actuator/health/readiness", Map.of(), null)
                        .status())
                .isEqualTo(200);
    }

    private static EmbeddedPostgres startDatabase(java.nio.file.Path dataDir, int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }
}
