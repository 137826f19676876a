package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.WebClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub operator's lists at the HTTP level: every bad filter value or page key gives the page with
 * the reason beside its field (400) or is ignored, never a 500; a duplicate registration is a 409 that
 * changes nothing; the pages are the hub operator's only; what a search or registration names reaches
 * the audit log as codes, never the application log.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorPagesHttpTest extends HubApiTest {

    @Autowired
    JdbcClient jdbc;

    private WebClient web;

    @BeforeEach
    void theHubOperatorLoggedIn() {
        web = new WebClient("http://localhost:" + port);
        web.logIn("helen", "demo");
    }

    @Test
    void badMeteringPointFiltersAre400WithTheReasonBesideTheField() {
        assertRefused(list("eicPrefix", "38Z?*"), "eicPrefix", "EIC-koodis on ainult tähed, numbrid ja sidekriipsud");
        assertRefused(list("eicPrefix", "38Z-T" + "A".repeat(12)), "eicPrefix", "kuni 16 märki");
        assertRefused(list("eicPrefix", "38Z€"), "eicPrefix", "EIC-koodis on ainult tähed");
        assertRefused(list("gridOperator", "not-an-eic"), "gridOperator", "");
        assertRefused(list("gridOperator", Party.GRID_A.eic().substring(0, 15) + "X"), "gridOperator", "");
        assertRefused(list("commodityFilter", "WATER"), "commodityFilter", "");
    }

    /** A raw '=' in a value (issue 16 item 7: the language link is built from the query, fixed on branch webb). */
    @Test
    void aRawEqualsSignInAFilterValueIsA400Too() {
        assertRefused(web.get("/web/operator/metering-points?eicPrefix=38z=x"), "eicPrefix", "");
        assertRefused(web.get("/web/operator/audit?to=a=b"), "to", "");
    }

    @Test
    void aMeteringPointPageKeyThatIsNoEicIsIgnored() {
        for (var key : new String[] {"'; select 1 --", "<script>", "x".repeat(500), "38z-lower"}) {
            for (var direction : new String[] {"after", "before"}) {
                var page = list(direction, key);
                assertThat(page.statusCode()).as("%s=%s", direction, key).isEqualTo(200);
                assertThat(page.body()).contains("id=\"metering-points\"").doesNotContain("<script>");
            }
        }
    }

    @Test
    void badAuditFiltersAre400WithTheReasonBesideTheField() {
        assertRefused(audit("enquiry", "not-an-id"), "enquiry", "not-an-id ei ole pöördumise tunnus");
        assertRefused(audit("participant", "38X-NOT-AN-EIC"), "participant", "");
        assertRefused(audit("action", "DROP TABLE"), "action", "Valige toiming loendist.");
        assertRefused(audit("from", "yesterday"), "from", "");
        assertRefused(audit("to", "2026-13-40T99:99"), "to", "");
    }

    @Test
    void anAuditPageKeyOrViewsFlagThatMeansNothingIsIgnored() {
        for (var query : Map.of("after", "zzz", "views", "perhaps").entrySet()) {
            var page = audit(query.getKey(), query.getValue());
            assertThat(page.statusCode()).as("%s", query).isEqualTo(200);
            assertThat(page.body()).contains("Toimingud, uuemad eespool");
        }
        assertThat(audit("after", "99999999999999999999-1").statusCode()).isEqualTo(200);
    }

    @Test
    void theOperatorsListsAreTheHubOperatorsOnly() {
        var clerk = new WebClient("http://localhost:" + port);
        clerk.logIn("anne", "demo");
        assertThat(clerk.get("/web/operator/metering-points").statusCode()).isEqualTo(403);
        assertThat(clerk.get("/web/operator/audit?views=true").statusCode()).isEqualTo(403);
    }

    @Test
    void aDuplicateRegistrationIs409NamingTheRegisteredOneAndNeitherItNorASearchReachesTheLog(CapturedOutput output) {
        var point = Eics.meteringPoint();
        var registered = web.submit(
                "/web/operator/metering-points",
                "/web/operator/metering-points",
                Map.of("eic", point, "gridOperatorEic", Party.GRID_A.eic(), "commodity", "ELECTRICITY"));
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.uri().getQuery()).isEqualTo("eicPrefix=" + point);
        assertThat(registered.body()).contains("Mõõtepunkt " + point + " on registreeritud.");

        var again = web.submit(
                "/web/operator/metering-points",
                "/web/operator/metering-points",
                Map.of("eic", point, "gridOperatorEic", Party.GRID_B.eic(), "commodity", "ELECTRICITY"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body())
                .contains("id=\"eic-error\"")
                .contains("Mõõtepunkt " + point + " on juba registreeritud: võrguettevõtja Demo Grid Operator A");
        assertThat(jdbc.sql("select grid_operator_eic from metering_point where eic = ?")
                        .param(point)
                        .query(String.class)
                        .single())
                .isEqualTo(Party.GRID_A.eic());

        assertThat(list("eicPrefix", point).body()).contains(point);

        var entries = jdbc.sql("""
                        select kind, coalesce(event, '-'), coalesce(object::text, '-'), coalesce(error_code, '-')
                          from audit_entry
                         where client_id = 'person:helen' and action = 'POST /web/operator/metering-points'
                         order by id desc limit 2
                        """)
                .query((rs, n) ->
                        rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4))
                .list();
        assertThat(entries)
                .containsExactly(
                        "ACTION - - opp.error.business.already-registered",
                        "ACTION METERING_POINT_REGISTERED {\"commodity\": \"ELECTRICITY\", \"gridOperator\": \""
                                + Party.GRID_A.eic() + "\", \"meteringPoint\": \"" + point + "\"} -");
        assertThat(output.getAll()).as("the application log").doesNotContain(point);
    }

    private HttpResponse<String> list(String name, String value) {
        return web.get(
                "/web/operator/metering-points?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> audit(String name, String value) {
        return web.get("/web/operator/audit?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static void assertRefused(HttpResponse<String> page, String field, String reason) {
        assertThat(page.statusCode()).as("%s: %s", page.uri(), page.body()).isEqualTo(400);
        assertThat(page.body())
                .as("the page, the reason beside the field")
                .contains("govuk-error-summary", "id=\"" + field + "-error\"", reason);
    }
}
