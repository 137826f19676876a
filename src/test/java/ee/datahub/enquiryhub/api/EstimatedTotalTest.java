package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.WebClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Beyond 1 000 results totals are estimated; the pages of an estimate far too low (every filter here
 * holds for the same rows, which the planner takes as independent) still reach the last result, and
 * the last page's total is exact: v1's paging headers, v2's totals and the web list ("about") alike.
 */
class EstimatedTotalTest extends HubApiTest {

    private static final int MATCHING = 3_000;
    private static final int PAGE = 100;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    private Party supplier;
    private Party grid;
    private String meter;
    private String customer;

    @BeforeEach
    void threeThousandEnquiriesThatEveryFilterMatchesTogether() {
        supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        customer = Eics.party();
        var otherSupplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var otherGrid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        seed(supplier, grid, meter, customer, MATCHING, "A");
        // As many of another pair, meter and customer: each filter alone keeps about half of the rows.
        seed(
                otherSupplier,
                otherGrid,
                hub.registerMeteringPoint(otherGrid, "ELECTRICITY"),
                Eics.party(),
                MATCHING,
                "B");
        // The first 1 000 of the matching ones carry the reference "EXACT": a result of exactly 1 000.
        jdbc.sql(
                        "update enquiry set reference_type = 'INVOICE', reference_value = 'EXACT' where receiver_eic = ? and request_comment <= ?")
                .params(grid.eic(), "A %04d".formatted(1_000))
                .update();
        jdbc.sql("analyze enquiry").update();
    }

    private void seed(Party from, Party to, String meterEic, String customerEic, int count, String tag) {
        jdbc.sql("""
                insert into enquiry (id, commodity, sender_eic, receiver_eic, receiver_given, meter_eic, customer_eic, topic,
                                     status, request_comment, answered, version, created_at, updated_at, due_at)
                select gen_random_uuid(), 'ELECTRICITY', ?, ?, false, ?, ?, 'DATA', 'OPEN', ? || ' ' || to_char(i, 'FM0000'), false, 1,
                       now() - i * interval '1 second', now() - i * interval '1 second', now() + interval '14 days'
                  from generate_series(1, ?) i
                """)
                .params(from.eic(), to.eic(), meterEic, customerEic, tag, count)
                .update();
    }

    @Test
    void v1PagesReachTheLastResultWhenTheEstimateIsFarBelowIt() {
        var actor = hub.as(grid, "GRID_OPERATOR", "ELECTRICITY");
        var filter = object("senderEic", supplier.eic(), "meterEic", meter, "customerEic", customer);

        var first = actor.search(filter, 0, PAGE);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        long estimated = Long.parseLong(first.header("x-pagination-total-elements"));
        assertThat(estimated)
                .as("the case under test: more than 1 000 results, estimated below the real number")
                .isGreaterThan(1_000)
                .isLessThan(MATCHING);

        var last = new String[1];
        var rows = walk(page -> {
            var response = actor.search(filter, page, PAGE);
            assertThat(response.status()).as("page %d: %s", page, response).isEqualTo(200);
            last[0] = response.header("x-pagination-total-elements");
            return new Walked(
                    response.json()
                            .valueStream()
                            .map(row -> row.get("messageRequestId").stringValue())
                            .toList(),
                    Long.parseLong(response.header("x-pagination-total-pages")));
        });
        assertThat(rows).as("every page until x-pagination-total-pages").hasSize(MATCHING);
        assertThat(new HashSet<>(rows)).hasSize(MATCHING);
        assertThat(last[0]).as("the last page's total is exact").isEqualTo(String.valueOf(MATCHING));

        var exact = actor.search(
                object(
                        "customerEic",
                        customer,
                        "reference",
                        object("referenceType", "INVOICE", "referenceValue", "EXACT")),
                0,
                PAGE);
        assertThat(exact.header("x-pagination-total-elements"))
                .as("exact up to 1 000")
                .isEqualTo("1000");
        assertThat(exact.header("x-pagination-total-pages")).isEqualTo("10");
    }

    @Test
    void v2PagesReachTheLastResultWhenTheEstimateIsFarBelowIt() {
        var actor = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY");
        var filter =
                "senderEic=" + supplier.eic() + "&meterEic=" + meter + "&customerEic=" + customer + "&size=" + PAGE;

        var first = actor.list(filter + "&page=0");
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().get("totalElements").longValue())
                .as("the case under test: more than 1 000 results, estimated below the real number")
                .isGreaterThan(1_000)
                .isLessThan(MATCHING);

        var last = new JsonNode[1];
        var ids = walk(page -> {
            var response = actor.list(filter + "&page=" + page);
            assertThat(response.status()).as("page %d: %s", page, response).isEqualTo(200);
            last[0] = response.json();
            return new Walked(
                    response.json()
                            .get("content")
                            .valueStream()
                            .map(e -> e.get("id").stringValue())
                            .toList(),
                    response.json().get("totalPages").longValue());
        });
        assertThat(ids).as("every page until totalPages").hasSize(MATCHING);
        assertThat(new HashSet<>(ids)).hasSize(MATCHING);
        assertThat(last[0].get("totalElements").longValue())
                .as("the last page's total is exact")
                .isEqualTo(MATCHING);

        var exact = actor.list("customerEic=" + customer + "&referenceValue=EXACT&size=" + PAGE);
        assertThat(exact.json().get("totalElements").longValue())
                .as("exact up to 1 000")
                .isEqualTo(1_000);
        assertThat(exact.json().get("totalPages").longValue()).isEqualTo(10);

        var pastTheEnd = actor.list(filter + "&page=40");
        assertThat(pastTheEnd.status())
                .as("past the end of an estimated result: empty")
                .isEqualTo(200);
        assertThat(pastTheEnd.json().get("content")).isEmpty();
        assertThat(pastTheEnd.json().get("totalElements").longValue())
                .as("at most the page's start")
                .isLessThanOrEqualTo(40L * PAGE);
    }

    @Test
    void theWebListSaysAboutForAnEstimateAndLinksTheNextPageUntilTheLast() {
        var username = "estimate-" + UUID.randomUUID().toString().substring(0, 8);
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
        var web = new WebClient("http://localhost:" + port);
        web.logIn(username, "demo");
        var filter = "/web/enquiries?senderEic=" + supplier.eic() + "&meterEic=" + meter + "&customerEic=" + customer;

        var first = web.get(filter);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Pöördumisi: umbes ").contains("page=2");
        // The web list's pages hold 25: the 120th is the last.
        var last = web.get(filter + "&page=" + MATCHING / 25);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.body())
                .contains("Pöördumisi: 3" + '\u00a0' + "000")
                .doesNotContain("Pöördumisi: umbes", "page=" + (MATCHING / 25 + 1));

        var exact = web.get("/web/enquiries?customerEic=" + customer + "&referenceValue=EXACT");
        assertThat(exact.body()).contains("Pöördumisi: 1" + '\u00a0' + "000").doesNotContain("Pöördumisi: umbes");
    }

    // One page's rows and the number of pages its total gives.
    private record Walked(List<String> rows, long totalPages) {}

    // The rows of every page, from the first, for as many pages as each page's total says there are.
    private static List<String> walk(IntFunction<Walked> pageOf) {
        var rows = new ArrayList<String>();
        for (int page = 0; ; page++) {
            assertThat(page).as("the pages end").isLessThan(MATCHING / PAGE + 10);
            var walked = pageOf.apply(page);
            rows.addAll(walked.rows());
            if (page + 1 >= walked.totalPages()) {
                return rows;
            }
        }
    }
}
