package ee.datahub.enquiryhub.idempotency;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Race;
import ee.datahub.enquiryhub.support.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A write repeated with the same x-document-identification returns its first outcome (spec §4). */
class IdempotentRetryTest extends HubApiTest {

    @Autowired
    JdbcClient jdbc;

    private Actor supplier;
    private Actor grid;
    private String meter;

    @BeforeEach
    void freshParties() {
        supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
    }

    @Test
    void twentyConcurrentCopiesOfOneCreateMakeOneEnquiryAndIdenticalAnswers() throws Exception {
        var start = Instant.now().toString();
        var documentId = UUID.randomUUID().toString();
        var body = EnquiryJson.createBody(
                        supplier.context(), List.of(anEnquiry().about(meter)))
                .toString();
        var responses = Race.concurrently(
                20,
                () -> retryingUnavailable(() -> hub.v1(
                        "POST",
                        "/api/v1/direct-messages",
                        supplier.party(),
                        body,
                        Map.of("x-document-identification", documentId))));

        var first = responses.getFirst();
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        for (var response : responses) {
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body()).isEqualTo(first.body());
            assertThat(response.header("x-document-identification"))
                    .isEqualTo(first.header("x-document-identification"));
            assertThat(response.header("x-original-document-identification")).isEqualTo(documentId);
        }
        assertThat(grid.scanAll(start))
                .as("one enquiry reached the grid operator")
                .hasSize(1);
        assertThat(jdbc.sql("select count(*) from enquiry where sender_eic = ?")
                        .param(supplier.party().eic())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRetryWithBodyFormattedDifferentlyIsStillTheSameRequest() {
        var documentId = UUID.randomUUID().toString();
        var body =
                EnquiryJson.createBody(supplier.context(), List.of(anEnquiry().about(meter)));
        var first = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                body.toPrettyString(),
                Map.of("x-document-identification", documentId));
        var reordered = object(
                "directMessageRequest",
                body.get("directMessageRequest"),
                "marketParticipantContext",
                body.get("marketParticipantContext"));
        var retry = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                reordered.toString(),
                Map.of("x-document-identification", documentId));
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void theSameDocumentIdWithAnotherBodyIsAConflictAndChangesNothing() {
        var documentId = UUID.randomUUID().toString();
        var first = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                EnquiryJson.createBody(
                                supplier.context(),
                                List.of(anEnquiry().about(meter).comment("first")))
                        .toString(),
                Map.of("x-document-identification", documentId));
        var other = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                EnquiryJson.createBody(
                                supplier.context(),
                                List.of(anEnquiry().about(meter).comment("second")))
                        .toString(),
                Map.of("x-document-identification", documentId));
        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("opp.error.business.document-identification-conflict");
        assertThat(supplier.search(object("requestComment", "second")).json()).isEmpty();
    }

    @Test
    void theSameDocumentIdOnAnotherMessageIsAConflict() {
        var documentId = UUID.randomUUID().toString();
        var id = supplier.send(anEnquiry().about(meter));
        var cancel = object(
                        "marketParticipantContext",
                        supplier.context(),
                        "messageRequestId",
                        id,
                        "directMessageRequestChange",
                        object("requestStatus", "CANCEL"))
                .toString();
        var put = hub.v1(
                "PUT",
                "/api/v1/direct-messages",
                supplier.party(),
                cancel,
                Map.of("x-document-identification", documentId));
        var samePutByPath = hub.v1(
                "PUT",
                "/api/v1/direct-messages/" + id,
                supplier.party(),
                cancel,
                Map.of("x-document-identification", documentId));
        assertThat(put.status()).isEqualTo(200);
        assertThat(samePutByPath.status()).isEqualTo(409);
        assertThat(samePutByPath.code()).isEqualTo("opp.error.business.document-identification-conflict");
    }

    @Test
    void aRefusedWriteIsReplayedAsRefusedEvenAfterTheCauseIsGone() {
        var documentId = UUID.randomUUID().toString();
        var unknownMeter = ee.datahub.enquiryhub.support.Eics.meteringPoint();
        var body = EnquiryJson.createBody(
                        supplier.context(), List.of(anEnquiry().about(unknownMeter)))
                .toString();
        var first = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                body,
                Map.of("x-document-identification", documentId));
        assertThat(first.status()).isEqualTo(422);
        assertThat(first.code()).isEqualTo("opp.error.business.direct-message-receiver-cannot-be-resolved");

        var register = hub.call(
                "POST",
                "/api/operator/metering-points",
                ee.datahub.enquiryhub.support.Party.HUB_OPERATOR,
                object("eic", unknownMeter, "gridOperatorEic", grid.party().eic(), "commodity", "ELECTRICITY")
                        .toString());
        assertThat(register.status()).isEqualTo(201);

        var retry = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                body,
                Map.of("x-document-identification", documentId));
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.body()).isEqualTo(first.body());
        var fresh = hub.v1("POST", "/api/v1/direct-messages", supplier.party(), body, Map.of());
        assertThat(fresh.status()).as("a new document id is a new request").isEqualTo(201);
    }

    @Test
    void anAnswerRepeatedConcurrentlyIsStoredOnce() throws Exception {
        var start = Instant.now().toString();
        var id = supplier.send(anEnquiry().about(meter));
        var documentId = UUID.randomUUID().toString();
        var body = object(
                        "marketParticipantContext",
                        grid.context(),
                        "messageRequestId",
                        id,
                        "directMessageResponse",
                        object("requestStatus", "OPEN", "responseComment", "Looking into it"))
                .toString();
        var responses = Race.concurrently(
                20,
                () -> retryingUnavailable(() -> hub.v1(
                        "POST",
                        "/api/v1/direct-messages/response",
                        grid.party(),
                        body,
                        Map.of("x-document-identification", documentId))));
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.body()).isEqualTo(responses.getFirst().body());
        });
        assertThat(supplier.scanAll(start)).hasSize(1);
    }

    @Test
    void documentIdsAreKeptPerParticipant() {
        var documentId = UUID.randomUUID().toString();
        var other = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        var mine = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                EnquiryJson.createBody(supplier.context(), List.of(anEnquiry().about(meter)))
                        .toString(),
                Map.of("x-document-identification", documentId));
        var theirs = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                other.party(),
                EnquiryJson.createBody(other.context(), List.of(anEnquiry().about(meter)))
                        .toString(),
                Map.of("x-document-identification", documentId));
        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.id()).isNotEqualTo(mine.id());
    }

    // As a client does: a 503 (the hub sheds load when all its connections are busy for 2 s, which 20
    // copies waiting on the first one's row can cause on a slow machine) is retried with the same
    // document id, and must then replay the first outcome like any repetition.
    private static Response retryingUnavailable(java.util.function.Supplier<Response> request) {
        var response = request.get();
        for (int attempt = 0; attempt < 5 && response.status() == 503; attempt++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response = request.get();
        }
        return response;
    }
}
