package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.SecondHub;
import ee.datahub.enquiryhub.support.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Sessions live in PostgreSQL (spec §9): a person logged in on one instance is served by another on
 * the same database with the same session cookie, and logging out on either ends the session on both.
 */
class WebSessionOnTwoInstancesTest extends HubApiTest {

    private static final HttpClient RAW =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aSessionStartedOnOneInstanceIsServedByTheOtherAndEndsOnBothAtLogout() throws Exception {
        var first = new WebClient("http://localhost:" + port);
        first.logIn("anne", "demo");
        var session = first.cookie("SESSION").orElseThrow().getValue();
        var otherUrl = SecondHub.client().baseUrl();

        var onSecond = RAW.send(
                HttpRequest.newBuilder(URI.create(otherUrl + "/web/admin/technical-users"))
                        .header("Cookie", "SESSION=" + session)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onSecond.statusCode()).isEqualTo(200);
        assertThat(onSecond.body()).contains("Anne Ader", "Tehnilised kasutajad", "38x-ein-os-----j.");

        var logout = RAW.send(
                HttpRequest.newBuilder(URI.create(otherUrl + "/web/logout"))
                        .header("Cookie", "SESSION=" + session)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + WebClient.csrfOf(onSecond.body())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/web/signed-out");

        var backOnFirst = RAW.send(
                HttpRequest.newBuilder(URI.create(first.baseUrl() + "/web/"))
                        .header("Cookie", "SESSION=" + session)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(backOnFirst.statusCode())
                .as("the session ended for every instance")
                .isEqualTo(302);
        assertThat(backOnFirst.headers().firstValue("Location").orElseThrow())
                .endsWith("/web/oauth2/authorization/hub");
        assertThat(first.get("/web/").uri().getPath()).isEqualTo("/idp/login");
    }
}
