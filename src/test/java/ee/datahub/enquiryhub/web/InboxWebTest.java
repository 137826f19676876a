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
import ee.datahub.enquiryhub.support.WebClient;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox at the HTTP level, where a browser adds nothing: the CSV export of the current view (RFC
 * 4180 quoting, cells a spreadsheet would run as formulas neutralised, headings in the person's
 * language, an audited read naming every enquiry in it, a refused filter refused), and bulk read and
 * unread marks as a plain form post (no script), which return to the list and touch only the
 * participant's own enquiries.
 */
class InboxWebTest extends HubApiTest {

    private static final String MULTILINE = "plain, with \"quotes\"\nand a second line";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    private WebClient web;
    private Party grid;
    private String meter;
    private String username;

    @BeforeEach
    void aNewGridOperatorAndItsClerk() {
        web = new WebClient("http://localhost:" + port);
        grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        username = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(username, "Export Clerk", false);
        people.grant(
                username,
                "Export Clerk",
                new Grant(
                        new Eic(grid.eic()),
                        MarketRole.GRID_OPERATOR,
                        Commodity.ELECTRICITY,
                        Set.of(Permission.VIEWER_DIRECT_MESSAGE)),
                "test");
        people.setEmbeddedPassword(username, "demo");
    }

    @Test
    void theExportIsTheCurrentViewAsCsvWithFormulasNeutralisedAndAnAuditedReadOfEveryRow() throws IOException {
        var comments = List.of("=HYPERLINK(\"http://evil.example\",\"open\")", "+1+2", "-3", "@SUM(A1)", MULTILINE);
        var ids = comments.stream()
                .map(comment -> supplierA().send(anEnquiry().about(meter).comment(comment)))
                .toList();
        var invoice =
                supplierA().send(anEnquiry().about(meter).invoice("INV-77").comment("closed"));
        assertThat(supplierA().close(invoice).status()).isEqualTo(200);
        web.logIn(username, "demo");

        var export = web.get("/web/enquiries/export?view=open&sort=created-asc");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(export.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"inbox-" + LocalDate.now(ZoneId.of("Europe/Tallinn")) + ".csv\"");
        assertThat(export.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(export.body()).as("a byte order mark for spreadsheets").startsWith("\uFEFF");

        var records = csv(export.body());
        assertThat(records.getFirst().values())
                .as("headings in the person's language")
                .startsWith("Pöördumise tunnus", "Teema", "Viide", "Olek", "Lugemata");
        var rows = records.subList(1, records.size());
        assertThat(rows).extracting(row -> row.get(0)).as("the open view only").containsExactlyElementsOf(ids);
        assertThat(rows)
                .extracting(row -> row.get(12))
                .as("formulas neutralised, other text as written")
                .containsExactly(
                        "'=HYPERLINK(\"http://evil.example\",\"open\")", "'+1+2", "'-3", "'@SUM(A1)", MULTILINE);
        assertThat(rows.getFirst().values())
                .contains(
                        "Andmed",
                        "Avatud",
                        "Lugemata",
                        meter,
                        Party.CUSTOMER,
                        "Test participant " + grid.eic() + " (" + grid.eic() + ")");
        assertThat(export.body())
                .as("RFC 4180: quotes doubled inside a quoted cell, records ending in CRLF")
                .contains("\"plain, with \"\"quotes\"\"\nand a second line\"")
                .contains("\r\n");

        assertThat(exports()).as("an audited read naming every enquiry in it").hasSize(1);
        assertThat(exports().getFirst()).startsWith("200 {").contains(ids).doesNotContain(invoice);

        var closed = csv(web.get("/web/enquiries/export?view=closed&sort=created-asc&referenceValue=inv-7")
                .body());
        assertThat(closed).hasSize(2);
        assertThat(closed.get(1).get(0)).isEqualTo(invoice);
        assertThat(closed.get(1).get(2)).isEqualTo("INV-77");

        var english = new WebClient("http://localhost:" + port);
        english.get("/idp/login?lang=en");
        english.logIn(username, "demo");
        assertThat(csv(english.get("/web/enquiries/export?view=closed").body())
                        .getFirst()
                        .values())
                .startsWith("Enquiry id", "Topic", "Reference", "Status", "Unread");

        var refused = web.get("/web/enquiries/export?createdFrom=31.02.2026");
        assertThat(refused.statusCode()).as("a refused filter").isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(exports()).as("the refused export is audited too").hasSize(4);
    }

    @Test
    void tickedRowsAreMarkedReadOrUnreadByAPlainFormPostThatReturnsToTheList() {
        var first = supplierA().send(anEnquiry().about(meter).comment("first"));
        var second = supplierA().send(anEnquiry().about(meter).comment("second"));
        var othersEnquiry = supplierA().send(anEnquiry().comment("grid A's"));
        web.logIn(username, "demo");
        var back = "/web/enquiries?view=unread&sort=created-asc";
        var list = web.get(back);
        assertThat(list.body()).contains("id=\"unread-" + first + "\"", "id=\"unread-" + second + "\"");

        var marked = web.post(
                "/web/enquiries/marks",
                List.of(
                        Map.entry("ids", first),
                        Map.entry("ids", othersEnquiry),
                        Map.entry("ids", "not-an-id"),
                        Map.entry("mark", "read"),
                        Map.entry("back", back),
                        Map.entry("_csrf", WebClient.csrfOf(list.body()))));
        assertThat(marked.statusCode()).isEqualTo(200);
        assertThat(marked.uri().toString()).as("redirected back to the list").endsWith(back);
        assertThat(marked.body())
                .contains("Valitud pöördumised on märgitud loetuks.", "id=\"enquiry-" + second + "\"")
                .as("the unread view no longer holds it")
                .doesNotContain("id=\"enquiry-" + first + "\"");
        assertThat(unreadFor(Party.GRID_A.eic(), othersEnquiry))
                .as("another participant's enquiry is left alone")
                .isTrue();
        assertThat(jdbc.sql("""
                select enquiry_ids::text from audit_entry
                 where client_id = ? and action = 'POST /web/enquiries/marks' order by id desc limit 1
                """).param("person:" + username).query(String.class).single())
                .isEqualTo("{" + first + "}");

        var again = web.post(
                "/web/enquiries/marks",
                List.of(
                        Map.entry("ids", first),
                        Map.entry("mark", "unread"),
                        Map.entry("back", "https://evil.example/web/enquiries"),
                        Map.entry("_csrf", WebClient.csrfOf(marked.body()))));
        assertThat(again.uri().getHost()).as("never another site").isEqualTo("localhost");
        assertThat(again.uri().getPath()).isEqualTo("/web/enquiries");
        assertThat(again.body()).contains("Valitud pöördumised on märgitud lugemata.", "id=\"unread-" + first + "\"");

        var withoutToken =
                web.post("/web/enquiries/marks", List.of(Map.entry("ids", second), Map.entry("mark", "read")));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(unreadFor(grid.eic(), second)).isTrue();
    }

    private boolean unreadFor(String participant, String enquiry) {
        return jdbc.sql("select count(*) from enquiry_unread where participant_eic = ? and enquiry_id = ?::uuid")
                        .params(participant, enquiry)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private List<String> exports() {
        return jdbc.sql("""
                select http_status || ' ' || coalesce(enquiry_ids::text, '') from audit_entry
                 where client_id = ? and action = 'GET /web/enquiries/export' order by id
                """).param("person:" + username).query(String.class).list();
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(body.substring(1))).getRecords();
    }
}
