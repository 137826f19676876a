package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.HubApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A v1 search by customer, meter or enquiry id reads the answers from what they carry of their
 * enquiry, and that copy follows the enquiry: after the supplier changes the customer of an answered
 * enquiry, its answers are found by the new customer and no longer by the old one, on both sides.
 */
class SearchByCarriedFieldsTest extends HubApiTest {

    @Test
    void answersAreFoundByTheirEnquirysCustomerMeterAndIdAndFollowACustomerChange() {
        var supplierParty = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var gridParty = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(gridParty, "ELECTRICITY");
        var supplier = hub.as(supplierParty, "OPEN_SUPPLIER", "ELECTRICITY");
        var grid = hub.as(gridParty, "GRID_OPERATOR", "ELECTRICITY");
        var before = Eics.party();
        var after = Eics.party();
        var id = supplier.send(anEnquiry().about(meter).forCustomer(before));
        var answer = grid.answerId(id, "OPEN", "looking into it");

        for (var side : List.of(supplier, grid)) {
            assertThat(responseIds(side, object("customerEic", before))).containsExactly(answer);
            assertThat(responseIds(side, object("meterEic", meter))).containsExactly(answer);
            assertThat(responseIds(side, object("messageRequestId", id))).containsExactly(answer);
        }

        assertThat(supplier.change(id, object("customerEic", after)).status()).isEqualTo(200);

        for (var side : List.of(supplier, grid)) {
            assertThat(rows(side, object("customerEic", before)))
                    .as("the old customer")
                    .isEmpty();
            var found = rows(side, object("customerEic", after));
            assertThat(found).as("the new customer: the enquiry and its answer").hasSize(2);
            assertThat(found)
                    .allSatisfy(row ->
                            assertThat(row.get("customerEic").stringValue()).isEqualTo(after));
            assertThat(responseIds(side, object("customerEic", after, "meterEic", meter)))
                    .containsExactly(answer);
            assertThat(responseIds(side, object("customerEic", after, "topic", "DATA")))
                    .as("with the join")
                    .containsExactly(answer);
        }
    }

    private static List<JsonNode> rows(Actor actor, tools.jackson.databind.node.ObjectNode attributes) {
        var response = actor.search(attributes);
        assertThat(response.status()).as("search: %s", response).isEqualTo(200);
        return response.json().valueStream().toList();
    }

    private static List<String> responseIds(Actor actor, tools.jackson.databind.node.ObjectNode attributes) {
        return rows(actor, attributes).stream()
                .filter(row -> row.has("messageResponseId"))
                .map(row -> row.get("messageResponseId").stringValue())
                .toList();
    }
}
