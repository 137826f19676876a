package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Long results are paged through their first 10 000 rows only (no request reads deep into a long
 * history): within them pages and totals are exact; a page starting beyond them is refused with a
 * clear 400; a page past the end of a shorter result is empty. v1's search and v2's list alike.
 */
class ResultWindowTest extends HubApiTest {

    private static final int SEEDED = 10_300;

    @Autowired
    JdbcClient jdbc;

    private Party supplier;
    private Party grid;

    @BeforeEach
    void aGridOperatorWithMoreThanTenThousandEnquiries() {
        supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        // Seeded in bulk: ten thousand creates over HTTP would only slow the suite down.
        jdbc.sql("""
                insert into enquiry (id, commodity, sender_eic, receiver_eic, receiver_given, meter_eic, customer_eic, topic,
                                     status, request_comment, answered, version, created_at, updated_at, due_at)
                select gen_random_uuid(), 'ELECTRICITY', ?, ?, false, ?, ?, 'DATA', 'OPEN', 'seeded ' || i, false, 1,
                       now() - i * interval '1 second', now() - i * interval '1 second', now() + interval '14 days'
                  from generate_series(1, ?) i
                """)
                .params(supplier.eic(), grid.eic(), meter, Party.CUSTOMER, SEEDED)
                .update();
        jdbc.sql("analyze enquiry").update();
    }

    @Test
    void v1SearchPagesThroughTheFirstTenThousandAndRefusesPagesBeyondThem() {
        var actor = hub.as(grid, "GRID_OPERATOR", "ELECTRICITY");
        var last = actor.search(object(), 499, 20);
        assertThat(last.status()).as("%s", last).isEqualTo(200);
        assertThat(last.json().size()).isEqualTo(20);
        assertThat(last.json().get(19).get("requestComment").stringValue()).isEqualTo("seeded 10000");
        assertThat(Long.parseLong(last.header("x-pagination-total-elements")))
                .as("estimated beyond 10 000")
                .isGreaterThan(10_000);

        var beyond = actor.search(object(), 500, 20);
        assertThat(beyond.status()).as("%s", beyond).isEqualTo(400);
        assertThat(beyond.code()).isEqualTo("opp.error.validation.invalid-value");
        assertThat(beyond.args().getFirst()).isEqualTo("pagination.page");

        var narrowed = actor.search(object("requestComment", "seeded 1030"), 0, 20);
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(narrowed.header("x-pagination-total-elements"))
                .as("exact below 10 000")
                .isEqualTo("2"); // seeded 1030 and seeded 10300
        var pastTheEnd = actor.search(object("requestComment", "seeded 1030"), 600, 20);
        assertThat(pastTheEnd.status())
                .as("past the end of a short result: empty")
                .isEqualTo(200);
        assertThat(pastTheEnd.json().size()).isZero();
    }

    @Test
    void v2ListPagesThroughTheFirstTenThousandAndRefusesPagesBeyondThem() {
        var actor = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY");
        var last = actor.list("page=499&size=20");
        assertThat(last.status()).as("%s", last).isEqualTo(200);
        assertThat(last.json().get("content").size()).isEqualTo(20);
        assertThat(last.json().get("totalElements").longValue()).isGreaterThan(10_000);

        var beyond = actor.list("page=500&size=20");
        assertThat(beyond.status()).as("%s", beyond).isEqualTo(400);
        assertThat(beyond.code()).isEqualTo("opp.error.validation.invalid-value");
        assertThat(beyond.args().getFirst()).isEqualTo("page");

        var pastTheEnd = actor.list("q=seeded%201030&page=600&size=20");
        assertThat(pastTheEnd.status()).isEqualTo(200);
        assertThat(pastTheEnd.json().get("content")).isEmpty();
        assertThat(pastTheEnd.json().get("totalElements").longValue()).isEqualTo(2);
    }

    @Test
    void aCommentTextMatchingMoreThanTenThousandPagesAndEstimatesAsAnyOtherSearch() {
        // Every seeded comment holds "seeded": more matches than a text search keeps, so it counts and reads
        // its page as any other search; the pages are those of the unfiltered search.
        var actor = hub.as(grid, "GRID_OPERATOR", "ELECTRICITY");
        var text = object("requestComment", "SEEDED");
        assertThat(actor.search(text, 3, 20).json())
                .isEqualTo(actor.search(object(), 3, 20).json());
        var last = actor.search(text, 499, 20);
        assertThat(last.status()).as("%s", last).isEqualTo(200);
        assertThat(last.json().get(19).get("requestComment").stringValue()).isEqualTo("seeded 10000");
        assertThat(Long.parseLong(last.header("x-pagination-total-elements")))
                .as("estimated beyond 10 000")
                .isGreaterThan(10_000);
        var beyond = actor.search(text, 500, 20);
        assertThat(beyond.status()).as("%s", beyond).isEqualTo(400);
        assertThat(beyond.args().getFirst()).isEqualTo("pagination.page");

        var v2 = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY");
        assertThat(v2.list("q=SEEDED&page=3&size=20").json().get("content"))
                .isEqualTo(v2.list("page=3&size=20").json().get("content"));
        var lastListed = v2.list("q=SEEDED&page=499&size=20");
        assertThat(lastListed.status()).as("%s", lastListed).isEqualTo(200);
        assertThat(lastListed
                        .json()
                        .get("content")
                        .get(19)
                        .get("requestComment")
                        .stringValue())
                .isEqualTo("seeded 10000");
        assertThat(lastListed.json().get("totalElements").longValue()).isGreaterThan(10_000);
        var beyondListed = v2.list("q=SEEDED&page=500&size=20");
        assertThat(beyondListed.status()).as("%s", beyondListed).isEqualTo(400);
        assertThat(beyondListed.args().getFirst()).isEqualTo("page");
    }
}
