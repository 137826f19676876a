package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.DOCUMENT_ID_CONFLICT;
import static ee.datahub.enquiryhub.support.ErrorCodes.VERSION_CONFLICT;
import static ee.datahub.enquiryhub.support.V1ErrorAnswer.expectError;
import static ee.datahub.enquiryhub.support.V2ErrorAnswer.expectV2Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.V2Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One implementation behind both versions (spec §7): whatever v1 writes, v2 reads — representation,
 * list and cursor feed — and back, v2's writes in v1's search and change feed with the same fields
 * and the same feed timestamps; versions and document ids are shared, whichever door a write took.
 */
class V2CrossVersionTest extends V2Testing {

    // A fresh supplier and grid operator, each acting through both versions.
    private record Sides(Actor supplierV1, V2Actor supplierV2, Actor gridV1, V2Actor gridV2, String meter) {}

    private Sides freshSides() {
        var supplier = hub.registerParty(List.of(OPEN_SUPPLIER), List.of(ELECTRICITY));
        var grid = hub.registerParty(List.of(GRID_OPERATOR), List.of(ELECTRICITY));
        return new Sides(
                hub.as(supplier, OPEN_SUPPLIER, ELECTRICITY),
                hub.v2(supplier, OPEN_SUPPLIER, ELECTRICITY),
                hub.as(grid, GRID_OPERATOR, ELECTRICITY),
                hub.v2(grid, GRID_OPERATOR, ELECTRICITY),
                hub.registerMeteringPoint(grid, ELECTRICITY));
    }

    @Test
    void anEnquiryWrittenThroughV1IsReadThroughV2() {
        var sides = freshSides();
        var scanStart = Instant.now().minusSeconds(1).toString();
        var gridCursor = sides.gridV2().follow(null).cursor();
        var supplierCursor = sides.supplierV2().follow(null).cursor();

        var id = sides.supplierV1()
                .send(anEnquiry().about(sides.meter()).invoice("INV-V1").comment("Asked in v1"));
        assertThat(sides.supplierV1()
                        .change(id, object("requestComment", "Changed in v1"))
                        .status())
                .isEqualTo(200);
        var answerId = sides.gridV1().answerId(id, "OPEN", "Answered in v1");
        assertThat(sides.gridV1()
                        .changeAnswer(answerId, object("responseComment", "Answer changed in v1"))
                        .status())
                .isEqualTo(200);

        var enquiry = sides.supplierV2().read(id);
        assertThat(enquiry.get("version").longValue())
                .as("four writes through v1")
                .isEqualTo(4);
        var rows = sides.supplierV1().thread(id);
        var enquiryRow = rows.stream()
                .filter(r -> !r.has("messageResponseId"))
                .findFirst()
                .orElseThrow();
        var answerRow = rows.stream()
                .filter(r -> r.has("messageResponseId"))
                .findFirst()
                .orElseThrow();
        assertSameEnquiry(enquiry, enquiryRow);
        assertThat(enquiry.get("updatedAt"))
                .as("the last write to the enquiry or its answers: the answer's change")
                .isEqualTo(answerRow.get("timestamp"));
        assertThat(Instant.parse(enquiryRow.get("timestamp").stringValue()))
                .isBefore(Instant.parse(answerRow.get("timestamp").stringValue()));
        assertThat(enquiry.get("responses")).singleElement().satisfies(answer -> {
            assertThat(answer.get("id").stringValue()).isEqualTo(answerId);
            assertThat(answer.get("authorEic").stringValue())
                    .isEqualTo(sides.gridV1().party().eic());
            assertThat(answer.get("status").stringValue()).isEqualTo("OPEN");
            assertThat(answer.get("version").longValue()).isEqualTo(2);
            assertThat(answer.get("responseComment").stringValue())
                    .isEqualTo("Answer changed in v1")
                    .isEqualTo(answerRow.get("responseComment").stringValue());
            assertThat(answer.get("updatedAt")).isEqualTo(answerRow.get("timestamp"));
        });
        assertThat(sides.gridV2().read(id)).isEqualTo(enquiry);

        var listed = sides.gridV2().list("meterEic=" + sides.meter());
        assertThat(listed.json().get("content")).singleElement().isEqualTo(enquiry);
        assertThat(sides.supplierV2().listIds("")).containsExactly(id);

        var toGrid = sides.gridV2().follow(gridCursor, 2).changes();
        assertThat(toGrid)
                .extracting(
                        c -> c.get("reason").stringValue(),
                        c -> c.get("enquiry").get("version").longValue(),
                        c -> c.get("enquiry").get("requestComment").stringValue())
                .containsExactly(tuple("CREATE", 1L, "Asked in v1"), tuple("UPDATE", 2L, "Changed in v1"));
        var toSupplier = sides.supplierV2().follow(supplierCursor, 2).changes();
        assertThat(toSupplier)
                .extracting(
                        c -> c.get("reason").stringValue(),
                        c -> c.get("responseId").stringValue(),
                        c -> c.get("enquiry").get("version").longValue())
                .containsExactly(tuple("CREATE", answerId, 3L), tuple("UPDATE", answerId, 4L));

        assertSameFeed(sides.gridV1().scanAll(scanStart, id), toGrid);
        assertSameFeed(sides.supplierV1().scanAll(scanStart, id), toSupplier);
    }

    @Test
    void anEnquiryWrittenThroughV2IsReadThroughV1() {
        var sides = freshSides();
        var scanStart = Instant.now().minusSeconds(1).toString();
        var gridCursor = sides.gridV2().follow(null).cursor();
        var supplierCursor = sides.supplierV2().follow(null).cursor();

        var id = sides.supplierV2()
                .send(anEnquiry().about(sides.meter()).invoice("INV-V2").comment("Asked in v2"))
                .get("id")
                .stringValue();
        assertThat(sides.supplierV2()
                        .change(id, object("customerEic", "10X1001A1001A39W"))
                        .status())
                .isEqualTo(200);
        var answerId = sides.gridV2().answerId(id, "OPEN", "Answered in v2");
        var closed = sides.gridV2()
                .changeAnswer(id, answerId, object("requestStatus", "CLOSE", "responseComment", "Closed in v2"));
        assertThat(closed.status()).isEqualTo(200);
        var enquiry = closed.json();

        for (var side : List.of(sides.supplierV1(), sides.gridV1())) {
            var rows = side.thread(id);
            assertThat(rows).hasSize(2);
            var enquiryRow = rows.stream()
                    .filter(r -> !r.has("messageResponseId"))
                    .findFirst()
                    .orElseThrow();
            var answerRow = rows.stream()
                    .filter(r -> r.has("messageResponseId"))
                    .findFirst()
                    .orElseThrow();
            assertSameEnquiry(enquiry, enquiryRow);
            assertSameEnquiry(enquiry, answerRow);
            assertThat(enquiryRow.get("timestamp")).isEqualTo(enquiry.get("updatedAt"));
            assertThat(answerRow.get("messageResponseId").stringValue()).isEqualTo(answerId);
            assertThat(answerRow.get("responseComment").stringValue()).isEqualTo("Closed in v2");
            assertThat(answerRow.get("timestamp"))
                    .isEqualTo(enquiry.get("responses").get(0).get("updatedAt"));
            assertThat(side.search(object("customerEic", "10X1001A1001A39W", "requestStatus", "CLOSE"))
                            .json())
                    .as("v1 search finds v2's writes by their fields")
                    .hasSize(2);
        }

        var toGrid = sides.gridV2().follow(gridCursor, 2).changes();
        var toSupplier = sides.supplierV2().follow(supplierCursor, 2).changes();
        var gridRows = sides.gridV1().scanAll(scanStart, id);
        var supplierRows = sides.supplierV1().scanAll(scanStart, id);
        assertThat(gridRows)
                .extracting(
                        r -> r.get("reason").stringValue(),
                        r -> r.get("customerEic").stringValue())
                .containsExactly(tuple("CREATE", Party.CUSTOMER), tuple("UPDATE", "10X1001A1001A39W"));
        assertThat(supplierRows)
                .extracting(
                        r -> r.get("reason").stringValue(),
                        r -> r.get("messageResponseId").stringValue(),
                        r -> r.get("requestStatus").stringValue(),
                        r -> r.get("responseComment").stringValue())
                .containsExactly(
                        tuple("CREATE", answerId, "OPEN", "Answered in v2"),
                        tuple("UPDATE", answerId, "CLOSE", "Closed in v2"));
        assertSameFeed(gridRows, toGrid);
        assertSameFeed(supplierRows, toSupplier);
    }

    @Test
    void oneThreadTakesWritesThroughBothDoorsAndItsVersionCountsThemAll() {
        var sides = freshSides();
        var id = sides.supplierV2()
                .send(anEnquiry().about(sides.meter()))
                .get("id")
                .stringValue();
        var readBefore = sides.supplierV2().get(id);

        assertThat(sides.supplierV1()
                        .change(id, object("requestComment", "Changed in v1"))
                        .status())
                .isEqualTo(200);
        var answerId = sides.gridV1().answerId(id, "OPEN", "Answered in v1");

        var stale = sides.supplierV2()
                .change(id, object("requestComment", "Changed in v2"), headers("If-Match", readBefore.header("ETag")));
        var error = expectV2Error(stale, 412, VERSION_CONFLICT);
        assertThat(error.where()).isEqualTo("If-Match");
        var current = sides.supplierV2().get(id);
        assertThat(current.header("ETag"))
                .as("v1's change and answer moved the version")
                .isEqualTo(tag(3));
        var changed = sides.gridV2()
                .changeAnswer(
                        id, answerId, object("requestStatus", "CLOSE"), headers("If-Match", current.header("ETag")));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo(tag(4));
        assertThat(sides.supplierV1().thread(id))
                .extracting(r -> r.get("requestStatus").stringValue())
                .containsOnly("CLOSE");
    }

    @Test
    void aDocumentIdUsedForAV1MessageIsAConflictForAV2One() {
        var sides = freshSides();
        var documentId = UUID.randomUUID().toString();
        var v1 = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                sides.supplierV1().party(),
                EnquiryJson.createBody(
                                sides.supplierV1().context(),
                                List.of(anEnquiry().about(sides.meter())))
                        .toString(),
                Map.of("x-document-identification", documentId));
        assertThat(v1.status()).isEqualTo(201);

        var v2 = sides.supplierV2()
                .create(anEnquiry().about(sides.meter()).json(), headers("x-document-identification", documentId));

        var error = expectV2Error(v2, 409, DOCUMENT_ID_CONFLICT);
        assertThat(error.args()).containsExactly("x-document-identification", documentId);
        assertThat(sides.gridV2().listIds(""))
                .as("the conflict created nothing")
                .containsExactly(v1.id());
    }

    @Test
    void aDocumentIdUsedForAV2MessageIsAConflictForAV1One() {
        var sides = freshSides();
        var documentId = UUID.randomUUID().toString();
        var v2 = sides.supplierV2()
                .create(anEnquiry().about(sides.meter()).json(), headers("x-document-identification", documentId));
        assertThat(v2.status()).isEqualTo(201);

        var v1 = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                sides.supplierV1().party(),
                EnquiryJson.createBody(
                                sides.supplierV1().context(),
                                List.of(anEnquiry().about(sides.meter())))
                        .toString(),
                Map.of("x-document-identification", documentId));

        expectError(v1, 409, DOCUMENT_ID_CONFLICT);
        assertThat(sides.gridV2().listIds(""))
                .containsExactly(v2.json().get("id").stringValue());
    }

    // The v2 representation and a v1 result row of the same enquiry carry the same enquiry fields.
    private static void assertSameEnquiry(JsonNode enquiry, JsonNode row) {
        assertThat(row.get("messageRequestId").stringValue())
                .isEqualTo(enquiry.get("id").stringValue());
        for (var field : List.of(
                "senderEic",
                "receiverEic",
                "meterEic",
                "customerEic",
                "topic",
                "reference",
                "requestComment",
                "dueAt")) {
            assertThat(row.get(field)).as(field).isEqualTo(enquiry.get(field));
        }
        assertThat(row.get("requestStatus")).as("status").isEqualTo(enquiry.get("status"));
    }

    // The v1 change feed and the v2 cursor feed of one side carry the same changes, one for one, stamped alike.
    private static void assertSameFeed(List<JsonNode> v1Rows, List<JsonNode> v2Changes) {
        assertThat(v1Rows).hasSameSizeAs(v2Changes);
        for (int i = 0; i < v1Rows.size(); i++) {
            var row = v1Rows.get(i);
            var change = v2Changes.get(i);
            assertThat(row.get("timestamp")).as("change %d's timestamp", i).isEqualTo(change.get("timestamp"));
            assertThat(row.get("reason")).isEqualTo(change.get("reason"));
            assertThat(row.get("messageResponseId")).isEqualTo(change.get("responseId"));
            assertSameEnquiry(change.get("enquiry"), row);
            if (change.has("responseId")) {
                var answer = change.get("enquiry")
                        .get("responses")
                        .valueStream()
                        .filter(a -> a.get("id").equals(change.get("responseId")))
                        .findFirst()
                        .orElseThrow();
                assertThat(row.get("responseComment")).isEqualTo(answer.get("responseComment"));
            }
        }
    }
}
