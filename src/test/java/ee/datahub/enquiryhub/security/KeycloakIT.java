package ee.datahub.enquiryhub.security;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.Chromium;
import ee.datahub.enquiryhub.support.ErrorCodes;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub against a real Keycloak (unpacked into {@code target/} by the build), configured as
 * docs/keycloak.md says: the packaged hub in production mode, technical users' tokens from the realm
 * {@code datahub}, and people's web logins from the TARA-shaped realm {@code people}, in Chromium.
 */
class KeycloakIT {

    private static final Path KEYCLOAK_HOME = Path.of(System.getProperty("keycloak.home", "target/keycloak"));
    private static final Path LOGS = Path.of("target", "keycloak-it");
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();
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

    private static final String KEYCLOAK_ADMIN = "admin";
    private static final String KEYCLOAK_ADMIN_PASSWORD = "keycloak-it-admin";
    private static final String WEB_CLIENT_SECRET = "enquiry-hub-web-keycloak-secret";
    /** People of the realm {@code people}: their subject is their personal code, as TARA gives it. */
    static final String MARI = "EE38001085718";

    static final String HELEN = "EE47101010033";
    static final String PEETER = "EE39912310174";

    private static Path work;
    private static Process keycloak;
    private static EmbeddedPostgres postgres;
    private static Process hubProcess;
    private static String keycloakUrl;
    private static String hubUrl;
    private static HubClient hub;

    @BeforeAll
    static void startKeycloakPostgresAndHub() throws Exception {
        var began = Instant.now();
        work = Files.createTempDirectory("enquiry-hub-keycloak-it");
        Files.createDirectories(LOGS);
        int keycloakPort = HubApiTest.freePort();
        keycloakUrl = "http://localhost:" + keycloakPort;
        // People's browsers reach the hub as 127.0.0.1 and Keycloak as localhost: two sites, as in production.
        int hubPort = HubApiTest.freePort();
        hubUrl = "http://127.0.0.1:" + hubPort;
        keycloak = startKeycloak(keycloakPort);
        postgres = EmbeddedPostgres.builder()
                .setPort(HubApiTest.freePort())
                .setServerConfig("timezone", "UTC")
                .start();
        // The hub reads the people realm's endpoints from its issuer at start: Keycloak first.
        waitUntil(keycloak, realm("people") + "/.well-known/openid-configuration", LOGS.resolve("keycloak.log"));
        var keycloakReady = Instant.now();
        hubProcess = startProductionHub(hubPort, postgres.getPort());
        waitUntil(hubProcess, hubUrl + "/actuator/health/readiness", LOGS.resolve("hub.log"));
        System.out.printf(
                "KeycloakIT: Keycloak ready after %d s, the hub %d s later%n",
                Duration.between(began, keycloakReady).toSeconds(),
                Duration.between(keycloakReady, Instant.now()).toSeconds());

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

    /**
     * The web door against Keycloak in Chromium: people of the realm {@code people} log in, act by the
     * grants the hub holds for their personal code, log out at Keycloak, are refused there when
     * disabled, and lose their hub session when their Keycloak session ends.
     */
    @Nested
    class TheWebDoor {

        private static final Path SCREENSHOTS = Path.of("target", "screenshots");
        private ChromeDriver browser;
        private Path profile;

        @BeforeEach
        void startBrowser() throws IOException {
            profile = Files.createTempDirectory("enquiry-hub-keycloak-chromium");
            browser = Chromium.start(profile);
        }

        @AfterEach
        void stopBrowser() throws IOException {
            if (browser != null) {
                browser.quit();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }

        @Test
        void aPersonActsByTheGrantsOfTheirPersonalCodeAndLogsOutAtKeycloak() {
            // Mari is known to Keycloak, not yet to the hub: she acts for no one and sees her personal code
            logIn("mari", "mari-keycloak-password");
            assertThat(text("person-name")).isEqualTo("Mari Maasikas");
            assertThat(text("subject")).isEqualTo(MARI);
            screenshot("keycloak-person-without-grants");
            logOutAtKeycloak();

            // Helen is the hub operator (HUB_OPERATOR_PERSON) and appoints Mari by her personal code
            logIn("helen", "helen-keycloak-password");
            assertThat(browser.getCurrentUrl()).isEqualTo(hubUrl + "/web/operator/participants");
            assertThat(text("person-name")).isEqualTo("Helen Haldur");
            new Select(byId("appoint-participant")).selectByValue(SUPPLIER.eic());
            new Select(byId("appoint-role")).selectByValue("OPEN_SUPPLIER");
            new Select(byId("appoint-commodity")).selectByValue("ELECTRICITY");
            byId("appoint-subject").sendKeys(MARI);
            byId("appoint-name").sendKeys("Mari Maasikas");
            submit("appoint-admin");
            assertThat(text("participants-banner")).contains("Mari Maasikas");
            screenshot("keycloak-hub-operator-appointed-by-personal-code");
            logOutAtKeycloak();

            // Keycloak's session ended too: the next visit asks for a password again instead of logging in
            browser.get(hubUrl + "/web/");
            waitFor(() -> onKeycloakLoginPage());
            assertThat(browser.findElements(By.id("username"))).hasSize(1);

            logIn("mari", "mari-keycloak-password");
            assertThat(text("person-name")).isEqualTo("Mari Maasikas");
            assertThat(browser.findElement(By.className("hub-context")).getText())
                    .contains("Open Supplier A");
            assertThat(browser.findElements(By.id("nav-people")))
                    .as("Mari is the ADMIN")
                    .hasSize(1);
            screenshot("keycloak-person-acting-by-grant");
            logOutAtKeycloak();
        }

        @Test
        void aPersonDisabledInKeycloakIsRefusedThereAndNeverReachesTheHub() {
            browser.get(hubUrl + "/web/");
            waitFor(() -> onKeycloakLoginPage());
            byId("username").sendKeys("peeter");
            byId("password").sendKeys("peeter-keycloak-password");
            submit("kc-login");
            assertThat(browser.getCurrentUrl()).startsWith(realm("people"));
            assertThat(browser.findElement(By.tagName("body")).getText()).containsIgnoringCase("disabled");
            screenshot("keycloak-disabled-person-refused");

            browser.get(hubUrl + "/web/");
            waitFor(() -> onKeycloakLoginPage());
            assertThat(webSessionsOf(PEETER)).isZero();
        }

        @Test
        void aHubSessionEndsWhenThePersonsKeycloakSessionEnds() throws Exception {
            logIn("mari", "mari-keycloak-password");
            assertThat(webSessionsOf(MARI)).isEqualTo(1);

            // a logout token Keycloak did not sign ends nothing
            var forged = backChannelLogout(forgedLogoutToken(MARI));
            assertThat(forged.statusCode()).as("%s", forged.body()).isEqualTo(400);
            assertThat(backChannelLogout("").statusCode()).isEqualTo(400);
            assertThat(webSessionsOf(MARI)).isEqualTo(1);
            browser.navigate().refresh();
            assertThat(text("person-name")).isEqualTo("Mari Maasikas");

            // Keycloak's administrator ends her sessions there; Keycloak tells the hub on its back channel
            var ended = keycloakAdmin("POST", "/users/" + MARI + "/logout");
            assertThat(ended.statusCode()).as("%s", ended.body()).isEqualTo(204);
            waitFor(() -> webSessionsOf(MARI) == 0);
            browser.get(hubUrl + "/web/");
            waitFor(() -> onKeycloakLoginPage());
            screenshot("keycloak-session-ended-by-provider");
        }

        @Test
        void theRealmGivesTheClaimsOfTara() throws Exception {
            var clients = keycloakAdmin("GET", "/clients?clientId=enquiry-hub-web");
            var clientId = JSON.readTree(clients.body()).get(0).get("id").stringValue();
            var example = keycloakAdmin(
                    "GET",
                    "/clients/" + clientId + "/evaluate-scopes/generate-example-id-token?scope=openid&userId=" + MARI);
            assertThat(example.statusCode()).as("%s", example.body()).isEqualTo(200);
            var idToken = JSON.readTree(example.body());
            assertThat(idToken.get("sub").stringValue()).isEqualTo(MARI);
            assertThat(idToken.get("given_name").stringValue()).isEqualTo("Mari");
            assertThat(idToken.get("family_name").stringValue()).isEqualTo("Maasikas");
            assertThat(idToken.get("amr").get(0).stringValue()).isEqualTo("mID");
            assertThat(idToken.get("acr").stringValue()).isEqualTo("high");
            assertThat(idToken.has("name")).as("TARA gives no name").isFalse();
        }

        private void logIn(String username, String password) {
            browser.get(hubUrl + "/web/");
            waitFor(() -> onKeycloakLoginPage());
            assertThat(browser.getCurrentUrl()).contains("code_challenge_method=S256");
            byId("username").sendKeys(username);
            byId("password").sendKeys(password);
            submit("kc-login");
            waitFor(() -> browser.getCurrentUrl().startsWith(hubUrl + "/web/"));
        }

        /** The hub's logout button: the hub's session ends, then Keycloak's, which sends the browser back. */
        private void logOutAtKeycloak() {
            submit("logout");
            waitFor(() -> browser.getCurrentUrl().equals(hubUrl + "/web/signed-out"));
        }

        private boolean onKeycloakLoginPage() {
            return browser.getCurrentUrl().startsWith(realm("people") + "/protocol/openid-connect/auth")
                    && !browser.findElements(By.id("kc-login")).isEmpty();
        }

        private WebElement byId(String id) {
            return browser.findElement(By.id(id));
        }

        private String text(String id) {
            return byId(id).getText();
        }

        /** Submits the form of the button and waits for the next page to replace this one. */
        private void submit(String buttonId) {
            var page = browser.findElement(By.tagName("html"));
            byId(buttonId).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
            waitFor(() -> "complete".equals(browser.executeScript("return document.readyState")));
        }

        private void waitFor(BooleanSupplier condition) {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> condition.getAsBoolean());
        }

        private void screenshot(String name) {
            try {
                Files.createDirectories(SCREENSHOTS);
                Files.copy(
                        browser.getScreenshotAs(OutputType.FILE).toPath(),
                        SCREENSHOTS.resolve(name + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Web sessions of the person (by subject) in the hub's database, on whichever instance they began. */
    private static int webSessionsOf(String subject) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var query =
                        connection.prepareStatement("select count(*) from spring_session where principal_name = ?")) {
            query.setString(1, subject);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A logout token with every claim Keycloak's would have, signed with a key Keycloak never had. */
    private static String forgedLogoutToken(String subject) throws Exception {
        var keys = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(realm("people") + "/protocol/openid-connect/certs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        var keycloakKeyId = keys.get("keys")
                .valueStream()
                .filter(key -> "sig".equals(key.path("use").asString("")))
                .findFirst()
                .orElseThrow()
                .get("kid")
                .stringValue();
        var key = new RSAKeyGenerator(2048).keyID(keycloakKeyId).generate();
        var claims = new JWTClaimsSet.Builder()
                .issuer(realm("people"))
                .audience("enquiry-hub-web")
                .subject(subject)
                .issueTime(new Date())
                .jwtID(UUID.randomUUID().toString())
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keycloakKeyId).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static HttpResponse<String> backChannelLogout(String logoutToken) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(hubUrl + "/web/logout/back-channel"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A call of Keycloak's admin API on the realm {@code people}, as its bootstrap administrator. */
    private static HttpResponse<String> keycloakAdmin(String method, String path) throws Exception {
        var token = HTTP.send(
                HttpRequest.newBuilder(URI.create(tokenEndpoint("master")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                                + KEYCLOAK_ADMIN + "&password=" + KEYCLOAK_ADMIN_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode())
                .as("Keycloak's admin token: %s", token.body())
                .isEqualTo(200);
        var accessToken = JSON.readTree(token.body()).get("access_token").stringValue();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(keycloakUrl + "/admin/realms/people" + path))
                        .header("Authorization", "Bearer " + accessToken)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
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
        for (var realm : List.of("datahub", "elsewhere", "people")) {
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
        // the people realm's redirect, post-logout and back-channel logout addresses (${HUB_URL} in its file)
        builder.environment().put("HUB_URL", hubUrl);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KEYCLOAK_ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KEYCLOAK_ADMIN_PASSWORD);
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
        var environment = builder.environment();
        environment.put("HUB_PORT", String.valueOf(port));
        environment.put("HUB_PUBLIC_BASE_URL", hubUrl);
        environment.put("HUB_DATABASE_URL", "jdbc:postgresql://localhost:" + databasePort + "/postgres");
        environment.put("HUB_DATABASE_USER", "postgres");
        environment.put("HUB_DATABASE_PASSWORD", "");
        environment.put("HUB_ISSUER", realm("datahub"));
        environment.put("HUB_OPERATOR_CLIENT_ID", HUB_OPERATOR.clientId());
        environment.put("HUB_JWK_SET_URI", realm("datahub") + "/protocol/openid-connect/certs");
        environment.put("HUB_AUDIENCE", "enquiry-hub");
        // the web door: people from the realm "people" (docs/keycloak.md, "People")
        environment.put("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_HUB_ISSUER_URI", realm("people"));
        environment.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_HUB_CLIENT_ID", "enquiry-hub-web");
        environment.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_HUB_CLIENT_SECRET", WEB_CLIENT_SECRET);
        environment.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_HUB_SCOPE", "openid");
        environment.put(
                "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_HUB_REDIRECT_URI",
                "{baseUrl}/web/login/oauth2/code/{registrationId}");
        environment.put("HUB_WEB_PROVIDER_ORIGIN", keycloakUrl);
        environment.put("HUB_OPERATOR_PERSON", HELEN);
        environment.put("HUB_OPERATOR_PERSON_NAME", "Helen Haldur");
        // plain http on this machine: a Secure session cookie would not come back over it
        environment.put("SERVER_SERVLET_SESSION_COOKIE_SECURE", "false");
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
