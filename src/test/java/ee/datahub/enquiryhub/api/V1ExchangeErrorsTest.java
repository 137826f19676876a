package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.AUTHENTICATION;
import static ee.datahub.enquiryhub.support.ErrorCodes.DOCUMENT_ID_CONFLICT;
import static ee.datahub.enquiryhub.support.ErrorCodes.INSUFFICIENT_PERMISSION;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_DATE_TIME;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_ENUM;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_UUID;
import static ee.datahub.enquiryhub.support.ErrorCodes.MALFORMED_JSON;
import static ee.datahub.enquiryhub.support.ErrorCodes.MISSING_HEADER;
import static ee.datahub.enquiryhub.support.ErrorCodes.NOT_FOUND;
import static ee.datahub.enquiryhub.support.ErrorCodes.PAYLOAD_TOO_LARGE;
import static ee.datahub.enquiryhub.support.ErrorCodes.PROCESS_TERMINATED;
import static ee.datahub.enquiryhub.support.ErrorCodes.REQUIRED_FIELD;
import static ee.datahub.enquiryhub.support.ErrorCodes.UNPROCESSABLE_CONTEXT;
import static ee.datahub.enquiryhub.support.ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
import static ee.datahub.enquiryhub.support.V1ErrorAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Party;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How errors travel (spec §4, §4.1): idempotency conflicts (409), the body's size (413) and media
 * type (415), the order in which one answer picks the first of several faults, and what every error
 * answer carries (V1 shape, a trace id the caller may set, the document headers).
 */
class V1ExchangeErrorsTest extends V1ErrorTesting {

    private static final int ONE_MIB = 1024 * 1024;

    // A JSON body of a valid create padded (by whitespace) to this many bytes.
    private String createOfSize(int bytes) {
        var body = createBody(supplierA(), anEnquiry()).toString();
        return body + " ".repeat(bytes - body.getBytes(StandardCharsets.UTF_8).length);
    }

    // 409 document-identification-conflict

    @Test
    void theSameDocumentIdWithAnotherBodyIsAConflict() {
        var world = freshWorld();
        var documentId = UUID.randomUUID().toString();
        var first = send(
                "POST",
                CREATE,
                world.supplier(),
                createBody(world.supplier(), anEnquiry().about(world.meter())),
                "x-document-identification",
                documentId);
        assertThat(first.status()).isEqualTo(201);

        var other =
                createBody(world.supplier(), anEnquiry().about(world.meter()).comment("Another question"));
        var error = expectError(
                send("POST", CREATE, world.supplier(), other, "x-document-identification", documentId),
                409,
                DOCUMENT_ID_CONFLICT);
        assertThat(error.args()).containsExactly("x-document-identification", documentId);
        assertThat(world.grid().search(object()).json())
                .as("the conflict created nothing")
                .hasSize(1);
    }

    @Test
    void theSameDocumentIdOnAnotherPathIsAConflict() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var documentId = UUID.randomUUID().toString();
        var change = changeBody(world.supplier(), requestId, object("requestComment", "More detail"));
        assertThat(send("PUT", CHANGE, world.supplier(), change, "x-document-identification", documentId)
                        .status())
                .isEqualTo(200);

        expectError(
                send(
                        "PUT",
                        "/api/v1/direct-messages/" + requestId,
                        world.supplier(),
                        change,
                        "x-document-identification",
                        documentId),
                409,
                DOCUMENT_ID_CONFLICT);
        expectError(
                send(
                        "POST",
                        CREATE,
                        world.supplier(),
                        createBody(world.supplier(), anEnquiry().about(world.meter())),
                        "x-document-identification",
                        documentId),
                409,
                DOCUMENT_ID_CONFLICT);
    }

    @Test
    void theSameDocumentIdWithTheSameBodyReplaysTheFirstErrorUnchanged() {
        var world = freshWorld();
        var documentId = UUID.randomUUID().toString();
        var bad = createBody(world.supplier(), anEnquiry().about(world.meter()).with("topic", "QUESTION"));
        var first = expectError(
                send("POST", CREATE, world.supplier(), bad, "x-document-identification", documentId),
                400,
                INVALID_ENUM);
        var again = expectError(
                send("POST", CREATE, world.supplier(), bad, "x-document-identification", documentId),
                400,
                INVALID_ENUM);
        assertThat(again.id()).as("the first outcome, not a new one").isEqualTo(first.id());
        assertThat(again.response().header("x-document-identification"))
                .isEqualTo(first.response().header("x-document-identification"));
    }

    @Test
    void documentIdsAreTheirSendersOwn() {
        var documentId = UUID.randomUUID().toString();
        var one = freshWorld();
        var two = freshWorld();
        assertThat(send(
                                "POST",
                                CREATE,
                                one.supplier(),
                                createBody(one.supplier(), anEnquiry().about(one.meter())),
                                "x-document-identification",
                                documentId)
                        .status())
                .isEqualTo(201);
        assertThat(send(
                                "POST",
                                CREATE,
                                two.supplier(),
                                createBody(two.supplier(), anEnquiry().about(two.meter())),
                                "x-document-identification",
                                documentId)
                        .status())
                .as("another participant's id is no conflict")
                .isEqualTo(201);
    }

    // 413 payload-too-large

    @Test
    void aBodyOverOneMebibyteIsPayloadTooLarge() {
        var error =
                expectError(send("POST", CREATE, Party.SUPPLIER_A, createOfSize(ONE_MIB + 1)), 413, PAYLOAD_TOO_LARGE);
        assertThat(error.where()).isEqualTo("body");
        expectError(send("POST", SEARCH, Party.SUPPLIER_A, createOfSize(ONE_MIB + 100)), 413, PAYLOAD_TOO_LARGE);
        expectError(send("POST", CREATE, Party.SUPPLIER_A, createOfSize(5 * ONE_MIB)), 413, PAYLOAD_TOO_LARGE);
    }

    @Test
    void aBodyOfExactlyOneMebibyteIsRead() {
        var world = freshWorld();
        var body =
                createBody(world.supplier(), anEnquiry().about(world.meter())).toString();
        body += " ".repeat(ONE_MIB - body.length());
        var created = send("POST", CREATE, world.supplier().party(), body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
    }

    @Test
    void aStreamedBodyOverOneMebibyteWithoutALengthIsPayloadTooLarge() throws Exception {
        var bytes = createOfSize(ONE_MIB + 10).getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(hub.baseUrl() + CREATE))
                .header("Authorization", "Bearer " + hub.token(Party.SUPPLIER_A))
                .header("Content-Type", "application/json")
                .header("x-document-identification", UUID.randomUUID().toString())
                .header("x-document-date-time", "2026-11-27T09:15:00+02:00")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        try (var client = HttpClient.newHttpClient()) {
            var answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.request().headers().firstValue("Content-Length")).isEmpty();
            assertThat(answer.statusCode()).as("%s", answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains(PAYLOAD_TOO_LARGE);
        }
    }

    // 415 unsupported-media-type

    @Test
    void aBodyThatIsNotDeclaredAsJsonIsUnsupportedMediaType() {
        var body = createBody(supplierA(), anEnquiry());
        var text = expectError(
                send("POST", CREATE, supplierA(), body, "Content-Type", "text/plain"), 415, UNSUPPORTED_MEDIA_TYPE);
        assertThat(text.where()).isEqualTo("Content-Type");
        expectError(send("POST", CREATE, supplierA(), body, "Content-Type", null), 415, UNSUPPORTED_MEDIA_TYPE);
        expectError(
                send("POST", SEARCH, supplierA(), searchBody(supplierA(), object()), "Content-Type", "application/xml"),
                415,
                UNSUPPORTED_MEDIA_TYPE);
        expectError(
                send("POST", SEARCH, supplierA(), searchBody(supplierA(), object()), "Content-Type", "json"),
                415,
                UNSUPPORTED_MEDIA_TYPE);
        // API guide §2: application/json and nothing else, not even another JSON type
        for (var other : java.util.List.of(
                "application/json-patch+json", "application/merge-patch+json", "application/problem+json")) {
            expectError(send("POST", CREATE, supplierA(), body, "Content-Type", other), 415, UNSUPPORTED_MEDIA_TYPE);
        }
    }

    @Test
    void jsonWithACharsetIsJson() {
        var search = send(
                "POST",
                SEARCH,
                supplierA(),
                searchBody(supplierA(), object()),
                "Content-Type",
                "application/json; charset=UTF-8");
        assertThat(search.status()).isEqualTo(200);
    }

    // the order of checks: 401 → 413 → 415 → 400 headers → replay or 409 → 400 body → 403 → 404 → 422

    @Test
    void noTokenComesBeforeEverythingElse() {
        expectError(
                send(
                        "POST",
                        CREATE,
                        Party.SUPPLIER_A,
                        "{" + " ".repeat(ONE_MIB + 1),
                        "Authorization",
                        null,
                        "Content-Type",
                        "text/plain",
                        "x-document-identification",
                        null),
                401,
                AUTHENTICATION);
    }

    @Test
    void tooLargeComesBeforeNotJson() {
        expectError(
                send("POST", CREATE, Party.SUPPLIER_A, createOfSize(ONE_MIB + 1), "Content-Type", "text/plain"),
                413,
                PAYLOAD_TOO_LARGE);
    }

    @Test
    void notJsonComesBeforeAMissingHeader() {
        expectError(
                send(
                        "POST",
                        CREATE,
                        supplierA(),
                        createBody(supplierA(), anEnquiry()),
                        "Content-Type",
                        "text/plain",
                        "x-document-identification",
                        null),
                415,
                UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aMissingHeaderComesBeforeABrokenBody() {
        var error = expectError(
                send("POST", CREATE, Party.SUPPLIER_A, "{\"broken\": ", "x-document-date-time", null),
                400,
                MISSING_HEADER);
        assertThat(error.where()).isEqualTo("x-document-date-time");
    }

    @Test
    void aHeaderFaultComesBeforeAConflict() {
        var world = freshWorld();
        var documentId = UUID.randomUUID().toString();
        send(
                "POST",
                CREATE,
                world.supplier(),
                createBody(world.supplier(), anEnquiry().about(world.meter())),
                "x-document-identification",
                documentId);
        expectError(
                send(
                        "POST",
                        CREATE,
                        world.supplier(),
                        createBody(world.supplier(), anEnquiry().comment("other")),
                        "x-document-identification",
                        documentId,
                        "x-document-date-time",
                        "now"),
                400,
                INVALID_DATE_TIME);
    }

    @Test
    void aConflictComesBeforeABrokenBody() {
        var world = freshWorld();
        var documentId = UUID.randomUUID().toString();
        send(
                "POST",
                CREATE,
                world.supplier(),
                createBody(world.supplier(), anEnquiry().about(world.meter())),
                "x-document-identification",
                documentId);
        expectError(
                send(
                        "POST",
                        CREATE,
                        world.supplier().party(),
                        "{\"broken\": ",
                        "x-document-identification",
                        documentId),
                409,
                DOCUMENT_ID_CONFLICT);
    }

    @Test
    void aBodyFaultComesBeforeAWrongParticipant() {
        var body = createBody(supplierA(), anEnquiry().without("customerEic"));
        contextOf(body).put("marketParticipantIdentification", Party.SUPPLIER_B.eic());
        expectError(send("POST", CREATE, supplierA(), body), 400, REQUIRED_FIELD);
    }

    @Test
    void aRefusedContextComesBeforeALookup() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var otherSupplier = freshActor("OPEN_SUPPLIER", "ELECTRICITY");
        var asSomeoneElse = changeBody(otherSupplier, requestId, object("requestStatus", "CANCEL"));
        contextOf(asSomeoneElse)
                .put("marketParticipantIdentification", world.supplier().party().eic());
        expectError(send("PUT", CHANGE, otherSupplier, asSomeoneElse), 403, UNPROCESSABLE_CONTEXT);

        var viewer = hub.as(
                hub.technicalUser(world.supplier().party(), "VIEWER_DIRECT_MESSAGE"), "OPEN_SUPPLIER", "ELECTRICITY");
        expectError(viewer.cancel(UUID.randomUUID().toString()), 403, INSUFFICIENT_PERMISSION);
    }

    @Test
    void notFoundComesBeforeABusinessRule() {
        var world = freshWorld();
        var requestId = world.enquiry();
        assertThat(world.supplier().cancel(requestId).status()).isEqualTo(200);
        var otherSupplier = freshActor("OPEN_SUPPLIER", "ELECTRICITY");
        expectError(otherSupplier.change(requestId, object("requestComment", "x")), 404, NOT_FOUND);
        expectError(world.supplier().change(requestId, object("requestComment", "x")), 422, PROCESS_TERMINATED);
    }

    // what every error carries

    @Test
    void aCallersB3TraceIdIsTheErrorsTraceId() {
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        assertThat(expectError(
                                send("POST", CREATE, Party.SUPPLIER_A, "{", "x-b3-traceid", traceId),
                                400,
                                MALFORMED_JSON)
                        .traceId())
                .isEqualTo(traceId);
        assertThat(expectError(
                                send(
                                        "POST",
                                        SEARCH,
                                        Party.SUPPLIER_A,
                                        "{}",
                                        "x-b3-traceid",
                                        traceId,
                                        "Authorization",
                                        null),
                                401,
                                AUTHENTICATION)
                        .traceId())
                .isEqualTo(traceId);
        var foreign = searchBody(supplierA(), object());
        contextOf(foreign).put("marketParticipantIdentification", Party.GRID_A.eic());
        assertThat(expectError(
                                send("POST", SEARCH, supplierA(), foreign, "x-b3-traceid", traceId),
                                403,
                                UNPROCESSABLE_CONTEXT)
                        .traceId())
                .isEqualTo(traceId);
        assertThat(expectError(
                                send(
                                        "PUT",
                                        CHANGE,
                                        supplierA(),
                                        changeBody(
                                                supplierA(),
                                                UUID.randomUUID().toString(),
                                                object("requestComment", "x")),
                                        "x-b3-traceid",
                                        traceId),
                                404,
                                NOT_FOUND)
                        .traceId())
                .isEqualTo(traceId);
    }

    @Test
    void everyErrorHasItsOwnIdAndATraceIdEvenWithoutACallersOne() {
        var one = expectError(send("POST", CREATE, Party.SUPPLIER_A, "{"), 400, MALFORMED_JSON);
        var two = expectError(send("POST", CREATE, Party.SUPPLIER_A, "{"), 400, MALFORMED_JSON);
        assertThat(one.id()).isNotEqualTo(two.id());
        assertThat(one.traceId()).isNotEqualTo(two.traceId());
    }

    @Test
    void errorsCarryTheDocumentHeadersToo() {
        var documentId = UUID.randomUUID().toString();
        var unauthenticated = expectError(
                send(
                        "POST",
                        SEARCH,
                        Party.SUPPLIER_A,
                        "{}",
                        "Authorization",
                        null,
                        "x-document-identification",
                        documentId),
                401,
                AUTHENTICATION);
        assertThat(unauthenticated.response().header("x-original-document-identification"))
                .isEqualTo(documentId);
        assertThat(unauthenticated.response().header("x-document-identification"))
                .isNotEqualTo(documentId);

        var tooLarge = expectError(
                send(
                        "POST",
                        CREATE,
                        Party.SUPPLIER_A,
                        createOfSize(ONE_MIB + 1),
                        "x-document-identification",
                        documentId),
                413,
                PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.response().header("x-original-document-identification"))
                .isEqualTo(documentId);

        var missing = expectError(
                send("POST", CREATE, Party.SUPPLIER_A, "{}", "x-document-identification", null), 400, MISSING_HEADER);
        assertThat(missing.response().header("x-document-identification")).isNotBlank();
    }

    @Test
    void unknownPathsWrongMethodsAndOverlongPathsAreClientErrors() {
        var unknownPath = send("POST", "/api/v1/direct-messages/search/unknown", Party.SUPPLIER_A, "{}");
        assertThat(unknownPath.status()).isEqualTo(404);
        expectError(unknownPath, 404, unknownPath.code());
        var wrongMethod = send("DELETE", CREATE, Party.SUPPLIER_A, "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        expectError(wrongMethod, 405, wrongMethod.code());
        var longPath = "/api/v1/direct-messages/" + "x".repeat(300);
        expectError(send("PUT", longPath, Party.SUPPLIER_A, "{}", "Authorization", null), 401, AUTHENTICATION);
        var unknown = send("POST", longPath + "/more", Party.SUPPLIER_A, "{}");
        assertThat(unknown.status()).isEqualTo(404);
        expectError(unknown, 404, unknown.code());
        expectError(
                send(
                        "PUT",
                        longPath,
                        supplierA(),
                        object(
                                "marketParticipantContext",
                                supplierA().context(),
                                "directMessageRequestChange",
                                object("requestComment", "x"))),
                400,
                INVALID_UUID);
    }
}
