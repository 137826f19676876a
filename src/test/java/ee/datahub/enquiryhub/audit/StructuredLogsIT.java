package ee.datahub.enquiryhub.audit;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.EnquiryJson;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Structured logs, as a log stack ingests them: the packaged hub started with
 * {@code --logging.structured.format.console=ecs} writes one JSON object per line, each line of a
 * request carrying its trace id and the hub's request id, and still no personal data. (A process of
 * its own: switching the log format inside the test JVM would switch it for every other test.)
 */
class StructuredLogsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir = temporary();
    private final int port = HubApiTest.freePort();
    private Process hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null && hub.isAlive()) {
            hub.destroy();
            hub.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void jsonLogLinesCarryTheTraceAndRequestIdsAndNoPersonalData() throws Exception {
        var log = dir.resolve("hub.log").toFile();
        hub = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        jar().toString(),
                        "--server.port=" + port,
                        "--hub.embedded-db.port=" + HubApiTest.freePort(),
                        "--hub.embedded-db.data-dir=" + dir.resolve("postgres"),
                        "--logging.structured.format.console=ecs"))
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        waitUntilReady(log);
        var client = new HubClient("http://localhost:" + port);
        var supplier = client.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var customer = Eics.party();
        var comment = "Personal detail " + UUID.randomUUID();
        supplier.send(anEnquiry().forCustomer(customer).comment(comment));
        var trace = UUID.randomUUID().toString().replace("-", "");
        var refused = client.v1(
                "POST",
                "/api/v1/direct-messages",
                Party.SUPPLIER_A,
                EnquiryJson.createBody(
                                supplier.context(),
                                List.of(anEnquiry()
                                        .forCustomer(
                                                customer.substring(0, 15) + (customer.charAt(15) == 'A' ? 'B' : 'A'))
                                        .comment(comment)))
                        .toString(),
                Map.of("x-b3-traceid", trace));
        assertThat(refused.status()).isEqualTo(400);
        var requestId = refused.header("x-request-id");

        var lines = Files.readAllLines(log.toPath()).stream()
                .filter(line -> !line.isBlank())
                .toList();
        var json = lines.stream()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .toList();
        assertThat(json).as("every line is a JSON object: %s", lines).hasSameSizeAs(lines);
        assertThat(json)
                .allSatisfy(line -> assertThat(line.has("@timestamp") && line.has("message"))
                        .isTrue());
        var ofTheRequest = json.stream()
                .filter(line -> trace.equals(text(line, "traceId")))
                .toList();
        assertThat(ofTheRequest)
                .as("the refused request's log line")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(text(line, "requestId")).isEqualTo(requestId));
        assertThat(String.join("\n", lines)).doesNotContain(comment).doesNotContain(customer.substring(0, 15));
    }

    private static String text(JsonNode line, String field) {
        var value = line.get(field);
        return value == null ? null : value.asString();
    }

    private void waitUntilReady(File log) throws Exception {
        var http = HttpClient.newHttpClient();
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(hub.isAlive()).as("the hub exited; its log: %s", log).isTrue();
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
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
        throw new AssertionError("the hub did not become ready within 120 s; its log: " + log);
    }

    private static Path jar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("enquiry-hub-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("package the hub first (mvn verify does)"));
        }
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("enquiry-hub-json-logs");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
