package ee.datahub.enquiryhub.security;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.ErrorCodes;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub against a real Keycloak, the identity provider of the real hub. Keycloak (the distribution
 * the build unpacks into {@code target/}) runs with the realm {@code datahub} of
 * {@code src/test/resources/keycloak}: service-account clients named like the hub's technical users,
 * with an audience mapper putting {@code enquiry-hub} in {@code aud}. The packaged hub runs in
 * production mode exactly as docs/keycloak.md starts it: an external PostgreSQL, Keycloak as issuer,
 * no demo data. The hub operator's client registers participants and technical users; suppliers and
 * grid operators then exchange an enquiry with Keycloak's tokens, and tokens the hub must not accept
 * are refused.
 */
class KeycloakIT {

    private static final Path KEYCLOAK_HOME = Path.of(System.getProperty("keycloak.home", "target/keycloak"));
    private static final Path LOGS = Path.of("target", "keycloak-it");
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static final String METER = "38ZGO-1000001U-D";
    private static final Party HUB_OPERATOR = new Party(null, "hub-operator", "hub-operator-keycloak-secret");
    private static final Party SUPPLIER = new Party("38X-EIN-OS-----J", "supplier-a-erp", "supplier-a-keycloak-secret");
    private static final Party GRID = new Party("38X-EIN-ALL----B", "grid-a-erp", "grid-a-keycloak-secret");
    /** A read-only technical user that the supplier's ADMIN creates in the hub (its client id is the hub's choice). */
    private static final Party VIEWER =
            new Party(SUPPLIER.eic(), "38x-ein-os-----j.viewer", "supplier-a-viewer-keycloak-secret");
    /** A registered technical user whose Keycloak client lacks the audience mapper. */
    private static final Party NO_AUDIENCE =
            new Party("38X-DEMO-SUPB--T", "supplier-b-erp", "supplier-b-keycloak-secret");
    /** A Keycloak client the hub has no technical user for. */
    private static final Party STRANGER = new Party(SUPPLIER.eic(), "stranger-erp", "stranger-keycloak-secret");
    /** supplier-a-erp of another realm: same client id and audience, another issuer and key. */
    private static final Party OTHER_REALM = new Party(SUPPLIER.eic(), "supplier-a-erp", "elsewhere-keycloak-secret");

    private static Path work;
    private static Process keycloak;
    private static EmbeddedPostgres postgres;
    private static Process hubProcess;
    private static String keycloakUrl;
    private static HubClient hub;

    @BeforeAll
    static void startKeycloakPostgresAndHub() throws Exception {
        var began = Instant.now();
        work = Files.createTempDirectory("enquiry-hub-keycloak-it");
        Files.createDirectories(LOGS);
        int keycloakPort = HubApiTest.freePort();
        keycloakUrl = "http://localhost:" + keycloakPort;
        // Keycloak takes longest: it starts first, while PostgreSQL and the hub start beside it.
        keycloak = startKeycloak(keycloakPort);

        postgres = EmbeddedPostgres.builder()
                .setPort(HubApiTest.freePort())
                .setServerConfig("timezone", "UTC")
                .start();
        int hubPort = HubApiTest.freePort();
        hubProcess = startProductionHub(hubPort, postgres.getPort());
        var hubUrl = "http://localhost:" + hubPort;
        waitUntil(hubProcess, hubUrl + "/actuator/health/readiness", LOGS.resolve("hub.log"));
        var hubReady = Instant.now();
        waitUntil(keycloak, realm("datahub") + "/.well-known/openid-configuration", LOGS.resolve("keycloak.log"));
        var keycloakReady = Instant.now();
        System.out.printf(
                "KeycloakIT: hub ready after %d s, Keycloak after %d s%n",
                Duration.between(began, hubReady).toSeconds(),
                Duration.between(began, keycloakReady).toSeconds());

        hub = new HubClient(hubUrl, tokenEndpoint("datahub"));
        registerTheParticipants();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        stop(hubProcess);
        stop(keycloak);
        if (postgres != null) {
            postgres.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void supplierAndGridOperatorExchangeAnEnquiryWithKeycloakTokens() {
        var supplier = hub.as(SUPPLIER, "OPEN_SUPPLIER", "ELECTRICITY");
        var grid = hub.as(GRID, "GRID_OPERATOR", "ELECTRICITY");
        var start = Instant.now().toString();

        var requestId = supplier.send(anEnquiry().about(METER).comment("Sent with a token from Keycloak."));

        var received = grid.scanAll(start, requestId);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().get("senderEic").stringValue()).isEqualTo(SUPPLIER.eic());
        assertThat(received.getFirst().get("requestComment").stringValue())
                .isEqualTo("Sent with a token from Keycloak.");

        grid.answerId(requestId, "CLOSE", "Answered with a token from Keycloak.");
        assertThat(supplier.thread(requestId))
                .extracting(row -> row.get("requestStatus").stringValue())
                .containsExactly("CLOSE", "CLOSE");
    }

    @Test
    void permissionsAndRevocationAreTheHubsWhateverKeycloakSays() {
        var viewerUser = object("suffix", "viewer");
        viewerUser.putArray("permissions").add("VIEWER_DIRECT_MESSAGE");
        var created = hub.call("POST", "/api/participant/technical-users", SUPPLIER, viewerUser.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("clientId").stringValue()).isEqualTo(VIEWER.clientId());
        var viewer = hub.as(VIEWER, "OPEN_SUPPLIER", "ELECTRICITY");

        assertThat(search(viewer).status()).isEqualTo(200);
        var create = viewer.create(anEnquiry().about(METER));
        assertThat(create.status()).as("%s", create).isEqualTo(403);
        assertThat(create.code()).isEqualTo(ErrorCodes.INSUFFICIENT_PERMISSION);

        var revoked = hub.call("DELETE", "/api/participant/technical-users/" + VIEWER.clientId(), SUPPLIER, null);
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
        var refused = search(viewer);
        assertThat(refused.status())
                .as("the revoked technical user's still unexpired Keycloak token: %s", refused)
                .isEqualTo(401);
        assertThat(refused.code()).isEqualTo(ErrorCodes.AUTHENTICATION);
    }

    @Test
    void aKeycloakClientThatIsNoTechnicalUserOfTheHubIsRefused() {
        var refused = search(hub.as(STRANGER, "OPEN_SUPPLIER", "ELECTRICITY"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.code()).isEqualTo(ErrorCodes.AUTHENTICATION);
    }

    @Test
    void aTokenWithoutTheHubsAudienceIsRefused() {
        var refused = search(hub.as(NO_AUDIENCE, "OPEN_SUPPLIER", "ELECTRICITY"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.code()).isEqualTo(ErrorCodes.JWT_PROCESSING);
    }

    @Test
    void aTokenOfAnotherRealmIsRefused() {
        var otherRealm = new HubClient(hub.baseUrl(), tokenEndpoint("elsewhere"));
        var refused = search(otherRealm.as(OTHER_REALM, "OPEN_SUPPLIER", "ELECTRICITY"));
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.code()).isEqualTo(ErrorCodes.JWT_PROCESSING);
    }

    private static Response search(Actor actor) {
        return actor.search(object("customerEic", Party.CUSTOMER));
    }

    /**
     * The register of a production hub starts with only the hub operator's client, which the
     * production profile registers at start ({@code HUB_OPERATOR_CLIENT_ID}); everything else goes
     * through the hub operator's API with the hub operator's Keycloak token.
     */
    private static void registerTheParticipants() {
        participant(SUPPLIER.eic(), "Open Supplier A", "OPEN_SUPPLIER");
        participant(NO_AUDIENCE.eic(), "Open Supplier B", "OPEN_SUPPLIER");
        participant(GRID.eic(), "Grid Operator A", "GRID_OPERATOR");
        register(
                "/api/operator/metering-points",
                object("eic", METER, "gridOperatorEic", GRID.eic(), "commodity", "ELECTRICITY"));
        for (var party : List.of(SUPPLIER, NO_AUDIENCE, GRID)) {
            register(
                    "/api/operator/participants/" + party.eic() + "/technical-users",
                    object("clientId", party.clientId()));
        }
    }

    private static void participant(String eic, String name, String role) {
        var body = object("eic", eic, "name", name);
        body.putArray("roles").add(role);
        body.putArray("commodities").add("ELECTRICITY");
        register("/api/operator/participants", body);
    }

    /**
     * The first call may meet Keycloak still warming up (its key set slow to fetch: the hub answers 503,
     * which says "try again shortly"); a client retries that, and so does this, for up to a minute.
     */
    private static void register(String path, ObjectNode body) {
        var deadline = Instant.now().plusSeconds(60);
        var response = hub.call("POST", path, HUB_OPERATOR, body.toString());
        while (response.status() == 503 && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofSeconds(2));
            response = hub.call("POST", path, HUB_OPERATOR, body.toString());
        }
        assertThat(response.status()).as("POST %s: %s", path, response).isEqualTo(201);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process startKeycloak(int port) throws IOException {
        var imports = KEYCLOAK_HOME.resolve("data").resolve("import");
        if (!Files.isDirectory(KEYCLOAK_HOME.resolve("bin"))) {
            throw new IllegalStateException("no Keycloak at " + KEYCLOAK_HOME + ": the build unpacks it (mvn verify)");
        }
        Files.createDirectories(imports);
        try (Stream<Path> old = Files.list(imports)) {
            for (var file : old.toList()) {
                Files.delete(file);
            }
        }
        for (var realm : List.of("datahub", "elsewhere")) {
            try (var json = KeycloakIT.class.getResourceAsStream("/keycloak/" + realm + "-realm.json")) {
                Files.copy(json, imports.resolve(realm + "-realm.json"));
            }
        }
        var builder = new ProcessBuilder(List.of(
                        KEYCLOAK_HOME.resolve("bin").resolve("kc.sh").toString(),
                        "start-dev",
                        "--http-port=" + port,
                        "--http-management-port=" + HubApiTest.freePort(),
                        "--db=dev-file",
                        "--db-url=jdbc:h2:file:" + work.resolve("keycloak-h2").resolve("keycloakdb")
                                + ";NON_KEYWORDS=VALUE",
                        "--import-realm"))
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve("keycloak.log").toFile());
        // Keycloak runs on the JDK that runs this test (21 or newer).
        var java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        builder.environment().put("JAVA_HOME", java.getParent().getParent().toString());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return builder.start();
    }

    /** The packaged hub with the production profile, configured by the variables docs/keycloak.md names. */
    private static Process startProductionHub(int port, int databasePort) throws IOException {
        var java = ProcessHandle.current().info().command().orElse("java");
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("enquiry-hub-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("package the hub first (mvn verify does)"));
        }
        var builder = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--spring.profiles.active=production"))
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve("hub.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "HUB_PORT",
                        String.valueOf(port),
                        "HUB_DATABASE_URL",
                        "jdbc:postgresql://localhost:" + databasePort + "/postgres",
                        "HUB_DATABASE_USER",
                        "postgres",
                        "HUB_DATABASE_PASSWORD",
                        "",
                        "HUB_ISSUER",
                        realm("datahub"),
                        "HUB_OPERATOR_CLIENT_ID",
                        HUB_OPERATOR.clientId(),
                        "HUB_JWK_SET_URI",
                        realm("datahub") + "/protocol/openid-connect/certs",
                        "HUB_AUDIENCE",
                        "enquiry-hub"));
        return builder.start();
    }

    private static String realm(String name) {
        return keycloakUrl + "/realms/" + name;
    }

    private static String tokenEndpoint(String realm) {
        return realm(realm) + "/protocol/openid-connect/token";
    }

    private static void waitUntil(Process process, String url, Path log) throws Exception {
        var deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("exited before %s answered; its log: %s", url, log.toAbsolutePath())
                    .isTrue();
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
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
        throw new AssertionError(url + " did not answer within " + STARTUP + "; log: " + log.toAbsolutePath());
    }

    /** SIGTERM to the process and its children (kc.sh forwards it to Keycloak's JVM), then SIGKILL. */
    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        var children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        for (var child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
