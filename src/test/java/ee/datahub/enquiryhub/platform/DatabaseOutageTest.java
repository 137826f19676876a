package ee.datahub.enquiryhub.platform;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When the database cannot be reached the hub answers 503 service-unavailable (never a 500, never
 * data whose access went unaudited), and serves again once the database is back.
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
    void anUnreachableDatabaseIsA503AndTheHubRecoversWhenItReturns() throws Exception {
        var dataDir = Files.createTempDirectory("enquiry-hub-outage");
        int dbPort = HubApiTest.freePort();
        database = startDatabase(dataDir, dbPort);
        hub = new SpringApplicationBuilder(EnquiryHubApplication.class).run(
                "--server.port=0",
                "--hub.embedded-db.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + dbPort + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--spring.datasource.hikari.validation-timeout=500");
        var client = new HubClient("http://localhost:" + ((WebServerApplicationContext) hub).getWebServer().getPort());
        var supplier = client.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var id = supplier.send(anEnquiry());

        database.close();
        for (var response : List.of(supplier.search(object("messageRequestId", id)), supplier.create(anEnquiry()),
                supplier.scan("2026-11-27T00:00:00Z"))) {
            assertThat(response.status()).as("%s", response).isEqualTo(503);
            assertThat(response.code()).isEqualTo("opp.error.technical.service-unavailable");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("jdbc");
        }

        database = startDatabase(dataDir, dbPort);
        // Clients retry a 503; within a few seconds the pool has replaced its broken connections.
        var recovered = supplier.search(object("messageRequestId", id));
        for (int attempt = 0; recovered.status() == 503 && attempt < 60; attempt++) {
            Thread.sleep(500);
            recovered = supplier.search(object("messageRequestId", id));
        }
        assertThat(recovered.status()).as("%s", recovered).isEqualTo(200);
        assertThat(recovered.json()).hasSize(1);
    }

    private static EmbeddedPostgres startDatabase(java.nio.file.Path dataDir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }
}
