package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the servlet container or the firewall refuse before the hub sees them get the hub's error
 * shape with an accurate code and a trace id, and are counted per source; nothing anonymous causes a
 * 5xx; the {@code Host} header a client sends is reflected nowhere; and a request with two
 * {@code Authorization} headers is refused, whichever the hub would have read.
 */
class HostileRequestsTest extends HubApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RefusalCounts refusals;

    @Autowired
    JdbcClient jdbc;

    private record Case(String method, String target, String expectedCode, int expectedStatus, String... headers) {}

    @Test
    void requestsTheContainerOrTheFirewallRefuseGetTheHubsShapeAndAreCounted() {
        var big = "X-Big: " + "a".repeat(9000);
        var cases = List.of(
                new Case("GET", "/api/v1/direct-messages%2Fsearch", "opp.error.validation.invalid-path", 400),
                new Case("GET", "/api/v1/direct-messages%00", "opp.error.validation.invalid-path", 400),
                new Case("GET", "/api/v1/direct\\messages", "opp.error.validation.invalid-path", 400),
                new Case("POST", "/api/v1/../v1/direct-messages/search", "opp.error.validation.invalid-path", 400),
                new Case("POST", "/api/v1/direct-messages;jsessionid=x", "opp.error.validation.invalid-path", 400),
                new Case("POST", "/api/v1//direct-messages", "opp.error.validation.invalid-path", 400),
                new Case("POST", "/api/v1/direct-messages", "opp.error.technical.request-header-too-large", 431, big),
                new Case("GET", "/swagger-ui/%2e%2e/x", "opp.error.validation.invalid-path", 400));
        refusals.flush();
        long before =
                counted("opp.error.validation.invalid-path") + counted("opp.error.technical.request-header-too-large");
        for (var c : cases) {
            var answer = RawHttp.send(port, c.method(), c.target(), c.headers());
            assertThat(answer.status())
                    .as("%s %s: %s", c.method(), c.target(), answer)
                    .isEqualTo(c.expectedStatus());
            assertThat(answer.headers().get("content-type")).startsWith("application/json");
            var body = JSON.readTree(answer.body());
            var error = body.has("cause") ? body.get("cause") : body;
            assertThat(error.get("code").stringValue()).as("%s", c.target()).isEqualTo(c.expectedCode());
            assertThat(error.get("traceId").stringValue()).matches("[0-9a-f]{32}");
            assertThat(answer.body())
                    .doesNotContain("<html")
                    .doesNotContain("Tomcat")
                    .doesNotContain("Exception");
        }
        refusals.flush();
        assertThat(counted("opp.error.validation.invalid-path")
                        + counted("opp.error.technical.request-header-too-large")
                        - before)
                .as("each refusal counted once for its source")
                .isEqualTo(cases.size());
    }

    @Test
    void nothingAnonymousCausesAServerError() {
        for (var path : List.of(
                "/oauth2/token",
                "/oauth2/jwks",
                "/oauth2/authorize",
                "/.well-known/openid-configuration",
                "/.well-known/oauth-authorization-server",
                "/userinfo",
                "/connect/logout",
                "/api/v1/direct-messages",
                "/api/v1/direct-messages/search",
                "/api/operator/participants",
                "/api/participant/technical-users",
                "/actuator/health",
                "/actuator",
                "/swagger-ui.html",
                "/openapi/enquiry-hub-v1.yaml",
                "/error",
                "/nowhere")) {
            for (var method :
                    List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND")) {
                var answer = RawHttp.send(port, method, path, "Accept: */*");
                assertThat(answer.status())
                        .as("%s %s: %s", method, path, answer)
                        .isLessThan(500);
                // the OAuth endpoints answer in OAuth's error shape (OAuthEndpointsTest)
                if (answer.status() >= 400 && !answer.body().isEmpty() && !path.startsWith("/oauth2/")) {
                    assertThat(answer.body()).as("%s %s", method, path).contains("\"code\":\"opp.error.");
                }
            }
        }
        var garbage = RawHttp.exchange(port, "NOT HTTP AT ALL\r\n\r\n");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).contains("opp.error.");
    }

    @Test
    void theHostHeaderIsReflectedNowhere() {
        var evil = "Host: evil.example";
        for (var path : List.of(
                "/v3/api-docs/swagger-config",
                "/swagger-ui.html",
                "/swagger-ui/index.html",
                "/actuator",
                "/.well-known/oauth-authorization-server",
                "/oauth2/jwks",
                "/actuator/health",
                "/web/",
                "/web/oauth2/authorization/hub",
                "/api/v1/direct-messages")) {
            var answer = RawHttp.send(port, "GET", path, evil);
            assertThat(answer.body() + answer.headers())
                    .as("%s: %s", path, answer)
                    .doesNotContain("evil.example");
        }
        var login = RawHttp.send(port, "GET", "/web/oauth2/authorization/hub", evil);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.headers().get("location"))
                .as("the web login's redirect URI is built on the public base URL, not the forged host")
                .contains("redirect_uri=http://localhost:8080/web/login/oauth2/code/hub&")
                .doesNotContain("evil.example");
        var own = RawHttp.send(port, "GET", "/web/oauth2/authorization/hub", "Host: 127.0.0.1:" + port);
        assertThat(own.headers().get("location"))
                .as("an address of the hub's own is kept")
                .contains("redirect_uri=http://127.0.0.1:" + port + "/web/login/oauth2/code/hub&");
        var config = RawHttp.send(port, "GET", "/v3/api-docs/swagger-config", evil);
        assertThat(JSON.readTree(config.body()).get("oauth2RedirectUrl").stringValue())
                .isEqualTo("http://localhost:8080/swagger-ui/oauth2-redirect.html");
    }

    @Test
    void aRequestWithTwoAuthorizationHeadersIsRefused() {
        var supplier = "Authorization: Bearer " + hub.token(Party.SUPPLIER_A);
        var grid = "Authorization: Bearer " + hub.token(Party.GRID_A);
        var search = EnquiryJson.object("marketParticipantContext", supplierA().context())
                .toString();
        var one = RawHttp.exchange(port, v1Search(search, supplier));
        assertThat(one.status()).as("with one: %s", one).isEqualTo(200);
        for (var twice : List.of(
                v1Search(search, supplier, grid),
                v1Search(search, supplier, supplier),
                v1Search(search, supplier, "Authorization: Basic eA=="),
                "GET /api/v2/direct-messages HTTP/1.1\r\nHost: localhost\r\n" + supplier + "\r\n" + grid
                        + "\r\nx-market-participant-eic: " + Party.SUPPLIER_A.eic()
                        + "\r\nx-market-participant-role: OPEN_SUPPLIER\r\nx-commodity-type: ELECTRICITY"
                        + "\r\nConnection: close\r\n\r\n",
                "POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                        + java.util.Base64.getEncoder().encodeToString("supplier-a-erp:supplier-a-secret".getBytes())
                        + "\r\nAuthorization: Basic "
                        + java.util.Base64.getEncoder().encodeToString("grid-a-erp:grid-a-secret".getBytes())
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 29"
                        + "\r\nConnection: close\r\n\r\ngrant_type=client_credentials")) {
            var answer = RawHttp.exchange(port, twice);
            assertThat(answer.status()).as("%s", answer).isEqualTo(400);
            var body = JSON.readTree(answer.body());
            var error = body.has("cause") ? body.get("cause") : body;
            assertThat(error.get("code").stringValue()).isEqualTo("opp.error.technical.malformed-request");
            assertThat(answer.body()).doesNotContain("access_token");
        }
    }

    private static String v1Search(String body, String... authorizations) {
        var request = new StringBuilder("POST /api/v1/direct-messages/search HTTP/1.1\r\nHost: localhost\r\n");
        for (var authorization : authorizations) {
            request.append(authorization).append("\r\n");
        }
        return request.append("Content-Type: application/json\r\nx-document-identification: ")
                .append(java.util.UUID.randomUUID())
                .append("\r\nx-document-date-time: 2026-11-27T09:15:00Z\r\nContent-Length: ")
                .append(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .append("\r\nConnection: close\r\n\r\n")
                .append(body)
                .toString();
    }

    private long counted(String code) {
        return jdbc.sql(
                        "select coalesce(sum(requests), 0) from refusal_count where source_address = '127.0.0.1' and error_code = ?")
                .param(code)
                .query(Long.class)
                .single();
    }
}
