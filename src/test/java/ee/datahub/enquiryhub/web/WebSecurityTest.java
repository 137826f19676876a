package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The web interface's security at the HTTP level (a browser adds nothing here): page headers, the
 * session cookie, CSRF, permissions against forged posts, the login redirect, and the audit log.
 */
class WebSecurityTest extends HubApiTest {

    private static final String SUPPLIER_A = "38X-EIN-OS-----J";
    private static final HttpClient RAW =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    JdbcClient jdbc;

    private WebClient web;

    @BeforeEach
    void browserOfItsOwn() {
        web = new WebClient("http://localhost:" + port);
    }

    @Test
    void theLoginPageAndEveryWebPageCarryAStrictContentSecurityPolicyAndNoFraming() {
        assertStrictHeaders(web.get("/idp/login"));
        web.logIn("anne", "demo");
        assertStrictHeaders(web.get("/web/"));
        assertStrictHeaders(web.get("/web/admin/technical-users"));
    }

    private static void assertStrictHeaders(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        var csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains(
                        "default-src 'self'",
                        "script-src 'self'",
                        "style-src 'self'",
                        "frame-ancestors 'none'",
                        "object-src 'none'",
                        "form-action 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(page.body()).as("no inline script or style").doesNotContain("<script>", "style=\"", "<style");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndItsIdChangesAtLogin() throws Exception {
        var first = RAW.send(
                HttpRequest.newBuilder(URI.create(web.baseUrl() + "/web/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as("a stranger is sent to log in").isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/web/oauth2/authorization/hub");
        var started = RAW.send(
                HttpRequest.newBuilder(URI.create(web.baseUrl() + "/web/oauth2/authorization/hub"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var setCookie = started.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .contains("HttpOnly", "SameSite=Lax", "Path=/")
                .as("Secure only where served over TLS (this test runs on plain HTTP)")
                .doesNotContain("Secure");

        web.get("/web/");
        var before = web.cookie("SESSION").orElseThrow().getValue();
        web.logIn("anne", "demo");
        var after = web.cookie("SESSION").orElseThrow().getValue();
        assertThat(after).as("the session id changes at login").isNotEqualTo(before);
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        web.logIn("anne", "demo");
        int before = activeTechnicalUsers();
        var refused = web.post(
                "/web/admin/technical-users", Map.of("suffix", "no-token", "permissions", "VIEWER_DIRECT_MESSAGE"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.body()).contains("Vormi turvatunnus puudus või oli aegunud");
        assertThat(activeTechnicalUsers()).isEqualTo(before);
    }

    @Test
    void aPersonWithoutAdminSeesNoAdminActionsAndAForgedAdminPostIsRefused() {
        web.logIn("mari", "demo");
        var home = web.get("/web/");
        assertThat(home.body()).contains("Mari Maasikas").doesNotContain("/web/admin/", "/web/operator/");
        assertThat(web.get("/web/admin/technical-users").statusCode()).isEqualTo(403);
        assertThat(web.get("/web/admin/people").statusCode()).isEqualTo(403);
        assertThat(web.get("/web/operator/participants").statusCode()).isEqualTo(403);

        int before = activeTechnicalUsers();
        var forged =
                web.submit("/web/", "/web/admin/technical-users", Map.of("suffix", "forged", "permissions", "ADMIN"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Teil puudub selleks vajalik õigus (Administraator)");
        assertThat(activeTechnicalUsers()).as("nothing created").isEqualTo(before);
        var granted = web.submit(
                "/web/",
                "/web/admin/people",
                Map.of(
                        "subject",
                        "mallory",
                        "name",
                        "Mallory",
                        "role",
                        "OPEN_SUPPLIER",
                        "commodity",
                        "ELECTRICITY",
                        "permissions",
                        "ADMIN"));
        assertThat(granted.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from person where subject = 'mallory'")
                        .query(Integer.class)
                        .single())
                .isZero();

        var audited = jdbc.sql("""
                select http_status, error_code from audit_entry
                 where client_id = 'person:mari' and action = 'POST /web/admin/technical-users' order by id desc limit 1
                """)
                .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2))
                .single();
        assertThat(audited).isEqualTo("403 opp.error.business.insufficient-permission");
    }

    @Test
    void aContextThePersonDoesNotHoldCannotBeChosen() {
        web.logIn("mari", "demo");
        var forged =
                web.submit("/web/", "/web/context", Map.of("context", "38X-EIN-ALL----B/GRID_OPERATOR/ELECTRICITY"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(web.get("/web/").body()).contains("Demo Open Supplier A");
    }

    @Test
    void anHtmxRequestOfAStrangerGetsA401AndAnUnknownPageAnHtmlPage() throws Exception {
        var htmx = RAW.send(
                HttpRequest.newBuilder(URI.create(web.baseUrl() + "/web/"))
                        .header("HX-Request", "true")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.headers().firstValue("HX-Refresh"))
                .as("htmx reloads the page, which leads to the login")
                .contains("true");
        web.logIn("mari", "demo");
        var missing = web.get("/web/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Lehte ei leitud");
    }

    @Test
    void anAdminActionReachesTheAuditLogNamingThePersonAndItsContext() {
        web.logIn("anne", "demo");
        var created = web.submit(
                "/web/admin/technical-users",
                "/web/admin/technical-users",
                Map.of("suffix", "audited-" + System.nanoTime(), "permissions", "VIEWER_DIRECT_MESSAGE"));
        assertThat(created.statusCode()).isEqualTo(200);
        var entry = jdbc.sql("""
                select participant_eic, role, commodity, http_status from audit_entry
                 where client_id = 'person:anne' and action = 'POST /web/admin/technical-users' order by id desc limit 1
                """)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4))
                .single();
        assertThat(entry).isEqualTo(SUPPLIER_A + " OPEN_SUPPLIER ELECTRICITY 200");
    }

    @Test
    void aLoginFormWhoseTokenExpiredLeadsToAFreshLoginPageAndAForgedCallbackToALoginFailedPage() {
        var expired = web.post("/idp/login", Map.of("username", "mari", "password", "demo"));
        assertThat(expired.statusCode())
                .as("%s %s %s", expired.uri(), expired.headers().map(), expired.body())
                .isEqualTo(200);
        assertThat(expired.uri().toString()).endsWith("/idp/login?expired");
        assertThat(expired.body()).contains("Leht oli aegunud. Logige uuesti sisse.");

        var forged = web.get("/web/login/oauth2/code/hub?code=made-up&state=made-up");
        assertThat(forged.statusCode())
                .as("a login that cannot be completed is the person's 401, never a 5xx")
                .isEqualTo(401);
        assertThat(forged.body()).contains("Sisselogimine ebaõnnestus");
    }

    @Test
    void theLanguageChosenIsKeptInACookieAndAnUnknownOneIsIgnored() {
        assertThat(web.get("/idp/login?lang=en").body()).contains("<h1 class=\"govuk-heading-l\">Log in</h1>");
        assertThat(web.get("/idp/login").body()).as("kept").contains("Log in</h1>");
        assertThat(web.get("/idp/login?lang=xx").body()).as("ignored").contains("Log in</h1>");
        assertThat(web.get("/idp/login?lang=et").body()).contains("Sisselogimine</h1>");
    }

    private int activeTechnicalUsers() {
        return jdbc.sql("select count(*) from technical_user where participant_eic = ? and revoked_at is null")
                .param(SUPPLIER_A)
                .query(Integer.class)
                .single();
    }
}
