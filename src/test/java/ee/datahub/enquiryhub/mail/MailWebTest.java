package ee.datahub.enquiryhub.mail;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.TestSmtp;
import ee.datahub.enquiryhub.support.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The email pages over HTTP: a clerk sets and confirms an address and chooses what to get; bad input
 * comes back with its reason; the confirmation and one-click unsubscribe links work without login
 * (RFC 8058's POST, no cookie, no CSRF token) and a GET changes nothing; an email's link opens the
 * enquiry in its context; the hub operator sees who receives what, nobody else does.
 */
class MailWebTest extends HubApiTest {

    @Autowired
    People people;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    private Actor supplier;
    private Actor grid;
    private String meter;
    private String clerk;
    private WebClient web;
    private String context;

    @BeforeEach
    void aClerkLoggedIn() {
        TestSmtp.start();
        supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        clerk = new MailPeople(people, notifications)
                .person("Kertu Karu", grid.party(), MarketRole.GRID_OPERATOR, Permission.EDITOR_DIRECT_MESSAGE);
        people.setEmbeddedPassword(clerk, "demo");
        web = new WebClient("http://localhost:" + port);
        web.logIn(clerk, "demo");
        context = grid.party().eic() + "/GRID_OPERATOR/ELECTRICITY";
    }

    @Test
    void aClerkSetsConfirmsAndChoosesThenUnsubscribesWithOneClick() throws Exception {
        var page = web.get("/web/mail?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "Your address",
                        "An email for each new enquiry received",
                        "Test participant " + grid.party().eic());

        var wrong =
                web.submit("/web/mail", "/web/mail/address", Map.of("address", "kertu at example", "language", "en"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Enter one email address").contains("value=\"kertu at example\"");

        var address = MailPeople.addressOf(clerk);
        var saved = web.submit("/web/mail", "/web/mail/address", Map.of("address", address, "language", "en"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("We sent a confirmation link", "not confirmed yet");

        var link = TestSmtp.await(address, 1, MailPeople.WAIT).getFirst().text();
        var confirmPath = link.substring(link.indexOf("/mail/confirm/")).split("\\s")[0];
        var anonymous = HttpClient.newHttpClient();
        var asked = anonymous.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + confirmPath + "?lang=en"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Confirm the address");
        assertThat(asked.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(notifications.setup(mail(clerk), 5).address().orElseThrow().confirmed())
                .as("opening the link confirms nothing yet (mail scanners open links)")
                .isFalse();
        var confirmed = anonymous.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + confirmPath))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("id=\"confirmed\"");
        var bogus = anonymous.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mail/confirm/AAAA.BBBB"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bogus.statusCode()).isEqualTo(404);

        var badTime = web.submit(
                "/web/mail",
                "/web/mail/preferences",
                Map.of("context", context, "newEnquiries", "true", "digestAt", "25:99"));
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body())
                .contains("Enter the time as hours and minutes")
                .contains("value=\"25:99\"");
        var notMine = web.submit(
                "/web/mail",
                "/web/mail/preferences",
                Map.of("context", supplier.party().eic() + "/OPEN_SUPPLIER/ELECTRICITY", "answers", "true"));
        assertThat(notMine.statusCode()).isEqualTo(403);
        var chosen = web.submit(
                "/web/mail",
                "/web/mail/preferences",
                Map.of("context", context, "newEnquiries", "true", "digestAt", "08:30"));
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.body()).contains("Your email settings are saved", "value=\"08:30\"", "checked=\"checked\"");

        var id = supplier.send(anEnquiry().about(meter).invoice("WEB-7"));
        var email = TestSmtp.await(address, 2, MailPeople.WAIT).get(1);
        assertThat(email.subject()).contains("WEB-7");

        var opened = web.get("/web/mail/enquiries/" + id + "?context=" + context);
        assertThat(opened.uri().getPath()).isEqualTo("/web/enquiries/" + id);
        assertThat(opened.statusCode()).isEqualTo(200);

        var header = email.header("List-Unsubscribe").orElseThrow();
        var unsubscribe = URI.create(header.substring(1, header.length() - 1));
        var local = URI.create("http://localhost:" + port + unsubscribe.getPath());
        var looked = anonymous.send(HttpRequest.newBuilder(local).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(looked.statusCode()).isEqualTo(200);
        assertThat(notifications.setup(mail(clerk), 5).preferences().getFirst().newEnquiries())
                .as("a GET turns nothing off")
                .isTrue();
        var oneClick = anonymous.send(
                HttpRequest.newBuilder(local)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        var after = notifications.setup(mail(clerk), 5).preferences().getFirst();
        assertThat(after.newEnquiries()).isFalse();
        assertThat(after.digestAt()).as("only that kind is off").isPresent();

        var mine = web.get("/web/mail?lang=en");
        assertThat(mine.body()).contains("Latest emails to you", "New enquiry", "Sent");
        assertThat(web.get("/web/operator/mail").statusCode()).isEqualTo(403);
        var operator = new WebClient("http://localhost:" + port);
        operator.logIn("helen", "demo");
        var view = operator.get("/web/operator/mail?lang=en");
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("Who receives what", "Kertu Karu", address, "daily list at 08:30");
        assertThat(jdbc.sql("select count(*) from audit_entry where client_id = ? and action like 'GET /web/mail%'")
                        .param("person:" + clerk)
                        .query(Integer.class)
                        .single())
                .as("the pages are audited as every page is")
                .isPositive();
    }

    private ee.datahub.enquiryhub.access.Person mail(String subject) {
        return people.find(subject).orElseThrow();
    }
}
