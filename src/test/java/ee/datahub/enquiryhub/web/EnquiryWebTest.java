package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Race;
import ee.datahub.enquiryhub.support.WebClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The enquiry pages at the HTTP level, where a browser adds nothing: forged writes refused by the same
 * rules as the API's, CSRF, one enquiry from a form sent twice (also at the same moment), a stale form
 * refused, the write's audit entry in the write's own transaction, and the list's live updates
 * following the feed (an empty poll writes no audit entry, one with changes names them).
 */
class EnquiryWebTest extends HubApiTest {

    private static final Pattern DOCUMENT_ID = Pattern.compile("name=\"documentId\" value=\"([^\"]+)\"");
    // The next poll of the list's live updates (htmx's hx-get), which carries the feed cursor.
    private static final Pattern LIVE_URL = Pattern.compile("hx-get=\"([^\"]+)\"");

    private static final Pattern CURSOR = Pattern.compile("cursor=([^&]+)");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    private WebClient web;

    @BeforeEach
    void browserOfItsOwn() {
        web = new WebClient("http://localhost:" + port);
    }

    @Test
    void aViewerSeesTheEnquiriesButNoWriteActionAndItsForgedWritesAreRefused() {
        var id = supplierA().send(anEnquiry().comment("seen by a viewer " + UUID.randomUUID()));
        web.logIn("jaan", "demo");

        var list = web.get("/web/enquiries");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("Saadetud pöördumised", "/web/enquiries/" + id)
                .doesNotContain("/web/enquiries/new");
        var page = web.get("/web/enquiries/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("seen by a viewer")
                .doesNotContain(id + "/change", id + "/cancel", id + "/close", id + "/answer");
        assertThat(web.get("/web/enquiries/new").statusCode()).isEqualTo(403);
        assertThat(web.get("/web/enquiries/" + id + "/cancel").statusCode()).isEqualTo(403);

        var forgedCreate =
                web.submit("/web/enquiries", "/web/enquiries", createFields(UUID.randomUUID(), "forged " + id));
        assertThat(forgedCreate.statusCode()).isEqualTo(403);
        assertThat(forgedCreate.body()).contains("Teil puudub selleks vajalik õigus (Pöördumiste koostaja)");
        var forgedCancel = web.submit(
                "/web/enquiries",
                "/web/enquiries/" + id + "/cancel",
                Map.of("documentId", UUID.randomUUID().toString(), "version", "1"));
        assertThat(forgedCancel.statusCode()).isEqualTo(403);
        var forgedChange = web.submit(
                "/web/enquiries",
                "/web/enquiries/" + id + "/change",
                Map.of(
                        "documentId",
                        UUID.randomUUID().toString(),
                        "version",
                        "1",
                        "meterEic",
                        Party.METER_GRID_A,
                        "customerEic",
                        Party.CUSTOMER,
                        "topic",
                        "DATA",
                        "requestComment",
                        "forged"));
        assertThat(forgedChange.statusCode()).isEqualTo(403);

        assertThat(enquiries("forged " + id)).isZero();
        assertThat(statusOf(id)).as("still open").isEqualTo("OPEN");
        assertThat(jdbc.sql("""
                select http_status || ' ' || error_code from audit_entry
                 where client_id = 'person:jaan' and action = 'POST /web/enquiries/{id}/cancel' order by id desc limit 1
                """).query(String.class).single())
                .isEqualTo("403 opp.error.business.insufficient-permission");
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefusedAndWritesNothing() {
        web.logIn("mari", "demo");
        var comment = "no token " + UUID.randomUUID();
        var refused = web.post("/web/enquiries", createFields(UUID.randomUUID(), comment));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Vormi turvatunnus puudus või oli aegunud");
        assertThat(enquiries(comment)).isZero();
    }

    @Test
    void theCreateFormSentTwiceAndFourTimesAtOnceCreatesOneEnquiryAuditedInItsOwnTransaction() throws Exception {
        web.logIn("mari", "demo");
        var form = web.get("/web/enquiries/new");
        var documentId = UUID.fromString(match(DOCUMENT_ID, form.body()));
        var comment = "sent twice " + UUID.randomUUID();
        var fields = createFields(documentId, comment);

        var check = web.submit("/web/enquiries/new", "/web/enquiries/check", fields);
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body())
                .as("the receiver resolved before sending")
                .contains(
                        "id=\"resolved-receiver\">Demo Grid Operator A (also a supplier) (38X-EIN-ALL----B)</strong>");
        var token = WebClient.csrfOf(check.body());
        var withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", token);

        var answers = Race.concurrently(4, () -> web.post("/web/enquiries", withToken));
        answers.add(web.post("/web/enquiries", withToken));
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        var pages = answers.stream()
                .map(answer -> answer.uri().getPath())
                .distinct()
                .toList();
        assertThat(pages).as("every copy leads to the one enquiry").hasSize(1);
        assertThat(enquiries(comment)).as("written once").isEqualTo(1);
        var id = pages.getFirst().substring("/web/enquiries/".length());
        assertThat(answers.getFirst().body()).contains(comment);

        var entries = jdbc.sql("""
                select http_status, enquiry_ids::text from audit_entry
                 where client_id = 'person:mari' and action = 'POST /web/enquiries' and enquiry_ids @> array[?::uuid]
                """)
                .param(id)
                .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2))
                .list();
        assertThat(entries)
                .as("each copy audited, naming the enquiry")
                .hasSize(5)
                .containsOnly("302 {" + id + "}");
        assertThat(jdbc.sql("""
                select count(*) from audit_entry a, enquiry e
                 where e.id = ?::uuid and a.enquiry_ids @> array[e.id] and a.action = 'POST /web/enquiries'
                   and a.xmin = e.xmin
                """).param(id).query(Integer.class).single())
                .as("the write and its audit entry commit in one transaction")
                .isEqualTo(1);

        var other = new LinkedHashMap<>(withToken);
        other.put("requestComment", comment + " but other");
        var conflict = web.post("/web/enquiries", other);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("See vorm on juba teiste andmetega saadetud");
        assertThat(enquiries(comment + " but other")).isZero();
    }

    @Test
    void theCheckStepRefusesAnInvoiceWithoutReferenceAndListsItWithEveryOtherError() {
        web.logIn("mari", "demo");
        var fields = createFields(UUID.randomUUID(), "x".repeat(4001));
        fields.put("topic", "INVOICE");

        var both = web.submit("/web/enquiries/new", "/web/enquiries/check", fields);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body())
                .contains(
                        "href=\"#referenceValue\"",
                        "id=\"referenceValue-error\"",
                        "Arve teemaga pöördumisel on arve viide kohustuslik.",
                        "href=\"#requestComment\"",
                        "Kommentaaris võib olla kuni 4000 märki.")
                .doesNotContain("id=\"resolved-receiver\"");

        fields.put("requestComment", "an invoice without its reference");
        var alone = web.submit("/web/enquiries/new", "/web/enquiries/check", fields);
        assertThat(alone.statusCode())
                .as("refused on the check step, not only on sending")
                .isEqualTo(422);
        assertThat(alone.body())
                .contains("id=\"referenceValue-error\"", "Arve teemaga pöördumisel on arve viide kohustuslik.")
                .doesNotContain("id=\"resolved-receiver\"");
        assertThat(enquiries("an invoice without its reference")).isZero();
    }

    @Test
    void aChangeFormRenderedBeforeAnotherWriteIsRefusedWithTheVersionConflictAndOverwritesNothing() {
        var id = supplierA().send(anEnquiry().comment("to be changed twice"));
        web.logIn("mari", "demo");
        var form = web.get("/web/enquiries/" + id + "/change");
        assertThat(form.statusCode()).isEqualTo(200);
        var documentId = match(DOCUMENT_ID, form.body());

        assertThat(supplierA()
                        .change(
                                id,
                                ee.datahub.enquiryhub.support.EnquiryJson.object(
                                        "requestComment", "changed by the ERP"))
                        .status())
                .isEqualTo(200);

        var stale = web.post(
                "/web/enquiries/" + id + "/change",
                Map.of(
                        "_csrf",
                        WebClient.csrfOf(form.body()),
                        "documentId",
                        documentId,
                        "version",
                        "1",
                        "meterEic",
                        Party.METER_GRID_A,
                        "customerEic",
                        Party.CUSTOMER,
                        "topic",
                        "DATA",
                        "requestComment",
                        "changed in the browser"));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body())
                .contains(
                        "Keegi muutis pöördumist sel ajal, kui te seda vormi täitsite",
                        "name=\"version\" value=\"2\"",
                        "changed in the browser",
                        "changed by the ERP");
        assertThat(commentOf(id)).isEqualTo("changed by the ERP");
    }

    @Test
    void theListFollowsTheFeedAndOnlyPollsThatReturnSomethingAreAudited() throws Exception {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        var username = "web-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(username, "Test Person", false);
        people.grant(
                username,
                "Test Person",
                new Grant(
                        new Eic(grid.eic()),
                        MarketRole.GRID_OPERATOR,
                        Commodity.ELECTRICITY,
                        Set.of(Permission.VIEWER_DIRECT_MESSAGE)),
                "test");
        people.setEmbeddedPassword(username, "demo");
        web.logIn(username, "demo");

        var list = web.get("/web/enquiries");
        assertThat(list.body())
                .contains("Saabunud pöördumised", "Pöördumisi veel ei ole.", "hx-trigger=\"load, every 30s\"");
        var poll = poll(list);
        var cursor = match(CURSOR, poll);

        var nothing = web.get(poll + "&wait=1");
        assertThat(nothing.statusCode()).isEqualTo(200);
        assertThat(nothing.body()).contains("id=\"enquiry-live\"").doesNotContain("enquiry-rows");
        assertThat(match(CURSOR, poll(nothing)))
                .as("polls on from where it was")
                .isEqualTo(cursor);
        assertThat(polls(username)).as("an empty poll writes no audit entry").isEmpty();

        var id = supplierA().send(anEnquiry().about(meter).comment("arrives live"));
        var arrived = web.get(poll);
        assertThat(arrived.statusCode()).isEqualTo(200);
        assertThat(arrived.body())
                .contains(
                        "id=\"enquiry-results\" hx-swap-oob=\"true\"",
                        "id=\"enquiry-" + id + "\"",
                        "hub-row--changed",
                        "Lugemata",
                        "arrives live",
                        "id=\"live-announcement\" hx-swap-oob=\"innerHTML\">Uusi või muutunud pöördumisi: 1");
        assertThat(polls(username)).as("a poll that returned rows names them").containsExactly("200 {" + id + "}");

        var next = poll(arrived);
        assertThat(match(CURSOR, next)).isNotEqualTo(cursor);
        assertThat(web.get(next + "&wait=1").body()).as("no repeat").doesNotContain("enquiry-rows");

        // One character of the signature changed for another: "AA" for the last two was the same one time in 1 024.
        var issued = match(CURSOR, next);
        var changed = issued.charAt(issued.length() - 2) == 'A' ? 'B' : 'A';
        var forgedCursor = issued.substring(0, issued.length() - 2) + changed + issued.charAt(issued.length() - 1);
        var forged = web.get(next.replace(issued, forgedCursor) + "&wait=1");
        assertThat(forged.statusCode()).as("a cursor the hub did not issue").isEqualTo(400);
        assertThat(polls(username)).as("a refused poll is audited").hasSize(2);
    }

    @Test
    void anEnquiryIsUnreadUntilOpenedAndUnreadAgainOnceTheOtherSideWrites() {
        var id = supplierA().send(anEnquiry().comment("to be read " + UUID.randomUUID()));
        var unread = "id=\"unread-" + id + "\"";
        web.logIn("kati", "demo");
        assertThat(web.get("/web/enquiries").body())
                .as("new for the grid operator")
                .contains(unread);

        assertThat(web.get("/web/enquiries/" + id).statusCode()).isEqualTo(200);
        assertThat(web.get("/web/enquiries").body())
                .as("read once opened")
                .contains("id=\"enquiry-" + id + "\"")
                .doesNotContain(unread);

        var colleague = new WebClient("http://localhost:" + port);
        colleague.logIn("peeter", "demo");
        assertThat(colleague
                        .submit(
                                "/web/context",
                                "/web/context",
                                Map.of("context", Party.GRID_A.eic() + "/GRID_OPERATOR/ELECTRICITY"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(colleague.get("/web/enquiries").body())
                .as("read for the participant, whoever opened it")
                .contains("id=\"enquiry-" + id + "\"")
                .doesNotContain(unread);

        assertThat(supplierA()
                        .change(id, ee.datahub.enquiryhub.support.EnquiryJson.object("requestComment", "changed since"))
                        .status())
                .isEqualTo(200);
        assertThat(web.get("/web/enquiries").body())
                .as("unread again after the supplier's change")
                .contains(unread);
        assertThat(web.get("/web/enquiries/" + id).body()).contains("changed since");
        assertThat(web.get("/web/enquiries").body()).doesNotContain(unread);

        var supplier = new WebClient("http://localhost:" + port);
        supplier.logIn("mari", "demo");
        assertThat(supplier.get("/web/enquiries/" + id).statusCode()).isEqualTo(200);
        assertThat(supplier.get("/web/enquiries").body())
                .as("read by the supplier")
                .contains("id=\"enquiry-" + id + "\"")
                .doesNotContain(unread);
        gridA().answerId(id, "OPEN", "answered since");
        assertThat(supplier.get("/web/enquiries").body())
                .as("unread for the supplier after the grid operator's answer")
                .contains(unread);
    }

    @Test
    void anEnquiryOfAnotherParticipantOrNoEnquiryAtAllIsNotFound() {
        var gridB = supplierA().send(anEnquiry().about(Party.METER_GRID_B));
        web.logIn("kati", "demo");
        for (var id : List.of(gridB, UUID.randomUUID().toString(), "not-an-id")) {
            var page = web.get("/web/enquiries/" + id);
            assertThat(page.statusCode()).as(id).isEqualTo(404);
            assertThat(page.body()).contains("Pöördumist ei leitud");
        }
    }

    @Test
    void aListLeftAloneForASessionsLifetimeStopsPollingUntilThePersonIsBack() {
        web.logIn("kati", "demo");
        var poll = poll(web.get("/web/enquiries"));
        var longAgo = poll.replaceAll("since=\\d+", "since=" + (System.currentTimeMillis() / 1000 - 31 * 60));

        var paused = web.get(longAgo);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body())
                .as("polls again at the next key, click, touch or scroll")
                .contains("hx-trigger=\"keydown from:document, pointerdown from:document, touchstart from:document,")
                .doesNotContain("every 30s");
        var resumed = web.get(poll(paused) + "&wait=1");
        assertThat(resumed.body()).contains("hx-trigger=\"load, every 30s\"");
        assertThat(poll(resumed)).containsPattern("since=\\d+");
    }

    private static String poll(HttpResponse<String> page) {
        return match(LIVE_URL, page.body()).replace("&amp;", "&");
    }

    private List<String> polls(String username) {
        return jdbc.sql("""
                select http_status || ' ' || enquiry_ids::text from audit_entry
                 where client_id = ? and action = 'GET /web/enquiries/changes' order by id
                """).param("person:" + username).query(String.class).list();
    }

    private static Map<String, String> createFields(UUID documentId, String comment) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("documentId", documentId.toString());
        fields.put("meterEic", Party.METER_GRID_A);
        fields.put("customerEic", Party.CUSTOMER);
        fields.put("topic", "DATA");
        fields.put("referenceValue", "");
        fields.put("requestComment", comment);
        fields.put("receiverEic", "");
        return fields;
    }

    private int enquiries(String comment) {
        return jdbc.sql("select count(*) from enquiry where request_comment = ?")
                .param(comment)
                .query(Integer.class)
                .single();
    }

    private String statusOf(String id) {
        return jdbc.sql("select status from enquiry where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
    }

    private String commentOf(String id) {
        return jdbc.sql("select request_comment from enquiry where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
    }

    private static String match(Pattern pattern, String html) {
        var matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }
}
