package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.V2Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A search by comment text (v1 {@code requestComment} and {@code responseComment}, v2 {@code q}) finds,
 * page after page, exactly the rows of the caller's side that an unfiltered search or list shows with
 * the text in the comment (any case), in the same order and with the same total, for a supplier and
 * for the grid operator it writes to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommentTextSearchTest extends HubApiTest {

    private static final String TEXT = "voltage dip";
    private static final int PAGE_SIZE = 2;

    private Actor supplier;
    private Actor grid;
    private V2Actor supplierV2;
    private V2Actor gridV2;

    private void world() {
        if (supplier != null) {
            return;
        }
        var supplierParty = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var otherSupplierParty = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var gridParty = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var otherGridParty = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(gridParty, "ELECTRICITY");
        var otherMeter = hub.registerMeteringPoint(otherGridParty, "ELECTRICITY");
        supplier = hub.as(supplierParty, "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.as(gridParty, "GRID_OPERATOR", "ELECTRICITY");
        supplierV2 = hub.v2(supplierParty, "OPEN_SUPPLIER", "ELECTRICITY");
        gridV2 = hub.v2(gridParty, "GRID_OPERATOR", "ELECTRICITY");
        var otherSupplier = hub.as(otherSupplierParty, "OPEN_SUPPLIER", "ELECTRICITY");

        var e = new ArrayList<String>();
        for (int i = 1; i <= 10; i++) {
            e.add(supplier.send(anEnquiry()
                    .about(meter)
                    .comment(i % 2 == 1 ? "Voltage DIP near the meter, case " + i : "An invoice question, case " + i)));
        }
        grid.answerId(e.get(0), "OPEN", "Checked the readings");
        grid.answerId(e.get(1), "OPEN", "A VOLTAGE dip was recorded");
        grid.answerId(e.get(2), "OPEN", "voltage dip confirmed");
        grid.answerId(e.get(3), "OPEN", "Nothing found");
        grid.answerId(e.get(4), "OPEN", "Looking at the voltage dip");
        grid.answerId(e.get(4), "CLOSE", "Done");
        var f1 = otherSupplier.send(anEnquiry().about(meter).comment("voltage dip at the substation"));
        otherSupplier.send(anEnquiry().about(meter).comment("Another voltage Dip"));
        var f3 = otherSupplier.send(anEnquiry().about(meter).comment("A meter reading"));
        grid.answerId(f1, "OPEN", "Noted");
        grid.answerId(f3, "OPEN", "it was a voltage dip");
        supplier.send(anEnquiry().about(otherMeter).comment("A voltage dip elsewhere"));
    }

    @Test
    void v1RequestCommentFindsTheMatchingEnquiriesAndTheirAnswersPageByPage() {
        world();

        // The supplier: its six matching enquiries (one to the other grid operator) and the four answers to them.
        assertPagesMatch(supplier, object("requestComment", TEXT), row -> contains(row, "requestComment"), 10);
        // The grid operator: five of the supplier's and two of the other supplier's, and five answers to them.
        assertPagesMatch(grid, object("requestComment", TEXT), row -> contains(row, "requestComment"), 12);
        assertPagesMatch(
                grid,
                object("requestComment", "VOLTAGE DIP NEAR"),
                row -> contains(row, "requestComment", "voltage dip near"),
                9);
    }

    @Test
    void v1ResponseCommentFindsTheMatchingAnswersPageByPage() {
        world();

        assertPagesMatch(supplier, object("responseComment", TEXT), row -> contains(row, "responseComment"), 3);
        assertPagesMatch(grid, object("responseComment", TEXT), row -> contains(row, "responseComment"), 4);
        assertPagesMatch(
                grid,
                object("responseComment", TEXT, "requestComment", TEXT),
                row -> contains(row, "responseComment") && contains(row, "requestComment"),
                2);
    }

    @Test
    void v2QFindsTheEnquiriesByTheirOwnOrAnyAnswersCommentPageByPage() {
        world();

        Predicate<JsonNode> matches = enquiry -> contains(enquiry, "requestComment")
                || enquiry.get("responses").valueStream().anyMatch(answer -> contains(answer, "responseComment"));
        assertListPagesMatch(supplierV2, "", matches, 7);
        assertListPagesMatch(gridV2, "", matches, 9);
        assertListPagesMatch(gridV2, "&sort=createdAt,asc", matches, 9);
    }

    private static void assertPagesMatch(
            Actor actor, ObjectNode attributes, Predicate<JsonNode> matches, int expectedCount) {
        var all = actor.search(object(), 0, 100);
        assertThat(all.status()).as("%s", all).isEqualTo(200);
        var expected = all.json().valueStream().filter(matches).toList();
        assertThat(expected).hasSize(expectedCount);

        var found = new ArrayList<JsonNode>();
        for (int page = 0; page <= expectedCount / PAGE_SIZE; page++) {
            var response = actor.search(attributes, page, PAGE_SIZE);
            assertThat(response.status()).as("page %d: %s", page, response).isEqualTo(200);
            assertThat(response.header("x-pagination-total-elements"))
                    .as("the total on page %d", page)
                    .isEqualTo(String.valueOf(expectedCount));
            found.addAll(response.json().valueStream().toList());
        }
        assertThat(found).as("%s, page by page", attributes).containsExactlyElementsOf(expected);
    }

    private static void assertListPagesMatch(
            V2Actor actor, String sort, Predicate<JsonNode> matches, int expectedCount) {
        var all = actor.list("size=100" + sort);
        assertThat(all.status()).as("%s", all).isEqualTo(200);
        var expected = all.json().get("content").valueStream().filter(matches).toList();
        assertThat(expected).hasSize(expectedCount);

        var found = new ArrayList<JsonNode>();
        for (int page = 0; page <= expectedCount / PAGE_SIZE; page++) {
            var response = actor.list("q=voltage%20DIP&page=" + page + "&size=" + PAGE_SIZE + sort);
            assertThat(response.status()).as("page %d: %s", page, response).isEqualTo(200);
            assertThat(response.json().get("totalElements").longValue())
                    .as("the total on page %d", page)
                    .isEqualTo(expectedCount);
            found.addAll(response.json().get("content").valueStream().toList());
        }
        assertThat(found).as("q, page by page").containsExactlyElementsOf(expected);
    }

    private static boolean contains(JsonNode node, String field) {
        return contains(node, field, TEXT);
    }

    private static boolean contains(JsonNode node, String field, String text) {
        return node.has(field)
                && node.get(field).stringValue().toLowerCase(Locale.ROOT).contains(text);
    }
}
