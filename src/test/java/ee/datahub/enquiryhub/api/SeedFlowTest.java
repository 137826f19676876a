package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seed's flow end to end (spec §1): create → grid operator scans → answer → supplier scans → search. */
class SeedFlowTest extends HubApiTest {

    @Test
    void supplierAndGridOperatorExchangeAnEnquiryAndItsAnswer() {
        var supplier = freshSupplier();
        var grid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        var start = Instant.now().toString();

        var created = supplier.create(anEnquiry()
                .about(meter)
                .invoice("INV-2026-1101")
                .comment("The customer disputes the network fee for October."));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("x-document-identification")).isNotBlank();
        assertThat(created.header("x-original-document-identification")).isNotBlank();
        assertThat(created.header("x-document-date-time"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        var requestId = created.id();

        List<JsonNode> received = grid.scanAll(start);
        assertThat(received).hasSize(1);
        var row = received.getFirst();
        assertThat(row.get("messageRequestId").stringValue()).isEqualTo(requestId);
        assertThat(row.get("reason").stringValue()).isEqualTo("CREATE");
        assertThat(row.get("senderEic").stringValue())
                .isEqualTo(supplier.party().eic());
        assertThat(row.get("receiverEic").stringValue()).isEqualTo(grid.party().eic());
        assertThat(row.get("meterEic").stringValue()).isEqualTo(meter);
        assertThat(row.get("customerEic").stringValue()).isEqualTo(Party.CUSTOMER);
        assertThat(row.get("topic").stringValue()).isEqualTo("INVOICE");
        assertThat(row.get("reference").get("referenceValue").stringValue()).isEqualTo("INV-2026-1101");
        assertThat(row.get("requestStatus").stringValue()).isEqualTo("OPEN");
        assertThat(row.get("requestComment").stringValue())
                .isEqualTo("The customer disputes the network fee for October.");
        assertThat(row.has("messageResponseId")).isFalse();
        assertThat(row.has("responseComment")).isFalse();

        var answer = grid.answer(requestId, "CLOSE", "The fee follows the 2026 tariff; a correction is not due.");
        assertThat(answer.status()).isEqualTo(201);
        var responseId = answer.id();

        var answers = supplier.scanAll(start);
        assertThat(answers).hasSize(1);
        var answerRow = answers.getFirst();
        assertThat(answerRow.get("messageRequestId").stringValue()).isEqualTo(requestId);
        assertThat(answerRow.get("messageResponseId").stringValue()).isEqualTo(responseId);
        assertThat(answerRow.get("requestStatus").stringValue()).isEqualTo("CLOSE");
        assertThat(answerRow.get("responseComment").stringValue())
                .isEqualTo("The fee follows the 2026 tariff; a correction is not due.");
        assertThat(answerRow.get("meterEic").stringValue()).isEqualTo(meter);

        assertThat(grid.scanAll(start))
                .as("the grid operator's own answer is not echoed back")
                .hasSize(1);

        for (var side : List.of(supplier, grid)) {
            var thread = side.search(object("messageRequestId", requestId));
            assertThat(thread.status()).isEqualTo(200);
            assertThat(thread.json()).hasSize(2);
            // The final answer and the enquiry it closed changed in one write: equal timestamps, order by id.
            var rows = thread.json().valueStream().toList();
            assertThat(rows)
                    .filteredOn(r -> r.has("messageResponseId"))
                    .singleElement()
                    .satisfies(r ->
                            assertThat(r.get("messageResponseId").stringValue()).isEqualTo(responseId));
            assertThat(rows)
                    .extracting(r -> r.get("requestStatus").stringValue())
                    .containsOnly("CLOSE");
            assertThat(rows.get(0).get("timestamp").stringValue())
                    .isEqualTo(rows.get(1).get("timestamp").stringValue());
            assertThat(thread.header("x-pagination-total-elements")).isEqualTo("2");
        }
    }

    @Test
    void aBatchOfOneHundredEnquiriesTravelsTheWholeFlow() {
        var supplier = freshSupplier();
        var grid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        var start = Instant.now().toString();

        var batch = IntStream.range(0, 100)
                .mapToObj(i -> anEnquiry().about(meter).comment("Enquiry number " + i))
                .toList();
        var created = hub.v1(
                "POST", "/api/v1/direct-messages", supplier.party(), EnquiryJson.createBody(supplier.context(), batch));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        var ids = created.json().valueStream().map(JsonNode::stringValue).toList();
        assertThat(ids).hasSize(100).doesNotHaveDuplicates();

        var received = grid.scanAll(start);
        assertThat(received)
                .extracting(r -> r.get("messageRequestId").stringValue())
                .containsExactlyElementsOf(ids);
        assertThat(received)
                .extracting(r -> r.get("requestComment").stringValue())
                .containsExactlyElementsOf(IntStream.range(0, 100)
                        .mapToObj(i -> "Enquiry number " + i)
                        .toList());
        var stamps = new HashSet<String>();
        received.forEach(r -> stamps.add(r.get("timestamp").stringValue()));
        assertThat(stamps).as("every row has its own timestamp").hasSize(100);

        var answerIds = ids.stream()
                .map(id -> grid.answerId(id, "OPEN", "Looking into " + id))
                .toList();
        var answers = supplier.scanAll(start);
        assertThat(answers)
                .extracting(r -> r.get("messageResponseId").stringValue())
                .containsExactlyElementsOf(answerIds);

        var page = supplier.search(object("requestStatus", "OPEN"), 1, 50);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("x-pagination-total-elements")).isEqualTo("200");
        assertThat(page.header("x-pagination-total-pages")).isEqualTo("4");
        assertThat(page.json()).hasSize(50);
    }

    private Actor freshSupplier() {
        return hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
    }

    private Actor freshGridOperator() {
        return hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
    }
}
