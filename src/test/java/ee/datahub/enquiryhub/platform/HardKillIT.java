package ee.datahub.enquiryhub.platform;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default start, as the README runs it: the packaged hub with its embedded PostgreSQL. Killed
 * hard (SIGKILL, no shutdown hooks) right after a write was acknowledged, it starts again on the same
 * data directory — stopping the PostgreSQL its previous life left running — with the write intact.
 */
class HardKillIT {

    private final Path dataDir = temporary();
    private final int port = HubApiTest.freePort();
    private final int dbPort = HubApiTest.freePort();
    private Process hub;

    @AfterEach
    void stopEverything() throws Exception {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            hub.waitFor(60, TimeUnit.SECONDS);
        }
        // Whatever PostgreSQL is still running on the test's data directory.
        var pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim())).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void aHubKilledHardKeepsEveryAcknowledgedWriteAndStartsAgain() throws Exception {
        hub = start();
        var client = new HubClient("http://localhost:" + port);
        var supplier = client.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var id = supplier.send(anEnquiry().comment("written just before the kill"));

        hub.destroyForcibly();
        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")))
                .as("the embedded PostgreSQL outlived the killed JVM").isTrue();

        hub = start();
        var restarted = new HubClient("http://localhost:" + port);
        var thread = restarted.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY").search(object("messageRequestId", id));
        assertThat(thread.status()).isEqualTo(200);
        assertThat(thread.json()).hasSize(1);
        assertThat(thread.json().get(0).get("requestComment").stringValue()).isEqualTo("written just before the kill");
    }

    private Process start() throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var jar = Files.list(Path.of("target"))
                .filter(p -> p.getFileName().toString().matches("enquiry-hub-.*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("package the hub first (mvn verify does)"));
        var log = dataDir.resolve("hub-" + Instant.now().toEpochMilli() + ".log").toFile();
        var process = new ProcessBuilder(List.of(java, "-jar", jar.toString(),
                "--server.port=" + port,
                "--hub.embedded-db.port=" + dbPort,
                "--hub.embedded-db.data-dir=" + dataDir.resolve("postgres")))
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        waitUntilHealthy(process, log);
        return process;
    }

    private void waitUntilHealthy(Process process, File log) throws Exception {
        var http = HttpClient.newHttpClient();
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the hub exited; its log: %s", log).isTrue();
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the hub did not become ready within 120 s; its log: " + log);
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("enquiry-hub-hard-kill");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
