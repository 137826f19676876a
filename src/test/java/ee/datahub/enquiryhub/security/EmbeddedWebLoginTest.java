package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded provider's authorization code grant, spoken to directly: it serves the hub's web client
 * only, with PKCE, redirecting only back to the hub at an address it registered exactly (no loopback port
 * of the caller's choosing); the id token names the person; and the tokens it gives the web client are
 * not accepted by the hub's API.
 */
class EmbeddedWebLoginTest extends HubApiTest {

    private static final HttpClient RAW =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebClient person;
    private String redirectUri;

    @BeforeEach
    void aPersonLoggedInAtTheProvider() {
        person = new WebClient("http://localhost:" + port);
        person.logIn("mari", "demo");
        redirectUri = "http://localhost:" + port + "/web/login/oauth2/code/hub";
    }

    @Test
    void theWebClientsCodeBecomesAnIdTokenNamingThePersonButItsAccessTokenIsNotForTheApi() throws Exception {
        var spent = code("never-sent");
        var withoutVerifier = token(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                spent,
                "redirect_uri",
                redirectUri,
                "client_id",
                "enquiry-hub:web"));
        assertThat(withoutVerifier.statusCode())
                .as("PKCE: no verifier, no token: %s", withoutVerifier.body())
                .isBetween(400, 401);
        assertThat(withoutVerifier.body()).doesNotContain("access_token");

        var verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        var wrongVerifier = token(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code(verifier),
                "redirect_uri",
                redirectUri,
                "client_id",
                "enquiry-hub:web",
                "code_verifier",
                verifier + "-not"));
        assertThat(wrongVerifier.statusCode())
                .as("PKCE: a wrong verifier, no token")
                .isBetween(400, 401);

        var tokens = token(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code(verifier),
                "redirect_uri",
                redirectUri,
                "client_id",
                "enquiry-hub:web",
                "code_verifier",
                verifier));
        assertThat(tokens.statusCode()).as("%s", tokens.body()).isEqualTo(200);
        var body = JSON.readTree(tokens.body());
        var idToken = claims(body.get("id_token").asString());
        assertThat(idToken.get("sub").asString()).isEqualTo("mari");
        assertThat(idToken.get("name").asString()).isEqualTo("Mari Maasikas");
        assertThat(idToken.get("aud").toString()).contains("enquiry-hub:web");

        var accessToken = body.get("access_token").asString();
        assertThat(claims(accessToken).get("aud").toString()).doesNotContain("\"enquiry-hub\"");
        var api = hub.request(
                "POST",
                "/api/v1/direct-messages/search",
                Map.of(
                        "Authorization",
                        "Bearer " + accessToken,
                        "Content-Type",
                        "application/json",
                        "x-document-identification",
                        UUID.randomUUID().toString(),
                        "x-document-date-time",
                        "2026-11-27T09:15:00Z"),
                "{}");
        assertThat(api.status())
                .as("the web client's token is not for the API: %s", api)
                .isEqualTo(401);
    }

    @Test
    void anAuthorizationRequestWithoutPkceOrForAnotherRedirectOrClientGetsNoCode() throws Exception {
        var withoutPkce = authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                "enquiry-hub:web",
                "redirect_uri",
                redirectUri,
                "scope",
                "openid",
                "state",
                "s2"));
        assertThat(withoutPkce.headers().firstValue("Location").orElse("")).doesNotContain("code=");
        assertThat(withoutPkce.statusCode()).isLessThan(500);

        var elsewhere = authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                "enquiry-hub:web",
                "redirect_uri",
                "https://elsewhere.example/callback",
                "scope",
                "openid",
                "state",
                "s3",
                "code_challenge",
                challenge("v"),
                "code_challenge_method",
                "S256"));
        assertThat(elsewhere.statusCode()).as("never redirected elsewhere").isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();

        var technicalUser = authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                "supplier-a-erp",
                "redirect_uri",
                redirectUri,
                "scope",
                "openid",
                "state",
                "s4",
                "code_challenge",
                challenge("v"),
                "code_challenge_method",
                "S256"));
        assertThat(technicalUser.statusCode())
                .as("technical users have no authorization code grant")
                .isEqualTo(400);
    }

    @Test
    void aLoggedInPersonsCodeGoesOnlyToAnAddressTheHubRegisteredExactly() throws Exception {
        var path = "/web/login/oauth2/code/hub";
        for (var elsewhere : List.of(
                "http://127.0.0.1:" + (port + 1) + path,
                "http://127.0.0.1:1" + path,
                "http://[::1]:" + port + path,
                "http://localhost:" + (port + 1) + path,
                "http://127.0.0.2:" + port + path,
                redirectUri + "/more",
                redirectUri + "?x=1")) {
            var answer = authorize(Map.of(
                    "response_type",
                    "code",
                    "client_id",
                    "enquiry-hub:web",
                    "redirect_uri",
                    elsewhere,
                    "scope",
                    "openid",
                    "state",
                    "s5",
                    "code_challenge",
                    challenge("v"),
                    "code_challenge_method",
                    "S256"));
            assertThat(answer.statusCode())
                    .as("%s: %s", elsewhere, answer.body())
                    .isEqualTo(400);
            assertThat(answer.headers().firstValue("Location")).as(elsewhere).isEmpty();
            assertThat(JSON.readTree(answer.body()).get("error").asString()).isEqualTo("invalid_request");
        }
        var registered = authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                "enquiry-hub:web",
                "redirect_uri",
                "http://127.0.0.1:" + port + path,
                "scope",
                "openid",
                "state",
                "s6",
                "code_challenge",
                challenge("v"),
                "code_challenge_method",
                "S256"));
        assertThat(registered.headers().firstValue("Location").orElse(""))
                .as("the hub's own address on 127.0.0.1 with its port is registered")
                .startsWith("http://127.0.0.1:" + port + path + "?code=");
    }

    /** A code for the web client, as the provider redirects the person's browser back with it. */
    private String code(String verifier) throws Exception {
        var authorized = authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                "enquiry-hub:web",
                "redirect_uri",
                redirectUri,
                "scope",
                "openid profile",
                "state",
                "s1",
                "code_challenge",
                challenge(verifier),
                "code_challenge_method",
                "S256"));
        assertThat(authorized.statusCode()).isEqualTo(302);
        var location = authorized.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?code=");
        return java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> authorize(Map<String, String> parameters) throws Exception {
        return RAW.send(
                HttpRequest.newBuilder(URI.create(person.baseUrl() + "/oauth2/authorize?" + form(parameters)))
                        .header(
                                "Cookie",
                                "SESSION="
                                        + person.cookie("SESSION").orElseThrow().getValue())
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(Map<String, String> parameters) throws Exception {
        return RAW.send(
                HttpRequest.newBuilder(URI.create(person.baseUrl() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static tools.jackson.databind.JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
