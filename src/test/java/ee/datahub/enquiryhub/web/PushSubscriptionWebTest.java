package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.standardwebhooks.Webhook;
import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Receiver;
import ee.datahub.enquiryhub.support.SubscriptionClient;
import ee.datahub.enquiryhub.support.WebClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A participant's ADMIN manages its push subscriptions in the web interface, at the HTTP level: creates
 * one and sees its secret once (a form sent twice creates one, and the repetition shows no secret), the
 * deliveries are signed with that secret and listed in the log, pauses, resumes and rotates it, a stale
 * page's action is refused, refusals stand beside their fields, and a person without ADMIN gets no page
 * and its forged post is refused.
 */
class PushSubscriptionWebTest extends HubApiTest {

    private static final Pattern DOCUMENT_ID = Pattern.compile("name=\"documentId\" value=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("id=\"subscription-secret\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern SUBSCRIPTION = Pattern.compile("href=\"/web/admin/subscriptions/([0-9a-f-]{36})\"");

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    private Party grid;
    private String meter;
    private String username;
    private WebClient web;
    private Receiver receiver;

    @BeforeEach
    void anAdminOfAFreshGridOperator() {
        grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        username = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(username, "Test Admin", false);
        people.grant(
                username,
                "Test Admin",
                new Grant(
                        new Eic(grid.eic()), MarketRole.GRID_OPERATOR, Commodity.ELECTRICITY, Set.of(Permission.ADMIN)),
                "test");
        people.setEmbeddedPassword(username, "demo");
        web = new WebClient("http://localhost:" + port);
        web.logIn(username, "demo");
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anAdminCreatesASubscriptionSeesItsSecretOnceAndItsSignedDeliveriesInTheLog() {
        var list = web.get("/web/admin/subscriptions");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Tõukeliitumised", "Liitumisi veel ei ole.", "id=\"nav-subscriptions\"");

        var fields = createFields(match(DOCUMENT_ID, list.body()), receiver.url());
        fields.put("_csrf", WebClient.csrfOf(list.body()));
        var created = web.post("/web/admin/subscriptions", fields);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("Liitumine on loodud", "Allkirjastamise saladust näidatakse ainult praegu");
        var secret = match(SECRET, created.body());
        var id = match(SUBSCRIPTION, created.body());

        var again = web.post("/web/admin/subscriptions", fields);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.uri().getPath())
                .as("the repetition leads to the subscription")
                .isEqualTo("/web/admin/subscriptions/" + id);
        assertThat(again.body()).contains("See vorm oli juba saadetud").doesNotContain(secret);
        assertThat(subscriptionsTo(receiver.url())).as("created once").isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where client_id = ? and action = 'POST /web/admin/subscriptions'")
                        .param("person:" + username)
                        .query(Integer.class)
                        .single())
                .as("both posts audited, naming the person")
                .isEqualTo(2);

        var enquiry = supplierA().send(anEnquiry().about(meter).comment("pushed to the grid operator"));
        Receiver.await("the new enquiry delivered", () -> receiver.received().size() >= 1);
        var delivery = receiver.received().getFirst();
        assertThatCode(() -> new Webhook(secret).verify(delivery.body(), delivery.httpHeaders()))
                .as("signed with the secret the page showed")
                .doesNotThrowAnyException();
        assertThat(delivery.json().get("enquiry").get("id").stringValue()).isEqualTo(enquiry);
        // The receiver has the request before the hub has its answer and logs the delivery.
        Receiver.await(
                "the delivery logged",
                () -> web.get("/web/admin/subscriptions/" + id).body().contains(">204<"));

        var page = web.get("/web/admin/subscriptions/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(receiver.url(), "Aktiivne", "Kohale toimetatud", ">204<", "/web/enquiries/" + enquiry)
                .doesNotContain(secret);
        assertThat(web.get("/web/admin/subscriptions").body())
                .contains("id=\"subscription-" + id + "\"", receiver.url());
    }

    @Test
    void aPausedSubscriptionSendsNothingUntilResumedAStalePageIsRefusedAndARotatedSecretSigns() throws Exception {
        var created = create(receiver.url());
        var id = match(SUBSCRIPTION, created.body());
        var secret = match(SECRET, created.body());

        var page = web.get("/web/admin/subscriptions/" + id);
        assertThat(page.body()).contains("id=\"pause-subscription\"");
        var paused = act(page, id, "active", Map.of("active", "false"));
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body()).contains("Liitumine on peatatud", "Peatatud", "id=\"resume-subscription\"");
        assertThat(admin().status(id)).isEqualTo("PAUSED");

        var whilePaused = supplierA().send(anEnquiry().about(meter).comment("sent while paused"));
        // A paused subscription is taken by no sweep (nor by the change's wake-up, which came before them).
        awaitSweeps(3);
        assertThat(receiver.received()).as("nothing sent while paused").isEmpty();

        var stale = act(page, id, "rotate", Map.of());
        assertThat(stale.statusCode()).as("the page before the pause is stale").isEqualTo(412);
        assertThat(stale.body())
                .contains("Keegi muutis liitumist sel ajal", "Peatatud", "name=\"version\" value=\"2\"");

        var resumed = act(web.get("/web/admin/subscriptions/" + id), id, "active", Map.of("active", "true"));
        assertThat(resumed.body()).contains("Liitumine saadab jälle", "Aktiivne");
        Receiver.await(
                "the change made while paused delivered, none skipped",
                () -> receiver.received().size() >= 1);
        var first = receiver.received().getFirst();
        assertThat(first.json().get("enquiry").get("id").stringValue()).isEqualTo(whilePaused);
        assertThatCode(() -> new Webhook(secret).verify(first.body(), first.httpHeaders()))
                .as("the stale rotation rotated nothing")
                .doesNotThrowAnyException();

        var rotated = act(web.get("/web/admin/subscriptions/" + id), id, "rotate", Map.of());
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.body()).contains("Uus saladus", "Eelmine saladus allkirjastab saadetisi ka kuni");
        var newSecret = match(SECRET, rotated.body());
        assertThat(newSecret).isNotEqualTo(secret);

        supplierA().send(anEnquiry().about(meter).comment("sent after the rotation"));
        Receiver.await("the next change delivered", () -> receiver.received().size() >= 2);
        var second = receiver.received().get(1);
        assertThatCode(() -> new Webhook(newSecret).verify(second.body(), second.httpHeaders()))
                .as("signed with the new secret")
                .doesNotThrowAnyException();
        assertThat(web.get("/web/admin/subscriptions/" + id).body())
                .contains("Allkirjastab veel kuni")
                .doesNotContain(newSecret);
    }

    @Test
    void aMissingAddressAPrivateAddressAndNoKindsAreShownBesideTheirFieldsInBothLanguages() {
        var list = web.get("/web/admin/subscriptions");
        var empty = new LinkedHashMap<String, String>();
        empty.put("documentId", match(DOCUMENT_ID, list.body()));
        empty.put("url", "");
        empty.put("_kinds", "on");
        empty.put("_csrf", WebClient.csrfOf(list.body()));
        var refused = web.post("/web/admin/subscriptions", empty);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains(
                        "Esines probleem",
                        "href=\"#url\"",
                        "href=\"#kinds\"",
                        "id=\"url-error\"",
                        "Sisestage oma serveri aadress.",
                        "id=\"kinds-error\"",
                        "Valige, milliseid muudatusi saata.");

        var english = web.get("/web/admin/subscriptions?lang=en");
        var privateAddress = createFields(match(DOCUMENT_ID, english.body()), "https://10.1.2.3/hooks");
        privateAddress.put("_csrf", WebClient.csrfOf(english.body()));
        var notThere = web.post("/web/admin/subscriptions", privateAddress);
        assertThat(notThere.statusCode()).isEqualTo(400);
        assertThat(notThere.body())
                .contains(
                        "There is a problem",
                        "id=\"url-error\"",
                        "The hub does not send to https://10.1.2.3/hooks: enter an https address of a server on the public internet.");
        assertThat(subscriptionsTo("https://10.1.2.3/hooks")).isZero();
    }

    @Test
    void aPersonWithoutAdminIsOfferedNoSubscriptionsAndItsForgedPostIsRefused() {
        var editor = new WebClient("http://localhost:" + port);
        editor.logIn("kati", "demo");
        assertThat(editor.get("/web/").body()).doesNotContain("nav-subscriptions");
        assertThat(editor.get("/web/admin/subscriptions").statusCode()).isEqualTo(403);

        var url = receiver.url() + "/forged";
        var forged = editor.submit(
                "/web/enquiries",
                "/web/admin/subscriptions",
                createFields(UUID.randomUUID().toString(), url));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(subscriptionsTo(url)).isZero();

        var someone = match(SUBSCRIPTION, create(receiver.url()).body());
        assertThat(editor.get("/web/admin/subscriptions/" + someone).statusCode())
                .as("another participant's")
                .isEqualTo(403);
        assertThat(editor.submit(
                                "/web/enquiries",
                                "/web/admin/subscriptions/" + someone + "/active",
                                Map.of("documentId", UUID.randomUUID().toString(), "version", "1", "active", "false"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(admin().status(someone)).isEqualTo("ACTIVE");
    }

    private HttpResponse<String> create(String url) {
        var list = web.get("/web/admin/subscriptions");
        var fields = createFields(match(DOCUMENT_ID, list.body()), url);
        fields.put("_csrf", WebClient.csrfOf(list.body()));
        var created = web.post("/web/admin/subscriptions", fields);
        assertThat(created.statusCode()).as("created: %s", created.body()).isEqualTo(200);
        return created;
    }

    /** Sends one of the subscription page's action forms ({@code active} or {@code rotate}) as the page rendered it. */
    private HttpResponse<String> act(HttpResponse<String> page, String id, String action, Map<String, String> extra) {
        var form = page.body().substring(page.body().indexOf("/web/admin/subscriptions/" + id + "/" + action + "\""));
        var fields = new LinkedHashMap<String, String>();
        fields.put("_csrf", WebClient.csrfOf(form));
        fields.put("documentId", match(DOCUMENT_ID, form));
        fields.put("version", match(VERSION, form));
        fields.putAll(extra);
        return web.post("/web/admin/subscriptions/" + id + "/" + action, fields);
    }

    private SubscriptionClient admin() {
        return new SubscriptionClient(hub, grid, "GRID_OPERATOR", "ELECTRICITY");
    }

    private int subscriptionsTo(String url) {
        return jdbc.sql("select count(*) from push_subscription where url = ?")
                .param(url)
                .query(Integer.class)
                .single();
    }

    private static LinkedHashMap<String, String> createFields(String documentId, String url) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("documentId", documentId);
        fields.put("url", url);
        fields.put("kinds", "ALL");
        fields.put("active", "true");
        return fields;
    }

    private static String match(Pattern pattern, String html) {
        var matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }

    private void awaitSweeps(int count) throws InterruptedException {
        double start = sweeps();
        for (int i = 0; i < 1_200 && sweeps() < start + count; i++) {
            Thread.sleep(50);
        }
        assertThat(sweeps()).as("sweeps of this hub's deliveries").isGreaterThanOrEqualTo(start + count);
    }

    private double sweeps() {
        var counter = meters.find("hub.push.claims").tag("reason", "sweep").counter();
        return counter == null ? 0 : counter.count();
    }
}
