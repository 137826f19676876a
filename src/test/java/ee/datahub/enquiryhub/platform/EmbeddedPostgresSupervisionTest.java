package ee.datahub.enquiryhub.platform;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded PostgreSQL is supervised: killed (SIGKILL, as the OOM killer would), it is started again
 * on the same data directory and port, the hub says so in its log, becomes ready again and serves
 * everything it had acknowledged, with no one acting.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresSupervisionTest {

    private ConfigurableApplicationContext hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aKilledEmbeddedPostgresIsRestartedAndTheHubServesAgain(CapturedOutput output) throws Exception {
        var dataDir = Files.createTempDirectory("enquiry-hub-supervised").resolve("postgres");
        hub = new SpringApplicationBuilder(EnquiryHubApplication.class)
                .run(
                        "--server.port=0",
                        "--hub.embedded-db.data-dir=" + dataDir,
                        "--hub.embedded-db.port=" + HubApiTest.freePort());
        var client = new HubClient("http://localhost:"
                + ((WebServerApplicationContext) hub).getWebServer().getPort());
        var supplier = client.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var id = supplier.send(anEnquiry().comment("acknowledged before the kill"));

        long pid = postmasterPid(dataDir);
        var postmaster = ProcessHandle.of(pid).orElseThrow();
        assertThat(postmaster.destroyForcibly()).isTrue();

        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        var readiness = client.request("GET", "/actuator/health/readiness", Map.of(), null);
        while ((readiness.status() != 200 || !output.getAll().contains("Restarted the embedded PostgreSQL"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            readiness = client.request("GET", "/actuator/health/readiness", Map.of(), null);
        }
        assertThat(readiness.status()).as("ready again: %s", readiness).isEqualTo(200);
        assertThat(postmasterPid(dataDir)).as("a new postmaster").isNotEqualTo(pid);
        assertThat(output.getAll())
                .contains("The embedded PostgreSQL (pid " + pid + ") is not running; restarting it")
                .contains("Restarted the embedded PostgreSQL");

        var thread = supplier.search(object("messageRequestId", id));
        for (int attempt = 0;
                thread.status() == 503 && attempt < 40 && Instant.now().isBefore(deadline.plusSeconds(20));
                attempt++) {
            Thread.sleep(500);
            thread = supplier.search(object("messageRequestId", id));
        }
        assertThat(thread.status()).as("%s", thread).isEqualTo(200);
        assertThat(thread.json().get(0).get("requestComment").stringValue()).isEqualTo("acknowledged before the kill");
        // Right after the restart a request may still meet the pool's dead connections or the probe's last
        // failed check, and is answered 503 having done nothing; a client retries, as with the read above.
        var write = supplier.create(anEnquiry());
        for (int attempt = 0;
                write.status() == 503 && attempt < 40 && Instant.now().isBefore(deadline.plusSeconds(40));
                attempt++) {
            Thread.sleep(500);
            write = supplier.create(anEnquiry());
        }
        assertThat(write.status()).as("and writes again: %s", write).isEqualTo(201);
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return -1;
        }
        try {
            return Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        } catch (RuntimeException partlyWritten) {
            return -1;
        }
    }
}
