package ee.datahub.enquiryhub.cluster;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The packaged hub as a process of its own (as operators run it), its output in a log file. */
final class HubProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the hub with these settings on {@code port} and waits until it is ready. */
    static HubProcess start(int port, Path log, List<String> settings) throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("enquiry-hub-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("package the hub first (mvn verify does)"));
        }
        Files.createDirectories(log.getParent());
        var command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + port));
        command.addAll(settings);
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var hub = new HubProcess(process, port, log);
        hub.awaitReady(Duration.ofMinutes(4));
        return hub;
    }

    String url() {
        return "http://localhost:" + port;
    }

    Path log() {
        return log;
    }

    private void awaitReady(Duration patience) throws Exception {
        var deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited; its log: " + log);
            }
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the hub was not ready within " + patience + "; its log: " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
