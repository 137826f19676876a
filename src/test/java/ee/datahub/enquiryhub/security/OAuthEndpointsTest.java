package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every OAuth and OpenID Connect endpoint of the hub, sent anonymous and malformed requests (missing,
 * repeated and absurd parameters, broken encodings and credentials, other methods and body types):
 * none is answered with a 5xx. A technical user at the authorization endpoint, the 500 of the attack
 * run, is a 400 with the OAuth error.
 */
class OAuthEndpointsTest extends HubApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    private record Probe(String method, String target, String body, String... headers) {}

    @Test
    void aTechnicalUserAtTheAuthorizationEndpointIsA400WithTheOAuthError() {
        var answer = RawHttp.send(port, "GET", "/oauth2/authorize?response_type=code&client_id=supplier-a-erp");
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        assertThat(answer.headers()).doesNotContainKey("location");
        assertThat(JSON.readTree(answer.body()).get("error").stringValue()).isEqualTo("unauthorized_client");

        var unknown = RawHttp.send(port, "GET", "/oauth2/authorize?response_type=code&client_id=no-such-client");
        assertThat(unknown.body())
                .as("the same answer whether the client id exists or not")
                .isEqualTo(answer.body());
    }

    @Test
    void noAnonymousOrMalformedRequestToAnOAuthEndpointIsAServerError() {
        var web = "enquiry-hub:web";
        var redirect = "http%3A%2F%2Flocalhost%3A" + port + "%2Fweb%2Flogin%2Foauth2%2Fcode%2Fhub";
        var probes = new ArrayList<Probe>();
        for (var query : List.of(
                "",
                "?",
                "?response_type=code",
                "?client_id=",
                "?client_id=supplier-a-erp",
                "?response_type=code&client_id=supplier-a-erp&scope=openid",
                "?response_type=code&client_id=supplier-a-erp&redirect_uri=https%3A%2F%2Fevil.example%2F",
                "?response_type=code&client_id=" + web,
                "?response_type=code&client_id=" + web + "&client_id=supplier-a-erp&redirect_uri=" + redirect,
                "?response_type=code&client_id=" + web + "&redirect_uri=" + redirect + "&redirect_uri=" + redirect,
                "?response_type=code&client_id=" + web
                        + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fweb%2Flogin%2Foauth2%2Fcode%2Fhub",
                "?response_type=token&client_id=" + web + "&redirect_uri=" + redirect,
                "?response_type=code&client_id=" + web + "&redirect_uri=" + redirect + "&scope=openid",
                "?response_type=code&client_id=" + web + "&redirect_uri=" + redirect
                        + "&scope=openid%20admin&code_challenge=x&code_challenge_method=plain",
                "?response_type=code&client_id=" + web + "&redirect_uri=" + redirect
                        + "&scope=openid&prompt=none&code_challenge=abc&code_challenge_method=S256",
                "?response_type=code&client_id=" + web + "&redirect_uri=" + redirect
                        + "&scope=openid&prompt=login%20none&code_challenge=abc&code_challenge_method=S256",
                "?request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ax&client_id=" + web,
                "?response_type=code&client_id=%zz&redirect_uri=%",
                "?client_id=" + "a".repeat(4000),
                "?response_type=code&client_id=" + web + "&redirect_uri=" + redirect + "&state=" + "s".repeat(4000)
                        + "&scope=openid&code_challenge=abc&code_challenge_method=S256")) {
            for (var method : List.of("GET", "POST")) {
                probes.add(new Probe(method, "/oauth2/authorize" + query, null, "Accept: text/html"));
                probes.add(new Probe(method, "/oauth2/authorize" + query, null, "Accept: application/json"));
            }
            probes.add(new Probe("POST", "/oauth2/authorize", query.isEmpty() ? "" : query.substring(1), FORM));
        }
        var basic = "Authorization: Basic "
                + Base64.getEncoder().encodeToString("supplier-a-erp:wrong".getBytes(StandardCharsets.UTF_8));
        for (var body : List.of(
                "",
                "grant_type=",
                "grant_type=client_credentials",
                "grant_type=client_credentials&grant_type=client_credentials",
                "grant_type=client_credentials&client_id=supplier-a-erp",
                "grant_type=client_credentials&client_id=supplier-a-erp&client_secret=",
                "grant_type=client_credentials&client_id=supplier-a-erp&client_secret=x&client_id=grid-a-erp",
                "grant_type=client_credentials&client_id=&client_secret=x",
                "grant_type=client_credentials&scope=openid%20admin&client_id=supplier-a-erp&client_secret=x",
                "grant_type=authorization_code&client_id=" + web,
                "grant_type=authorization_code&client_id=" + web + "&code=x&redirect_uri=" + redirect,
                "grant_type=authorization_code&client_id=" + web + "&code=x&redirect_uri=" + redirect
                        + "&code_verifier=" + "v".repeat(200),
                "grant_type=refresh_token&refresh_token=x&client_id=" + web,
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=x",
                "grant_type=%zz&client_id=%",
                "client_id=" + "c".repeat(5000) + "&client_secret=x&grant_type=client_credentials")) {
            probes.add(new Probe("POST", "/oauth2/token", body, FORM));
            probes.add(new Probe("POST", "/oauth2/token", body, FORM, basic));
        }
        for (var authorization : List.of(
                "Authorization: Basic",
                "Authorization: Basic !!!not-base64!!!",
                "Authorization: Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()),
                "Authorization: Basic " + Base64.getEncoder().encodeToString(":".getBytes()),
                "Authorization: Basic " + Base64.getEncoder().encodeToString("%zz:%zz".getBytes()),
                "Authorization: Basic "
                        + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', (byte) 0xfe}),
                "Authorization: Bearer x",
                "Authorization: Digest x")) {
            probes.add(new Probe("POST", "/oauth2/token", "grant_type=client_credentials", FORM, authorization));
        }
        probes.add(new Probe(
                "POST", "/oauth2/token", "{\"grant_type\":\"client_credentials\"}", "Content-Type: application/json"));
        probes.add(new Probe("POST", "/oauth2/token", "grant_type=client_credentials", "Content-Type: text/plain"));
        probes.add(new Probe("POST", "/oauth2/token", "--x\r\n", "Content-Type: multipart/form-data; boundary=x"));
        probes.add(new Probe(
                "POST",
                "/oauth2/token",
                "grant_type=client_credentials",
                "Content-Type: application/x-www-form-urlencoded; charset=nonsense"));
        for (var path : List.of(
                "/oauth2/token",
                "/oauth2/jwks",
                "/oauth2/jwks?kid=%zz",
                "/.well-known/oauth-authorization-server",
                "/.well-known/oauth-authorization-server/x",
                "/.well-known/openid-configuration",
                "/oauth2/introspect",
                "/oauth2/revoke",
                "/oauth2/device_authorization",
                "/oauth2/device_verification?user_code=x",
                "/oauth2/par",
                "/userinfo",
                "/connect/register",
                "/connect/logout?id_token_hint=x&post_logout_redirect_uri=https%3A%2F%2Fevil.example",
                "/idp/login",
                "/idp/login?error=%zz",
                "/web/oauth2/authorization/hub",
                "/web/oauth2/authorization/nowhere",
                "/web/login/oauth2/code/hub",
                "/web/login/oauth2/code/hub?code=x&state=y",
                "/web/login/oauth2/code/hub?error=access_denied&state=y",
                "/web/login/oauth2/code/nowhere?code=x&state=y",
                "/web/logout",
                "/web/logout/back-channel")) {
            for (var method : List.of("GET", "POST", "PUT", "DELETE")) {
                probes.add(new Probe(method, path, method.equals("POST") ? "x=%zz&token=y" : null, FORM));
            }
        }
        var unsigned = Base64.getUrlEncoder().withoutPadding();
        for (var body : List.of(
                "",
                "logout_token=",
                "logout_token=x",
                "logout_token=a.b.c",
                "logout_token=x&logout_token=y",
                "logout_token=%zz",
                "logout_token=" + unsigned.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                        + unsigned.encodeToString("{\"sub\":\"EE38001085718\"}".getBytes()) + ".",
                "logout_token=" + "t".repeat(5000))) {
            probes.add(new Probe("POST", "/web/logout/back-channel", body, FORM));
        }
        probes.add(new Probe("POST", "/idp/login", "username=mari&password=demo", FORM));
        probes.add(new Probe("POST", "/idp/login", "username=" + "u".repeat(5000) + "&password=x", FORM));

        for (var probe : probes) {
            var headers = new ArrayList<>(List.of(probe.headers()));
            var answer = probe.body() == null
                    ? RawHttp.send(port, probe.method(), probe.target(), headers.toArray(String[]::new))
                    : RawHttp.exchange(port, request(probe));
            assertThat(answer.status())
                    .as(
                            "%s %s [%s] %s: %s",
                            probe.method(), abbreviated(probe.target()), abbreviated(probe.body()), headers, answer)
                    .isLessThan(500);
            assertThat(answer.headers().getOrDefault("location", ""))
                    .as("%s %s: never redirected to a foreign address", probe.method(), abbreviated(probe.target()))
                    .doesNotContain("evil.example")
                    .doesNotContain("127.0.0.1:1/");
        }
        System.out.printf("OAuth endpoints: %d anonymous and malformed requests, none a 5xx%n", probes.size());
    }

    private String request(Probe probe) {
        var body = probe.body().getBytes(StandardCharsets.UTF_8);
        var request = new StringBuilder(probe.method())
                .append(' ')
                .append(probe.target())
                .append(" HTTP/1.1\r\nHost: localhost:")
                .append(port)
                .append("\r\n");
        for (var header : probe.headers()) {
            request.append(header).append("\r\n");
        }
        request.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return request + probe.body();
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
