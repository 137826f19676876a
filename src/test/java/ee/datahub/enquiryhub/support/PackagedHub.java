package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged hub on its default start, as the README runs it ({@code java -jar}, embedded PostgreSQL in
 * a data directory of the test's, demo data), on free ports; each start logs to a file of its own.
 */
public final class PackagedHub {

    public final Path dataDir;
    public final int port = HubApiTest.freePort();
    public final int dbPort = HubApiTest.freePort();
    private Path lastLog;

    public PackagedHub(String name) {
        try {
            dataDir = Files.createTempDirectory("enquiry-hub-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public Path lastLog() {
        return lastLog;
    }

    /** Starts the jar {@code mvn verify} packaged with these extra arguments; returns once it is ready. */
    public Process start(String... settings) throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("enquiry-hub-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("package the hub first (mvn verify does)"));
        }
        lastLog = dataDir.resolve("hub-" + Instant.now().toEpochMilli() + ".log");
        var command = new ArrayList<>(List.of(
                java,
                "-jar",
                jar.toString(),
                "--hub.embedded-db.port=" + dbPort,
                "--hub.embedded-db.data-dir=" + dataDir.resolve("postgres")));
        command.addAll(List.of(settings));
        var builder = new ProcessBuilder(command);
        builder.environment().put("HUB_PORT", String.valueOf(port)); // as the README moves it: links follow
        var process = builder.redirectErrorStream(true)
                .redirectOutput(lastLog.toFile())
                .start();
        waitUntilReady(process);
        return process;
    }

    private void waitUntilReady(Process process) throws Exception {
        var http = HttpClient.newHttpClient();
        var deadline = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("the hub exited; its log: %s", lastLog)
                    .isTrue();
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the hub did not become ready within 300 s; its log: " + lastLog);
    }

    /** Stops the process, then whatever PostgreSQL is still running on the data directory. */
    public void stop(Process hub) throws Exception {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            hub.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        var pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(
                            Files.readAllLines(pidFile).getFirst().trim()))
                    .ifPresent(ProcessHandle::destroy);
        }
    }
}
