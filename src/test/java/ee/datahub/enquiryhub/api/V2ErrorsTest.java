package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.AUTHENTICATION;
import static ee.datahub.enquiryhub.support.ErrorCodes.CHANGE_PERIOD_BEYOND_RETENTION;
import static ee.datahub.enquiryhub.support.ErrorCodes.COMMODITY_TYPE_MISMATCH;
import static ee.datahub.enquiryhub.support.ErrorCodes.DOCUMENT_ID_CONFLICT;
import static ee.datahub.enquiryhub.support.ErrorCodes.INCORRECT_ROLE;
import static ee.datahub.enquiryhub.support.ErrorCodes.INSUFFICIENT_PERMISSION;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_DATE_TIME;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_EIC_CHECK_CHARACTER;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_EIC_FORMAT;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_ENUM;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_STATUS_TRANSITION;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_UUID;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_VALUE;
import static ee.datahub.enquiryhub.support.ErrorCodes.JWT_FORMAT;
import static ee.datahub.enquiryhub.support.ErrorCodes.JWT_PROCESSING;
import static ee.datahub.enquiryhub.support.ErrorCodes.MALFORMED_JSON;
import static ee.datahub.enquiryhub.support.ErrorCodes.MAX_LENGTH;
import static ee.datahub.enquiryhub.support.ErrorCodes.METER_CHANGE_AFTER_RESPONSE;
import static ee.datahub.enquiryhub.support.ErrorCodes.MISSING_HEADER;
import static ee.datahub.enquiryhub.support.ErrorCodes.NOT_FOUND;
import static ee.datahub.enquiryhub.support.ErrorCodes.PAGE_SIZE_TOO_LARGE;
import static ee.datahub.enquiryhub.support.ErrorCodes.PAYLOAD_TOO_LARGE;
import static ee.datahub.enquiryhub.support.ErrorCodes.PROCESS_TERMINATED;
import static ee.datahub.enquiryhub.support.ErrorCodes.RECEIVER_CANNOT_BE_RESOLVED;
import static ee.datahub.enquiryhub.support.ErrorCodes.REFERENCE_REQUIRED;
import static ee.datahub.enquiryhub.support.ErrorCodes.REQUIRED_FIELD;
import static ee.datahub.enquiryhub.support.ErrorCodes.RESPONSE_NOT_FOUND;
import static ee.datahub.enquiryhub.support.ErrorCodes.UNKNOWN_FIELD;
import static ee.datahub.enquiryhub.support.ErrorCodes.UNPROCESSABLE_CONTEXT;
import static ee.datahub.enquiryhub.support.ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
import static ee.datahub.enquiryhub.support.ErrorCodes.VERSION_CONFLICT;
import static ee.datahub.enquiryhub.support.V2ErrorAnswer.expectV2Error;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.feed.FeedCursors;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Race;
import ee.datahub.enquiryhub.support.Response;
import ee.datahub.enquiryhub.support.TokenForge;
import ee.datahub.enquiryhub.support.V2Actor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every error of spec §4.1 that API v2 can answer, each with its status, its code and {@code args[0]}
 * naming the header, field or query parameter at fault, in the V2 body; the order in which one answer
 * picks the first of several faults (401 → 413 → 415 → 400 headers → replay or 409 → 400 body → 403 →
 * 404 → 412 → 422); and idempotent repetition of v2 writes. Requests that write nothing act as the
 * demo participants; accepted writes use fresh ones.
 */
class V2ErrorsTest extends V2Testing {

    private static final int ONE_MIB = 1024 * 1024;
    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars
    private static final String PARTICIPANT = "x-market-participant-eic";
    private static final String ROLE = "x-market-participant-role";
    private static final String COMMODITY = "x-commodity-type";
    private static final String DOCUMENT_ID = "x-document-identification";
    private static final String DOCUMENT_TIME = "x-document-date-time";

    @Autowired
    JdbcClient jdbc;

    private String someId() {
        return UUID.randomUUID().toString();
    }

    private Response create(V2Actor as, String body, String... headerPairs) {
        return as.request("POST", BASE, body, headers(headerPairs));
    }

    private Response create(ObjectNode body) {
        return create(v2SupplierA(), body.toString());
    }

    private static ObjectNode validEnquiry() {
        return anEnquiry().json();
    }

    // 401

    @Test
    void noTokenIsAuthenticationOnEveryMessage() {
        var id = someId();
        var supplier = v2SupplierA();
        var noToken = headers("Authorization", null);
        var answers = List.of(
                supplier.request("POST", BASE, validEnquiry().toString(), noToken),
                supplier.request("GET", BASE + "/" + id, null, noToken),
                supplier.request("GET", BASE + "?meterEic=" + Party.METER_GRID_A, null, noToken),
                supplier.request(
                        "PUT", BASE + "/" + id, object("requestComment", "x").toString(), noToken),
                supplier.request(
                        "POST",
                        BASE + "/" + id + "/responses",
                        object("requestStatus", "OPEN").toString(),
                        noToken),
                supplier.request(
                        "PUT",
                        BASE + "/" + id + "/responses/" + id,
                        object("requestStatus", "OPEN").toString(),
                        noToken),
                supplier.request("GET", CHANGES + "?wait=1", null, noToken));
        for (var answer : answers) {
            assertThat(expectV2Error(answer, 401, AUTHENTICATION).where()).isEqualTo("Authorization");
        }
    }

    @Test
    void aTokenThatIsNotAJwtIsJwtFormatAndOneSignedByAnotherKeyIsJwtProcessing() {
        var supplier = v2SupplierA();
        expectV2Error(supplier.request("GET", BASE, null, headers("Authorization", "Bearer garbage")), 401, JWT_FORMAT);
        var forge = new TokenForge(jdbc, hub);
        var foreign = forge.signedBy(
                TokenForge.anotherKey(), forge.claimsOf(Party.SUPPLIER_A).build());
        expectV2Error(
                supplier.request(
                        "POST", BASE, validEnquiry().toString(), headers("Authorization", "Bearer " + foreign)),
                401,
                JWT_PROCESSING);
        assertThat(supplier.request(
                                "GET",
                                BASE,
                                null,
                                headers(
                                        "Authorization",
                                        "Bearer "
                                                + forge.signedByHub(forge.claimsOf(Party.SUPPLIER_A)
                                                        .build())))
                        .status())
                .as("the forge itself works")
                .isEqualTo(200);
    }

    // 413, 415

    @Test
    void aBodyOverOneMebibyteIsPayloadTooLarge() {
        var body = validEnquiry().toString();
        var padded = body + " ".repeat(ONE_MIB + 1 - body.length());
        var id = someId();
        for (var answer : List.of(
                create(v2SupplierA(), padded),
                v2SupplierA().request("PUT", BASE + "/" + id, padded, Map.of()),
                v2GridA().request("POST", BASE + "/" + id + "/responses", padded, Map.of()))) {
            assertThat(expectV2Error(answer, 413, PAYLOAD_TOO_LARGE).where()).isEqualTo("body");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "text/plain",
                "*/*",
                "application/*",
                "application/xml",
                "application/json; charset=ISO-8859-1",
                "application/json-patch+json",
                "application/merge-patch+json",
                "application/problem+json"
            })
    void aBodyThatIsNotDeclaredAsJsonIsUnsupportedMediaType(String contentType) {
        var type = contentType.isEmpty() ? null : contentType;
        var id = someId();
        var error = expectV2Error(
                create(v2SupplierA(), validEnquiry().toString(), "Content-Type", type), 415, UNSUPPORTED_MEDIA_TYPE);
        assertThat(error.where()).isEqualTo("Content-Type");
        expectV2Error(
                v2SupplierA()
                        .request(
                                "PUT",
                                BASE + "/" + id,
                                object("requestComment", "x").toString(),
                                headers("Content-Type", type)),
                415,
                UNSUPPORTED_MEDIA_TYPE);
        expectV2Error(
                v2GridA()
                        .request(
                                "POST",
                                BASE + "/" + id + "/responses",
                                object("requestStatus", "OPEN").toString(),
                                headers("Content-Type", type)),
                415,
                UNSUPPORTED_MEDIA_TYPE);
        expectV2Error(
                v2GridA()
                        .request(
                                "PUT",
                                BASE + "/" + id + "/responses/" + id,
                                object("requestStatus", "OPEN").toString(),
                                headers("Content-Type", type)),
                415,
                UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void jsonWithAUtf8CharsetIsJson() {
        var world = freshWorld();
        var body = anEnquiry().about(world.meter()).json().toString();
        assertThat(create(world.supplier(), body, "Content-Type", "application/json; charset=UTF-8")
                        .status())
                .isEqualTo(201);
        assertThat(create(world.supplier(), body, "Content-Type", "Application/JSON")
                        .status())
                .isEqualTo(201);
    }

    // 400 headers

    @ParameterizedTest
    @ValueSource(strings = {PARTICIPANT, ROLE, COMMODITY})
    void aMissingContextHeaderIsMissingHeader(String header) {
        var supplier = v2SupplierA();
        var id = someId();
        for (var answer : List.of(
                create(supplier, validEnquiry().toString(), header, null),
                create(supplier, validEnquiry().toString(), header, " "),
                supplier.request("GET", BASE, null, headers(header, null)),
                supplier.request("GET", BASE + "/" + id, null, headers(header, null)),
                supplier.request(
                        "PUT", BASE + "/" + id, object("requestComment", "x").toString(), headers(header, null)),
                supplier.request("GET", CHANGES, null, headers(header, null)))) {
            assertThat(expectV2Error(answer, 400, MISSING_HEADER).args()).containsExactly(header);
        }
    }

    @Test
    void anInvalidParticipantHeaderIsAnEicError() {
        var supplier = v2SupplierA();
        var check = expectV2Error(
                supplier.request("GET", BASE, null, headers(PARTICIPANT, "38X-EIN-OS-----K")),
                400,
                INVALID_EIC_CHECK_CHARACTER);
        assertThat(check.args()).containsExactly(PARTICIPANT, "38X-EIN-OS-----K", "J");
        var lowerCase = expectV2Error(
                create(supplier, validEnquiry().toString(), PARTICIPANT, "38x-ein-os-----j"), 400, INVALID_EIC_FORMAT);
        assertThat(lowerCase.where()).isEqualTo(PARTICIPANT);
        var meteringPoint = expectV2Error(
                supplier.request("GET", CHANGES, null, headers(PARTICIPANT, Party.METER_GRID_A)),
                400,
                INVALID_EIC_FORMAT);
        assertThat(meteringPoint.args()).containsExactly(PARTICIPANT, Party.METER_GRID_A, "X");
    }

    @Test
    void anUnknownRoleOrCommodityHeaderIsInvalidEnum() {
        var supplier = v2SupplierA();
        var role = expectV2Error(supplier.request("GET", BASE, null, headers(ROLE, "SUPPLIER")), 400, INVALID_ENUM);
        assertThat(role.args()).startsWith(ROLE, "SUPPLIER");
        var commodity =
                expectV2Error(create(supplier, validEnquiry().toString(), COMMODITY, "WATER"), 400, INVALID_ENUM);
        assertThat(commodity.args()).containsExactly(COMMODITY, "WATER", "ELECTRICITY or NATURAL_GAS");
        assertThat(expectV2Error(
                                supplier.request("GET", CHANGES, null, headers(ROLE, "open_supplier")),
                                400,
                                INVALID_ENUM)
                        .where())
                .as("case-sensitive")
                .isEqualTo(ROLE);
    }

    @Test
    void aWriteWithoutADocumentIdentificationIsMissingHeader() {
        var id = someId();
        for (var answer : List.of(
                create(v2SupplierA(), validEnquiry().toString(), DOCUMENT_ID, null),
                v2SupplierA()
                        .request(
                                "PUT",
                                BASE + "/" + id,
                                object("requestComment", "x").toString(),
                                headers(DOCUMENT_ID, null)),
                v2GridA()
                        .request(
                                "POST",
                                BASE + "/" + id + "/responses",
                                object("requestStatus", "OPEN").toString(),
                                headers(DOCUMENT_ID, "")),
                v2GridA()
                        .request(
                                "PUT",
                                BASE + "/" + id + "/responses/" + id,
                                object("requestStatus", "OPEN").toString(),
                                headers(DOCUMENT_ID, null)))) {
            assertThat(expectV2Error(answer, 400, MISSING_HEADER).args()).containsExactly(DOCUMENT_ID);
        }
        assertThat(v2SupplierA().list("").status()).as("a read needs none").isEqualTo(200);
    }

    @Test
    void aDocumentIdentificationThatIsNotAUuidIsInvalidUuid() {
        var error = expectV2Error(
                create(v2SupplierA(), validEnquiry().toString(), DOCUMENT_ID, "doc-0001"), 400, INVALID_UUID);
        assertThat(error.args()).containsExactly(DOCUMENT_ID, "doc-0001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-27T09:15:00", "2026-11-27", "2026-02-30T09:15:00Z"})
    void aDocumentDateTimeThatIsGivenMustBeAnIsoTimeWithAnOffset(String value) {
        var onWrite = expectV2Error(
                create(v2SupplierA(), validEnquiry().toString(), DOCUMENT_TIME, value), 400, INVALID_DATE_TIME);
        assertThat(onWrite.args()).containsExactly(DOCUMENT_TIME, value);
        var onRead = expectV2Error(
                v2SupplierA().request("GET", BASE, null, headers(DOCUMENT_TIME, value)), 400, INVALID_DATE_TIME);
        assertThat(onRead.where()).isEqualTo(DOCUMENT_TIME);
    }

    @Test
    void aDocumentDateTimeIsOptionalInV2() {
        var world = freshWorld();
        var body = anEnquiry().about(world.meter()).json().toString();
        assertThat(create(world.supplier(), body, DOCUMENT_TIME, null).status()).isEqualTo(201);
        assertThat(create(world.supplier(), body, DOCUMENT_TIME, "2023-04-01T00:00Z")
                        .status())
                .isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "W/\"1\"", "\"one\"", "\"1\", \"2\"", "\"-1\"", "'1'"})
    void anIfMatchThatIsNotOneStrongEntityTagIsInvalidValue(String ifMatch) {
        var world = freshWorld();
        var id = world.enquiry();
        var answerId = world.grid().answerId(id, "OPEN", "Looking into it");

        for (var answer : List.of(
                world.supplier().change(id, object("requestComment", "x"), headers("If-Match", ifMatch)),
                world.grid().answer(id, "OPEN", "x", headers("If-Match", ifMatch)),
                world.grid()
                        .changeAnswer(id, answerId, object("responseComment", "x"), headers("If-Match", ifMatch)))) {
            assertThat(expectV2Error(answer, 400, INVALID_VALUE).args()).startsWith("If-Match", ifMatch);
        }
        assertThat(world.supplier().get(id).header("ETag"))
                .as("nothing changed")
                .isEqualTo(tag(2));
    }

    // 400 body

    @Test
    void brokenJsonIsMalformedJson() {
        var id = someId();
        for (var answer : List.of(
                create(v2SupplierA(), "{\"meterEic\": "),
                create(v2SupplierA(), "{'single': 'quotes'}"),
                create(v2SupplierA(), validEnquiry() + " {}"),
                create(v2SupplierA(), ""),
                v2SupplierA().request("PUT", BASE + "/" + id, "{", Map.of()),
                v2GridA().request("POST", BASE + "/" + id + "/responses", "  \n", Map.of()))) {
            assertThat(expectV2Error(answer, 400, MALFORMED_JSON).where()).isEqualTo("body");
        }
        var duplicate = "{\"topic\": \"DATA\", " + validEnquiry().toString().substring(1);
        expectV2Error(create(v2SupplierA(), duplicate), 400, MALFORMED_JSON);
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformedJson() {
        var latin1 = validEnquiry()
                .put("requestComment", "Võrgutasu õigsus")
                .toString()
                .getBytes(StandardCharsets.ISO_8859_1);
        var error = expectV2Error(v2SupplierA().requestBytes("POST", BASE, latin1, Map.of()), 400, MALFORMED_JSON);
        assertThat(error.where()).isEqualTo("body");
        assertThat(error.message()).contains("UTF-8");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsInvalidValue() {
        for (var body : List.of("[]", "\"enquiry\"", "42", "null")) {
            assertThat(expectV2Error(create(v2SupplierA(), body), 400, INVALID_VALUE)
                            .where())
                    .as(body)
                    .isEqualTo("body");
        }
    }

    @Test
    void anUnknownFieldIsUnknownFieldNamingItsPath() {
        assertThat(expectV2Error(create(validEnquiry().put("colour", "blue")), 400, UNKNOWN_FIELD)
                        .where())
                .isEqualTo("colour");
        var inReference = anEnquiry().invoice("INV-1").json();
        ((ObjectNode) inReference.get("reference")).put("referenceDate", "2026-11-01");
        assertThat(expectV2Error(create(inReference), 400, UNKNOWN_FIELD).where())
                .isEqualTo("reference.referenceDate");
        var id = someId();
        assertThat(expectV2Error(v2SupplierA().change(id, object("responseComment", "x")), 400, UNKNOWN_FIELD)
                        .where())
                .isEqualTo("responseComment");
        assertThat(expectV2Error(
                                v2GridA()
                                        .request(
                                                "POST",
                                                BASE + "/" + id + "/responses",
                                                object("requestStatus", "OPEN", "comment", "x")
                                                        .toString(),
                                                Map.of()),
                                400,
                                UNKNOWN_FIELD)
                        .where())
                .isEqualTo("comment");
        assertThat(expectV2Error(create(validEnquiry().put("id", id)), 400, UNKNOWN_FIELD)
                        .where())
                .as("the hub assigns the id")
                .isEqualTo("id");
        assertThat(expectV2Error(
                                create(validEnquiry()
                                        .set(
                                                "marketParticipantContext",
                                                EnquiryJson.context(
                                                        Party.SUPPLIER_A.eic(), OPEN_SUPPLIER, ELECTRICITY))),
                                400,
                                UNKNOWN_FIELD)
                        .where())
                .as("v2's context is in its headers")
                .isEqualTo("marketParticipantContext");
    }

    @ParameterizedTest
    @ValueSource(strings = {"meterEic", "customerEic", "topic"})
    void aMissingEnquiryFieldIsRequiredField(String field) {
        var missing = validEnquiry();
        missing.remove(field);
        assertThat(expectV2Error(create(missing), 400, REQUIRED_FIELD).args()).containsExactly(field);
        var nulled = validEnquiry();
        nulled.putNull(field);
        assertThat(expectV2Error(create(nulled), 400, REQUIRED_FIELD).where())
                .as("null counts as absent")
                .isEqualTo(field);
    }

    @Test
    void theAnswersStatusAndTheReferencesPartsAreRequiredFields() {
        var id = someId();
        var noStatus = v2GridA()
                .request(
                        "POST",
                        BASE + "/" + id + "/responses",
                        object("responseComment", "Looking into it").toString(),
                        Map.of());
        assertThat(expectV2Error(noStatus, 400, REQUIRED_FIELD).where()).isEqualTo("requestStatus");
        var noValue = validEnquiry().put("topic", "INVOICE").set("reference", object("referenceType", "INVOICE"));
        assertThat(expectV2Error(create((ObjectNode) noValue), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("reference.referenceValue");
        var noType = validEnquiry().put("topic", "INVOICE").set("reference", object("referenceValue", "INV-1"));
        assertThat(expectV2Error(create((ObjectNode) noType), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("reference.referenceType");
    }

    @Test
    void aBadEicIsAFormatOrCheckCharacterErrorNamingTheField() {
        var lowerCase =
                expectV2Error(create(anEnquiry().about("38zgo-1000001u-d").json()), 400, INVALID_EIC_FORMAT);
        assertThat(lowerCase.args()).startsWith("meterEic", "38zgo-1000001u-d");
        for (var shape : List.of("38ZGO-1000001U", "38ZGO-1000001U-DD", "", "38ZGO 1000001U-D")) {
            assertThat(expectV2Error(create(anEnquiry().about(shape).json()), 400, INVALID_EIC_FORMAT)
                            .where())
                    .as("'%s'", shape)
                    .isEqualTo("meterEic");
        }
        var check =
                expectV2Error(create(anEnquiry().about("38ZGO-1000001U-E").json()), 400, INVALID_EIC_CHECK_CHARACTER);
        assertThat(check.args()).containsExactly("meterEic", "38ZGO-1000001U-E", "D");
        var customer = expectV2Error(
                create(anEnquiry().forCustomer("38X-AVP-ZW6700C7").json()), 400, INVALID_EIC_CHECK_CHARACTER);
        assertThat(customer.args()).containsExactly("customerEic", "38X-AVP-ZW6700C7", "6");
        var inChange = expectV2Error(
                v2SupplierA().change(someId(), object("receiverEic", "38X-EIN-ALL----C")),
                400,
                INVALID_EIC_CHECK_CHARACTER);
        assertThat(inChange.where()).isEqualTo("receiverEic");
    }

    @Test
    void anEicOfTheWrongTypeIsInvalidEicFormat() {
        var partyAsMeter =
                expectV2Error(create(anEnquiry().about(Party.GRID_A.eic()).json()), 400, INVALID_EIC_FORMAT);
        assertThat(partyAsMeter.args()).containsExactly("meterEic", Party.GRID_A.eic(), "Z");
        var meterAsReceiver =
                expectV2Error(create(anEnquiry().to(Party.METER_GRID_B).json()), 400, INVALID_EIC_FORMAT);
        assertThat(meterAsReceiver.args()).containsExactly("receiverEic", Party.METER_GRID_B, "X");
        assertThat(expectV2Error(
                                v2SupplierA().change(someId(), object("meterEic", Party.CUSTOMER)),
                                400,
                                INVALID_EIC_FORMAT)
                        .where())
                .isEqualTo("meterEic");
    }

    @Test
    void anUnknownEnumLiteralIsInvalidEnum() {
        var topic = expectV2Error(create(anEnquiry().with("topic", "COMPLAINT").json()), 400, INVALID_ENUM);
        assertThat(topic.args()).containsExactly("topic", "COMPLAINT", "DATA or INVOICE");
        assertThat(expectV2Error(create(anEnquiry().with("topic", "data").json()), 400, INVALID_ENUM)
                        .where())
                .as("case-sensitive")
                .isEqualTo("topic");
        assertThat(expectV2Error(
                                create(anEnquiry()
                                        .with("requestStatus", "PENDING")
                                        .json()),
                                400,
                                INVALID_ENUM)
                        .where())
                .isEqualTo("requestStatus");
        var reference = anEnquiry().invoice("INV-1").json();
        ((ObjectNode) reference.get("reference")).put("referenceType", "ORDER");
        assertThat(expectV2Error(create(reference), 400, INVALID_ENUM).where()).isEqualTo("reference.referenceType");
        var id = someId();
        assertThat(expectV2Error(v2GridA().answer(id, "DONE", "x"), 400, INVALID_ENUM)
                        .where())
                .isEqualTo("requestStatus");
        assertThat(expectV2Error(v2GridA().changeAnswer(id, id, object("requestStatus", "DONE")), 400, INVALID_ENUM)
                        .where())
                .isEqualTo("requestStatus");
        assertThat(expectV2Error(v2SupplierA().change(id, object("topic", "OTHER")), 400, INVALID_ENUM)
                        .where())
                .isEqualTo("topic");
    }

    @Test
    void aValueOfTheWrongJsonTypeIsInvalidValue() {
        assertThat(expectV2Error(create(validEnquiry().put("topic", 5)), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("topic");
        assertThat(expectV2Error(
                                create((ObjectNode) validEnquiry().set("requestComment", object("text", "x"))),
                                400,
                                INVALID_VALUE)
                        .where())
                .isEqualTo("requestComment");
        assertThat(expectV2Error(create(validEnquiry().put("reference", "INV-1")), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("reference");
    }

    @Test
    void aCommentOver4000CodePointsIsMaxLength() {
        var emoji = expectV2Error(create(anEnquiry().comment(EMOJI.repeat(4001)).json()), 400, MAX_LENGTH);
        assertThat(emoji.args()).containsExactly("requestComment", "4000");
        expectV2Error(create(anEnquiry().comment("x".repeat(4001)).json()), 400, MAX_LENGTH);
        var id = someId();
        assertThat(expectV2Error(v2GridA().answer(id, "OPEN", "y".repeat(4001)), 400, MAX_LENGTH)
                        .args())
                .containsExactly("responseComment", "4000");
        assertThat(expectV2Error(
                                v2GridA().changeAnswer(id, id, object("responseComment", EMOJI.repeat(4001))),
                                400,
                                MAX_LENGTH)
                        .where())
                .isEqualTo("responseComment");
        assertThat(expectV2Error(v2SupplierA().change(id, object("requestComment", "z".repeat(4001))), 400, MAX_LENGTH)
                        .where())
                .isEqualTo("requestComment");
    }

    @Test
    void aCommentOf4000EmojiIsAccepted() {
        var world = freshWorld();
        var comment = EMOJI.repeat(4000);
        var created = world.supplier().create(anEnquiry().about(world.meter()).comment(comment));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("requestComment").stringValue()).isEqualTo(comment);
    }

    @Test
    void aReferenceValueMustHoldOneToSixteenCharacters() {
        assertThat(expectV2Error(create(anEnquiry().invoice("INV-2026-11-00001").json()), 400, MAX_LENGTH)
                        .args())
                .containsExactly("reference.referenceValue", "16");
        assertThat(expectV2Error(create(anEnquiry().invoice("").json()), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("reference.referenceValue");
        var world = freshWorld();
        assertThat(world.supplier()
                        .create(anEnquiry().about(world.meter()).invoice("INV-2026-11-0001"))
                        .status())
                .as("sixteen")
                .isEqualTo(201);
    }

    @Test
    void aChangeThatSetsNothingIsInvalidValue() {
        var id = someId();
        assertThat(expectV2Error(v2SupplierA().change(id, object()), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("body");
        var onlyNulls = object(
                "meterEic",
                null,
                "customerEic",
                null,
                "topic",
                null,
                "reference",
                null,
                "requestStatus",
                null,
                "requestComment",
                null,
                "receiverEic",
                null);
        expectV2Error(v2SupplierA().change(id, onlyNulls), 400, INVALID_VALUE);
        assertThat(expectV2Error(v2GridA().changeAnswer(id, id, object()), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("body");
        expectV2Error(
                v2GridA().changeAnswer(id, id, object("requestStatus", null, "responseComment", null)),
                400,
                INVALID_VALUE);
    }

    @Test
    void aPathIdThatIsNotAUuidIsInvalidUuid() {
        var id = someId();
        var read = expectV2Error(v2SupplierA().get("not-a-uuid"), 400, INVALID_UUID);
        assertThat(read.args()).containsExactly("id", "not-a-uuid");
        assertThat(expectV2Error(v2SupplierA().change("12345", object("requestComment", "x")), 400, INVALID_UUID)
                        .where())
                .isEqualTo("id");
        assertThat(expectV2Error(v2GridA().answer("a4b1f0c2-5d3e-4f6a-8b7c", "OPEN", "x"), 400, INVALID_UUID)
                        .where())
                .isEqualTo("id");
        var answer = expectV2Error(
                v2GridA().changeAnswer(id, "not-an-id", object("responseComment", "x")), 400, INVALID_UUID);
        assertThat(answer.args()).containsExactly("responseId", "not-an-id");
    }

    // 403

    @Test
    void aContextNamingAnotherParticipantThanTheTokensIsUnprocessableContext() {
        var asSupplierB = headers(PARTICIPANT, Party.SUPPLIER_B.eic());
        var error = expectV2Error(v2SupplierA().create(validEnquiry(), asSupplierB), 403, UNPROCESSABLE_CONTEXT);
        assertThat(error.args()).containsExactly(PARTICIPANT, Party.SUPPLIER_B.eic());
        expectV2Error(v2SupplierA().request("GET", BASE, null, asSupplierB), 403, UNPROCESSABLE_CONTEXT);
        expectV2Error(v2SupplierA().request("GET", CHANGES, null, asSupplierB), 403, UNPROCESSABLE_CONTEXT);
        expectV2Error(v2SupplierA().get(someId(), asSupplierB), 403, UNPROCESSABLE_CONTEXT);
        expectV2Error(
                hub.v2(Party.HUB_OPERATOR, OPEN_SUPPLIER, ELECTRICITY)
                        .request("GET", BASE, null, headers(PARTICIPANT, Party.SUPPLIER_A.eic())),
                403,
                UNPROCESSABLE_CONTEXT);
    }

    @Test
    void aRoleTheParticipantDoesNotHoldIsUnprocessableContext() {
        var supplierAsGrid = hub.v2(Party.SUPPLIER_A, GRID_OPERATOR, ELECTRICITY);
        var error = expectV2Error(supplierAsGrid.list(""), 403, UNPROCESSABLE_CONTEXT);
        assertThat(error.args()).containsExactly(ROLE, GRID_OPERATOR);
        expectV2Error(supplierAsGrid.answer(someId(), "OPEN", "x"), 403, UNPROCESSABLE_CONTEXT);
    }

    @Test
    void aCommodityTheParticipantDoesNotTradeIsCommodityTypeMismatch() {
        var supplierInGas = hub.v2(Party.SUPPLIER_A, OPEN_SUPPLIER, "NATURAL_GAS");
        var error = expectV2Error(
                supplierInGas.create(anEnquiry().about(Party.METER_GRID_B_GAS)), 403, COMMODITY_TYPE_MISMATCH);
        assertThat(error.args()).containsExactly(COMMODITY, "NATURAL_GAS");
        expectV2Error(supplierInGas.changes(null, null, null), 403, COMMODITY_TYPE_MISMATCH);
        expectV2Error(supplierInGas.list(""), 403, COMMODITY_TYPE_MISMATCH);
    }

    @Test
    void aMessageOfAnotherRoleIsIncorrectRole() {
        var id = someId();
        var answering = expectV2Error(v2SupplierA().answer(id, "CLOSE", "x"), 403, INCORRECT_ROLE);
        assertThat(answering.args())
                .containsExactly(ROLE, OPEN_SUPPLIER, "CLOSED_DISTRIBUTION_NETWORK or GRID_OPERATOR");
        expectV2Error(v2SupplierA().changeAnswer(id, id, object("responseComment", "x")), 403, INCORRECT_ROLE);

        var grid = hub.v2(Party.GRID_B, GRID_OPERATOR, ELECTRICITY);
        var creating = expectV2Error(grid.create(anEnquiry().about(Party.METER_GRID_B)), 403, INCORRECT_ROLE);
        assertThat(creating.args()).containsExactly(ROLE, GRID_OPERATOR, OPEN_SUPPLIER);
        expectV2Error(grid.change(id, object("requestStatus", "CANCEL")), 403, INCORRECT_ROLE);
        expectV2Error(
                hub.v2(Party.CDN, "CLOSED_DISTRIBUTION_NETWORK", ELECTRICITY)
                        .change(id, object("requestStatus", "CLOSE")),
                403,
                INCORRECT_ROLE);

        var aggregator = freshActor("AGGREGATOR", ELECTRICITY);
        for (var answer : List.of(
                aggregator.list(""),
                aggregator.get(id),
                aggregator.changes(null, null, null),
                aggregator.create(anEnquiry()))) {
            assertThat(expectV2Error(answer, 403, INCORRECT_ROLE).where()).isEqualTo(ROLE);
        }
    }

    @Test
    void aTechnicalUserWithoutEditorCannotWriteButMayRead() {
        var world = freshWorld();
        var id = world.enquiry();
        var answerId = world.grid().answerId(id, "OPEN", "Looking into it");
        var supplierViewer = hub.v2(
                hub.technicalUser(world.supplier().party(), "VIEWER_DIRECT_MESSAGE"), OPEN_SUPPLIER, ELECTRICITY);
        var gridViewer =
                hub.v2(hub.technicalUser(world.grid().party(), "VIEWER_DIRECT_MESSAGE"), GRID_OPERATOR, ELECTRICITY);

        var create =
                expectV2Error(supplierViewer.create(anEnquiry().about(world.meter())), 403, INSUFFICIENT_PERMISSION);
        assertThat(create.args()).containsExactly("permission", "EDITOR_DIRECT_MESSAGE");
        expectV2Error(supplierViewer.change(id, object("requestStatus", "CANCEL")), 403, INSUFFICIENT_PERMISSION);
        expectV2Error(gridViewer.answer(id, "CLOSE", "x"), 403, INSUFFICIENT_PERMISSION);
        expectV2Error(
                gridViewer.changeAnswer(id, answerId, object("requestStatus", "CLOSE")), 403, INSUFFICIENT_PERMISSION);
        expectV2Error(supplierViewer.change(someId(), object("requestStatus", "CANCEL")), 403, INSUFFICIENT_PERMISSION);

        assertThat(supplierViewer.get(id).header("ETag"))
                .as("a viewer reads; nothing changed")
                .isEqualTo(tag(2));
        assertThat(supplierViewer.listIds("")).containsExactly(id);
        assertThat(gridViewer.changes(null, null, null).status()).isEqualTo(200);
    }

    @Test
    void aTechnicalUserWithoutAnyEnquiryPermissionCannotRead() throws InterruptedException {
        var world = freshWorld();
        var id = world.enquiry();
        var user = hub.technicalUser(world.supplier().party(), "VIEWER_DIRECT_MESSAGE");
        var reader = hub.v2(user, OPEN_SUPPLIER, ELECTRICITY);
        assertThat(reader.get(id).status()).isEqualTo(200);
        // No API grants a technical user nothing; the register can hold one (its permissions taken away by hand,
        // announced as every register change is, so that the hub's register cache forgets what it held).
        jdbc.sql("update technical_user set permissions = '{}' where client_id = ?")
                .param(user.clientId())
                .update();
        jdbc.sql("select pg_notify('register_changed', '')").query().singleRow();
        for (int i = 0; i < 100 && reader.get(id).status() == 200; i++) {
            Thread.sleep(100);
        }

        for (var answer : List.of(reader.get(id), reader.list(""), reader.changes(null, null, null))) {
            var error = expectV2Error(answer, 403, INSUFFICIENT_PERMISSION);
            assertThat(error.args()).containsExactly("permission", "VIEWER_DIRECT_MESSAGE");
        }
    }

    // 404

    @Test
    void anUnknownEnquiryIsNotFound() {
        var unknown = someId();
        var read = expectV2Error(v2SupplierA().get(unknown), 404, NOT_FOUND);
        assertThat(read.args()).containsExactly("id", unknown);
        var world = freshWorld();
        expectV2Error(world.supplier().change(unknown, object("requestComment", "x")), 404, NOT_FOUND);
        expectV2Error(world.grid().answer(unknown, "OPEN", "?"), 404, NOT_FOUND);
    }

    @Test
    void anotherSuppliersEnquiryIsAnsweredExactlyLikeAnUnknownOne() {
        var world = freshWorld();
        var id = world.enquiry();
        var unknown = someId();
        var otherSupplier = freshActor(OPEN_SUPPLIER, ELECTRICITY);

        assertIndistinguishable(otherSupplier.get(id), id, otherSupplier.get(unknown), unknown);
        assertIndistinguishable(
                otherSupplier.change(id, object("requestComment", "Mine now")),
                id,
                otherSupplier.change(unknown, object("requestComment", "Mine now")),
                unknown);
        assertThat(otherSupplier.get(id, headers("If-None-Match", tag(1))).status())
                .as("no 304 either")
                .isEqualTo(404);
        assertThat(world.supplier().read(id).get("version").longValue()).isEqualTo(1);
    }

    @Test
    void anotherGridOperatorsEnquiryIsAnsweredExactlyLikeAnUnknownOne() {
        var world = freshWorld();
        var id = world.enquiry();
        var unknown = someId();
        var otherGrid = freshActor(GRID_OPERATOR, ELECTRICITY);

        assertIndistinguishable(otherGrid.get(id), id, otherGrid.get(unknown), unknown);
        assertIndistinguishable(
                otherGrid.answer(id, "CLOSE", "Not ours"), id, otherGrid.answer(unknown, "CLOSE", "Not ours"), unknown);
    }

    @Test
    void anEnquiryOfTheOtherCommodityIsNotFound() {
        var grid = hub.registerParty(List.of(GRID_OPERATOR), List.of(ELECTRICITY, "NATURAL_GAS"));
        var supplier = hub.registerParty(List.of(OPEN_SUPPLIER), List.of(ELECTRICITY, "NATURAL_GAS"));
        var id = hub.v2(supplier, OPEN_SUPPLIER, ELECTRICITY)
                .send(anEnquiry().about(hub.registerMeteringPoint(grid, ELECTRICITY)))
                .get("id")
                .stringValue();

        expectV2Error(hub.v2(supplier, OPEN_SUPPLIER, "NATURAL_GAS").get(id), 404, NOT_FOUND);
        expectV2Error(hub.v2(grid, GRID_OPERATOR, "NATURAL_GAS").answer(id, "OPEN", "?"), 404, NOT_FOUND);
    }

    @Test
    void anUnknownAnswerIsResponseNotFound() {
        var world = freshWorld();
        var id = world.enquiry();
        var unknown = someId();
        var error = expectV2Error(
                world.grid().changeAnswer(id, unknown, object("responseComment", "x")), 404, RESPONSE_NOT_FOUND);
        assertThat(error.args()).containsExactly("responseId", unknown);
        expectV2Error(world.grid().changeAnswer(id, id, object("responseComment", "x")), 404, RESPONSE_NOT_FOUND);
    }

    @Test
    void anAnswerUnderAnotherEnquirysPathIsResponseNotFound() {
        var world = freshWorld();
        var answered = world.enquiry();
        var other = world.enquiry();
        var answerId = world.grid().answerId(answered, "OPEN", "Looking into it");

        expectV2Error(
                world.grid().changeAnswer(other, answerId, object("responseComment", "Moved")),
                404,
                RESPONSE_NOT_FOUND);
        assertThat(world.grid()
                        .changeAnswer(answered, answerId, object("responseComment", "Moved"))
                        .status())
                .as("under its own enquiry")
                .isEqualTo(200);
    }

    @Test
    void anotherGridOperatorsAnswerIsResponseNotFound() {
        var world = freshWorld();
        var id = world.enquiry();
        var answerId = world.grid().answerId(id, "OPEN", "Looking into it");
        expectV2Error(
                freshActor(GRID_OPERATOR, ELECTRICITY).changeAnswer(id, answerId, object("requestStatus", "CLOSE")),
                404,
                RESPONSE_NOT_FOUND);
    }

    // 409

    @Test
    void theSameDocumentIdWithAnotherBodyIsAConflict() {
        var world = freshWorld();
        var documentId = someId();
        assertThat(world.supplier()
                        .create(anEnquiry().about(world.meter()).json(), headers(DOCUMENT_ID, documentId))
                        .status())
                .isEqualTo(201);

        var error = expectV2Error(
                world.supplier()
                        .create(
                                anEnquiry()
                                        .about(world.meter())
                                        .comment("Another question")
                                        .json(),
                                headers(DOCUMENT_ID, documentId)),
                409,
                DOCUMENT_ID_CONFLICT);
        assertThat(error.args()).containsExactly(DOCUMENT_ID, documentId);
        assertThat(world.grid().listIds("")).as("the conflict created nothing").hasSize(1);
    }

    @Test
    void theSameDocumentIdOnAnotherPathOrMessageIsAConflict() {
        var world = freshWorld();
        var one = world.enquiry();
        var two = world.enquiry();
        var documentId = someId();
        var change = object("requestComment", "More detail");
        assertThat(world.supplier()
                        .change(one, change, headers(DOCUMENT_ID, documentId))
                        .status())
                .isEqualTo(200);

        expectV2Error(
                world.supplier().change(two, change, headers(DOCUMENT_ID, documentId)), 409, DOCUMENT_ID_CONFLICT);
        expectV2Error(
                world.supplier().create(anEnquiry().about(world.meter()).json(), headers(DOCUMENT_ID, documentId)),
                409,
                DOCUMENT_ID_CONFLICT);
        assertThat(world.supplier().read(two).get("version").longValue())
                .as("nothing changed")
                .isEqualTo(1);
        assertThat(world.grid().listIds("")).hasSize(2);
    }

    @Test
    void documentIdsAreTheirSendersOwn() {
        var documentId = someId();
        var one = freshWorld();
        var two = freshWorld();
        assertThat(one.supplier()
                        .create(anEnquiry().about(one.meter()).json(), headers(DOCUMENT_ID, documentId))
                        .status())
                .isEqualTo(201);
        assertThat(two.supplier()
                        .create(anEnquiry().about(two.meter()).json(), headers(DOCUMENT_ID, documentId))
                        .status())
                .as("another participant's id is no conflict")
                .isEqualTo(201);
    }

    // 412

    @Test
    void aStaleIfMatchIsVersionConflictAndChangesNothing() {
        var world = freshWorld();
        var gridStart = world.grid().follow(null).cursor();
        var supplierStart = world.supplier().follow(null).cursor();
        var id = world.enquiry();
        var answerId = world.grid().answerId(id, "OPEN", "Looking into it");

        var change = expectV2Error(
                world.supplier().change(id, object("requestComment", "Stale"), headers("If-Match", tag(1))),
                412,
                VERSION_CONFLICT);
        assertThat(change.args()).containsExactly("If-Match", tag(1), tag(2));
        expectV2Error(world.grid().answer(id, "CLOSE", "Stale", headers("If-Match", tag(1))), 412, VERSION_CONFLICT);
        expectV2Error(
                world.grid().changeAnswer(id, answerId, object("requestStatus", "CLOSE"), headers("If-Match", tag(3))),
                412,
                VERSION_CONFLICT);

        var enquiry = world.supplier().read(id);
        assertThat(enquiry.get("version").longValue()).isEqualTo(2);
        assertThat(enquiry.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(enquiry.get("responses")).hasSize(1);
        // A real write on each side after the refused ones: once it is in the feed, anything before it would be too.
        world.supplier().change(id, object("requestComment", "Fresh"));
        world.grid().changeAnswer(id, answerId, object("responseComment", "Fresh"));
        assertThat(world.grid().follow(gridStart, 2).changes())
                .as("no change for refused writes")
                .extracting(c -> c.get("enquiry").get("version").longValue())
                .containsExactly(1L, 3L);
        assertThat(world.supplier().follow(supplierStart, 2).changes())
                .extracting(c -> c.get("enquiry").get("version").longValue())
                .containsExactly(2L, 4L);
    }

    @Test
    void versionConflictIsCheckedAfterNotFoundAndBeforeTheBusinessRules() {
        var world = freshWorld();
        var closed = world.enquiry();
        var answerId = world.grid().answerId(closed, "CLOSE", "Done");

        expectV2Error(
                world.supplier().change(closed, object("requestComment", "x"), headers("If-Match", tag(1))),
                412,
                VERSION_CONFLICT);
        expectV2Error(world.grid().answer(closed, "OPEN", "x", headers("If-Match", tag(1))), 412, VERSION_CONFLICT);
        expectV2Error(
                world.grid()
                        .changeAnswer(closed, answerId, object("responseComment", "x"), headers("If-Match", tag(1))),
                412,
                VERSION_CONFLICT);
        expectV2Error(
                world.supplier().change(closed, object("requestComment", "x"), headers("If-Match", tag(2))),
                422,
                PROCESS_TERMINATED);
        expectV2Error(
                world.supplier().change(someId(), object("requestComment", "x"), headers("If-Match", tag(1))),
                404,
                NOT_FOUND);
        expectV2Error(
                freshActor(OPEN_SUPPLIER, ELECTRICITY)
                        .change(closed, object("requestComment", "x"), headers("If-Match", tag(7))),
                404,
                NOT_FOUND);
    }

    // 422

    @Test
    void everyWriteToAClosedOrCancelledEnquiryIsProcessTerminated() {
        var world = freshWorld();
        var cancelled = world.enquiry();
        var answerId = world.grid().answerId(cancelled, "OPEN", "Looking into it");
        assertThat(world.supplier()
                        .change(cancelled, object("requestStatus", "CANCEL"))
                        .status())
                .isEqualTo(200);
        var closed = world.enquiry();
        var finalId = world.grid().answerId(closed, "CLOSE", "The fee is right");

        var error = expectV2Error(
                world.supplier().change(cancelled, object("requestComment", "Never mind")), 422, PROCESS_TERMINATED);
        assertThat(error.args()).containsExactly("id", cancelled, "CANCEL");
        expectV2Error(world.supplier().change(cancelled, object("requestStatus", "CANCEL")), 422, PROCESS_TERMINATED);
        expectV2Error(world.grid().answer(cancelled, "CLOSE", "Done"), 422, PROCESS_TERMINATED);
        expectV2Error(
                world.grid().changeAnswer(cancelled, answerId, object("responseComment", "Done")),
                422,
                PROCESS_TERMINATED);
        assertThat(expectV2Error(
                                world.supplier().change(closed, object("requestStatus", "CANCEL")),
                                422,
                                PROCESS_TERMINATED)
                        .args())
                .containsExactly("id", closed, "CLOSE");
        expectV2Error(world.grid().answer(closed, "OPEN", "Too late"), 422, PROCESS_TERMINATED);
        expectV2Error(
                world.grid().changeAnswer(closed, finalId, object("responseComment", "The fee is wrong")),
                422,
                PROCESS_TERMINATED);
    }

    @Test
    void processTerminatedTakesPrecedenceOverEveryOtherRule() {
        var world = freshWorld();
        var cancelled = world.enquiry();
        var answerId = world.grid().answerId(cancelled, "OPEN", "Looking into it");
        assertThat(world.supplier()
                        .change(cancelled, object("requestStatus", "CANCEL"))
                        .status())
                .isEqualTo(200);

        expectV2Error(world.supplier().change(cancelled, object("topic", "INVOICE")), 422, PROCESS_TERMINATED);
        expectV2Error(
                world.supplier().change(cancelled, object("meterEic", Eics.meteringPoint())), 422, PROCESS_TERMINATED);
        expectV2Error(
                world.supplier().change(cancelled, object("receiverEic", Party.SUPPLIER_B.eic())),
                422,
                PROCESS_TERMINATED);
        expectV2Error(world.grid().answer(cancelled, "CANCEL", "Cancelling back"), 422, PROCESS_TERMINATED);
        expectV2Error(
                world.grid().changeAnswer(cancelled, answerId, object("requestStatus", "CANCEL")),
                422,
                PROCESS_TERMINATED);
    }

    @Test
    void aStatusThatIsNotAllowedHereIsInvalidStatusTransition() {
        var world = freshWorld();
        for (var status : List.of("CLOSE", "CANCEL")) {
            var error = expectV2Error(
                    world.supplier().create(anEnquiry().about(world.meter()).with("requestStatus", status)),
                    422,
                    INVALID_STATUS_TRANSITION);
            assertThat(error.args()).containsExactly("requestStatus", status, "OPEN");
        }
        assertThat(world.grid().listIds("")).as("nothing was created").isEmpty();
        var id = world.enquiry();
        var answer = expectV2Error(world.grid().answer(id, "CANCEL", "We cancel it"), 422, INVALID_STATUS_TRANSITION);
        assertThat(answer.args()).containsExactly("requestStatus", "CANCEL", "OPEN or CLOSE");
        var answerId = world.grid().answerId(id, "OPEN", "Looking into it");
        assertThat(expectV2Error(
                                world.grid().changeAnswer(id, answerId, object("requestStatus", "CANCEL")),
                                422,
                                INVALID_STATUS_TRANSITION)
                        .where())
                .isEqualTo("requestStatus");
    }

    @Test
    void aReceiverThatCannotBeResolvedIsRefused() {
        var world = freshWorld();
        var unknownMeter = Eics.meteringPoint();
        assertThat(expectV2Error(
                                world.supplier().create(anEnquiry().about(unknownMeter)),
                                422,
                                RECEIVER_CANNOT_BE_RESOLVED)
                        .args())
                .containsExactly("meterEic", unknownMeter);
        expectV2Error(
                world.supplier().create(anEnquiry().about(Party.METER_GRID_B_GAS)), 422, RECEIVER_CANNOT_BE_RESOLVED);
        assertThat(expectV2Error(
                                world.supplier()
                                        .create(anEnquiry().about(world.meter()).to(Party.SUPPLIER_B.eic())),
                                422,
                                RECEIVER_CANNOT_BE_RESOLVED)
                        .args())
                .containsExactly("receiverEic", Party.SUPPLIER_B.eic());
        var gasGrid = hub.registerParty(List.of(GRID_OPERATOR), List.of("NATURAL_GAS"));
        expectV2Error(
                world.supplier().create(anEnquiry().about(world.meter()).to(gasGrid.eic())),
                422,
                RECEIVER_CANNOT_BE_RESOLVED);

        var id = world.enquiry();
        assertThat(expectV2Error(
                                world.supplier().change(id, object("meterEic", Eics.meteringPoint())),
                                422,
                                RECEIVER_CANNOT_BE_RESOLVED)
                        .where())
                .isEqualTo("meterEic");
        assertThat(expectV2Error(
                                world.supplier().change(id, object("receiverEic", Party.SUPPLIER_A.eic())),
                                422,
                                RECEIVER_CANNOT_BE_RESOLVED)
                        .where())
                .isEqualTo("receiverEic");
        assertThat(world.supplier()
                        .create(anEnquiry()
                                .about(Eics.meteringPoint())
                                .to(world.grid().party().eic()))
                        .status())
                .as("a given receiver is taken as given")
                .isEqualTo(201);
    }

    @Test
    void anInvoiceEnquiryWithoutAReferenceIsReferenceRequired() {
        var world = freshWorld();
        assertThat(expectV2Error(
                                world.supplier()
                                        .create(anEnquiry().about(world.meter()).with("topic", "INVOICE")),
                                422,
                                REFERENCE_REQUIRED)
                        .where())
                .isEqualTo("reference");
        var id = world.enquiry();
        assertThat(expectV2Error(world.supplier().change(id, object("topic", "INVOICE")), 422, REFERENCE_REQUIRED)
                        .where())
                .isEqualTo("reference");
    }

    @Test
    void changingTheMeteringPointOrReceiverAfterAnAnswerIsRefused() {
        var world = freshWorld();
        var id = world.enquiry();
        world.grid().answerId(id, "OPEN", "Looking into it");
        var otherMeter = hub.registerMeteringPoint(world.grid().party(), ELECTRICITY);

        assertThat(expectV2Error(
                                world.supplier().change(id, object("meterEic", otherMeter)),
                                422,
                                METER_CHANGE_AFTER_RESPONSE)
                        .where())
                .isEqualTo("meterEic");
        assertThat(expectV2Error(
                                world.supplier().change(id, object("receiverEic", Party.CDN.eic())),
                                422,
                                METER_CHANGE_AFTER_RESPONSE)
                        .where())
                .isEqualTo("receiverEic");
    }

    @Test
    void aCursorOlderThanTheRetentionIsChangePeriodBeyondRetention() {
        var world = freshWorld();
        world.enquiry();
        var grid = world.grid();
        assertThat(grid.changes(null, null, null).status()).isEqualTo(200);
        var recent = FeedCursors.issue(
                jdbc,
                grid.party().eic(),
                Side.RECEIVER,
                ELECTRICITY,
                0,
                Instant.now().minusSeconds(60));
        assertThat(grid.changes(recent, null, 10).json().get("content"))
                .as("the hub's own cursor format")
                .hasSize(1);

        var old = FeedCursors.issue(
                jdbc,
                grid.party().eic(),
                Side.RECEIVER,
                ELECTRICITY,
                0,
                Instant.now().minus(91, ChronoUnit.DAYS));
        var error = expectV2Error(grid.changes(old, null, null), 422, CHANGE_PERIOD_BEYOND_RETENTION);
        assertThat(error.where()).isEqualTo("after");
    }

    // cursors and query parameters

    @Test
    void aCursorTheHubDidNotIssueIsInvalidValue() {
        var grid = v2GridA();
        var issued = grid.changes(null, 1, null).json().get("nextCursor").stringValue();
        var bytes = Base64.getUrlDecoder().decode(issued);
        bytes[3] ^= 1;
        var tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var random = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes());
        for (var cursor : List.of("garbage", "12345", tampered, random, issued + "A", "%25%25")) {
            var error = expectV2Error(grid.changes(cursor, null, null), 400, INVALID_VALUE);
            assertThat(error.where()).as(cursor).isEqualTo("after");
        }
    }

    @Test
    void aCursorOfAnotherParticipantsStreamIsInvalidValue() {
        var world = freshWorld();
        world.enquiry();
        var gridCursor = world.grid().follow(null).cursor();
        var otherGrid = freshActor(GRID_OPERATOR, ELECTRICITY);

        assertThat(expectV2Error(otherGrid.changes(gridCursor, null, null), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("after");
        assertThat(expectV2Error(world.supplier().changes(gridCursor, null, null), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("after");
        var asGrid = v2GridA();
        var asSupplier = asGrid.actingAs(OPEN_SUPPLIER, ELECTRICITY);
        var ofTheGridSide =
                asGrid.changes(null, 1, null).json().get("nextCursor").stringValue();
        assertThat(expectV2Error(asSupplier.changes(ofTheGridSide, null, null), 400, INVALID_VALUE)
                        .where())
                .as("the same participant's other side")
                .isEqualTo("after");
        assertThat(asGrid.changes(ofTheGridSide, 1, null).status()).isEqualTo(200);
    }

    @Test
    void anUnknownQueryParameterIsUnknownField() {
        var supplier = v2SupplierA();
        for (var query : List.of("pageSize=10", "status2=OPEN", "requestStatus=OPEN", "Q=fee")) {
            var name = query.substring(0, query.indexOf('='));
            assertThat(expectV2Error(supplier.list(query), 400, UNKNOWN_FIELD).args())
                    .as(query)
                    .containsExactly(name);
        }
        var changes =
                expectV2Error(supplier.request("GET", CHANGES + "?cursor=abc", null, Map.of()), 400, UNKNOWN_FIELD);
        assertThat(changes.where()).isEqualTo("cursor");
    }

    @Test
    void aParameterGivenTwiceIsInvalidValue() {
        var supplier = v2SupplierA();
        assertThat(expectV2Error(supplier.list("topic=DATA&topic=INVOICE"), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("topic");
        assertThat(expectV2Error(
                                supplier.request("GET", CHANGES + "?limit=1&limit=1", null, Map.of()),
                                400,
                                INVALID_VALUE)
                        .where())
                .isEqualTo("limit");
    }

    @Test
    void aPageSizeOver500IsPageSizeTooLargeAndOtherPagingValuesOutOfRangeAreInvalidValue() {
        var supplier = v2SupplierA();
        assertThat(expectV2Error(supplier.list("size=501"), 400, PAGE_SIZE_TOO_LARGE)
                        .args())
                .containsExactly("size", "501", "500");
        for (var query : List.of("size=0", "size=-1", "size=abc", "size=1.5", "size=", "size=99999999999")) {
            assertThat(expectV2Error(supplier.list(query), 400, INVALID_VALUE).where())
                    .as(query)
                    .isEqualTo("size");
        }
        for (var query : List.of("page=-1", "page=x", "page=1e3")) {
            assertThat(expectV2Error(supplier.list(query), 400, INVALID_VALUE).where())
                    .as(query)
                    .isEqualTo("page");
        }
        assertThat(supplier.list("size=500&page=0").status()).isEqualTo(200);
    }

    @Test
    void aLimitOver500IsPageSizeTooLargeAndOtherLimitsOrWaitsOutOfRangeAreInvalidValue() {
        var grid = v2GridA();
        assertThat(expectV2Error(grid.changes(null, 501, null), 400, PAGE_SIZE_TOO_LARGE)
                        .args())
                .containsExactly("limit", "501", "500");
        for (var limit : List.of(0, -1)) {
            assertThat(expectV2Error(grid.changes(null, limit, null), 400, INVALID_VALUE)
                            .where())
                    .as("limit %d", limit)
                    .isEqualTo("limit");
        }
        for (var wait : List.of(-1, 31)) {
            assertThat(expectV2Error(grid.changes(null, null, wait), 400, INVALID_VALUE)
                            .where())
                    .as("wait %d", wait)
                    .isEqualTo("wait");
        }
        assertThat(expectV2Error(grid.request("GET", CHANGES + "?wait=soon", null, Map.of()), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("wait");
        assertThat(grid.changes(null, 500, 0).status()).isEqualTo(200);
    }

    @Test
    void anUnknownSortIsInvalidValue() {
        for (var sort : List.of("createdAt", "updatedAt,desc", "createdAt,DESC", "createdAt,up")) {
            assertThat(expectV2Error(v2SupplierA().list("sort=" + sort), 400, INVALID_VALUE)
                            .where())
                    .as(sort)
                    .isEqualTo("sort");
        }
    }

    @Test
    void badFilterValuesAreRefusedNamingTheParameter() {
        var supplier = v2SupplierA();
        var now = Instant.now();
        assertThat(expectV2Error(
                                supplier.list("createdFrom=" + now + "&createdTo=" + now.minusSeconds(1)),
                                400,
                                INVALID_VALUE)
                        .where())
                .isEqualTo("createdTo");
        assertThat(expectV2Error(supplier.list("createdFrom=yesterday"), 400, INVALID_DATE_TIME)
                        .args())
                .containsExactly("createdFrom", "yesterday");
        assertThat(expectV2Error(supplier.list("createdTo=2026-11-27"), 400, INVALID_DATE_TIME)
                        .where())
                .isEqualTo("createdTo");
        assertThat(expectV2Error(supplier.list("meterEic=38zgo-1000001u-d"), 400, INVALID_EIC_FORMAT)
                        .where())
                .isEqualTo("meterEic");
        assertThat(expectV2Error(supplier.list("receiverEic=" + Party.METER_GRID_A), 400, INVALID_EIC_FORMAT)
                        .where())
                .isEqualTo("receiverEic");
        assertThat(expectV2Error(supplier.list("customerEic=38X-AVP-ZW6700C7"), 400, INVALID_EIC_CHECK_CHARACTER)
                        .where())
                .isEqualTo("customerEic");
        assertThat(expectV2Error(supplier.list("topic=COMPLAINT"), 400, INVALID_ENUM)
                        .where())
                .isEqualTo("topic");
        assertThat(expectV2Error(supplier.list("status=PENDING"), 400, INVALID_ENUM)
                        .where())
                .isEqualTo("status");
        assertThat(expectV2Error(supplier.list("referenceValue=INV-2026-11-00001"), 400, MAX_LENGTH)
                        .where())
                .isEqualTo("referenceValue");
        assertThat(expectV2Error(supplier.list("q=" + "x".repeat(201)), 400, MAX_LENGTH)
                        .where())
                .isEqualTo("q");
        assertThat(expectV2Error(supplier.list("q=a%00b"), 400, INVALID_VALUE).where())
                .isEqualTo("q");
    }

    // the order of checks

    @Test
    void noTokenComesBeforeEverythingElse() {
        var body = "{" + " ".repeat(ONE_MIB + 1);
        expectV2Error(
                create(
                        v2SupplierA(),
                        body,
                        "Authorization",
                        null,
                        "Content-Type",
                        "text/plain",
                        DOCUMENT_ID,
                        null,
                        ROLE,
                        null),
                401,
                AUTHENTICATION);
    }

    @Test
    void tooLargeComesBeforeNotJsonAndNotJsonBeforeTheHeaders() {
        var body = validEnquiry().toString();
        expectV2Error(
                create(v2SupplierA(), body + " ".repeat(ONE_MIB), "Content-Type", "text/plain", ROLE, null),
                413,
                PAYLOAD_TOO_LARGE);
        expectV2Error(
                create(v2SupplierA(), body, "Content-Type", "text/plain", ROLE, null, DOCUMENT_ID, null),
                415,
                UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aHeaderFaultComesBeforeABodyFault() {
        var error = expectV2Error(create(v2SupplierA(), "{\"broken\": ", ROLE, null), 400, MISSING_HEADER);
        assertThat(error.where()).isEqualTo(ROLE);
        assertThat(expectV2Error(create(v2SupplierA(), "{\"colour\": 1}", DOCUMENT_ID, "doc-1"), 400, INVALID_UUID)
                        .where())
                .isEqualTo(DOCUMENT_ID);
        assertThat(expectV2Error(
                                v2SupplierA().change(someId(), object(), headers("If-Match", "W/\"1\"")),
                                400,
                                INVALID_VALUE)
                        .where())
                .isEqualTo("If-Match");
    }

    @Test
    void aHeaderFaultComesBeforeAConflictAndAConflictBeforeABodyFault() {
        var world = freshWorld();
        var documentId = someId();
        world.supplier().create(anEnquiry().about(world.meter()).json(), headers(DOCUMENT_ID, documentId));

        expectV2Error(
                create(
                        world.supplier(),
                        anEnquiry().comment("other").json().toString(),
                        DOCUMENT_ID,
                        documentId,
                        DOCUMENT_TIME,
                        "now"),
                400,
                INVALID_DATE_TIME);
        expectV2Error(create(world.supplier(), "{\"broken\": ", DOCUMENT_ID, documentId), 409, DOCUMENT_ID_CONFLICT);
        expectV2Error(create(world.supplier(), "{\"colour\": 1}", DOCUMENT_ID, documentId), 409, DOCUMENT_ID_CONFLICT);
    }

    @Test
    void aBodyFaultComesBeforeARefusedContext() {
        var asSupplierB = new String[] {PARTICIPANT, Party.SUPPLIER_B.eic()};
        var missing = validEnquiry();
        missing.remove("customerEic");
        expectV2Error(create(v2SupplierA(), missing.toString(), asSupplierB), 400, REQUIRED_FIELD);
        expectV2Error(create(v2SupplierA(), "{\"colour\": 1}", asSupplierB), 400, UNKNOWN_FIELD);
        expectV2Error(v2SupplierA().change(someId(), object(), headers(asSupplierB)), 400, INVALID_VALUE);
        expectV2Error(
                hub.v2(Party.SUPPLIER_A, GRID_OPERATOR, ELECTRICITY).answer(someId(), "LATER", "x"), 400, INVALID_ENUM);
        expectV2Error(v2SupplierA().answer(someId(), null, "x"), 400, REQUIRED_FIELD);
    }

    @Test
    void aPathOrQueryFaultComesBeforeARefusedContext() {
        var asSupplierB = headers(PARTICIPANT, Party.SUPPLIER_B.eic());
        expectV2Error(v2SupplierA().get("not-a-uuid", asSupplierB), 400, INVALID_UUID);
        expectV2Error(
                v2SupplierA().change("not-a-uuid", object("requestComment", "x"), asSupplierB), 400, INVALID_UUID);
        expectV2Error(v2SupplierA().request("GET", BASE + "?colour=blue", null, asSupplierB), 400, UNKNOWN_FIELD);
        expectV2Error(v2SupplierA().request("GET", BASE + "?size=501", null, asSupplierB), 400, PAGE_SIZE_TOO_LARGE);
        expectV2Error(v2SupplierA().request("GET", CHANGES + "?limit=0", null, asSupplierB), 400, INVALID_VALUE);
        expectV2Error(hub.v2(Party.SUPPLIER_A, GRID_OPERATOR, ELECTRICITY).list("sort=up"), 400, INVALID_VALUE);
    }

    @Test
    void aRefusedContextOrPermissionComesBeforeALookup() {
        var world = freshWorld();
        var id = world.enquiry();
        var otherSupplier = freshActor(OPEN_SUPPLIER, ELECTRICITY);
        expectV2Error(
                otherSupplier.change(
                        id,
                        object("requestStatus", "CANCEL"),
                        headers(PARTICIPANT, world.supplier().party().eic())),
                403,
                UNPROCESSABLE_CONTEXT);
        var viewer = hub.v2(
                hub.technicalUser(world.supplier().party(), "VIEWER_DIRECT_MESSAGE"), OPEN_SUPPLIER, ELECTRICITY);
        expectV2Error(viewer.change(someId(), object("requestStatus", "CANCEL")), 403, INSUFFICIENT_PERMISSION);
    }

    @Test
    void notFoundComesBeforeABusinessRule() {
        var world = freshWorld();
        var id = world.enquiry();
        assertThat(world.supplier()
                        .change(id, object("requestStatus", "CANCEL"))
                        .status())
                .isEqualTo(200);
        expectV2Error(freshActor(OPEN_SUPPLIER, ELECTRICITY).change(id, object("requestComment", "x")), 404, NOT_FOUND);
        expectV2Error(world.supplier().change(id, object("requestComment", "x")), 422, PROCESS_TERMINATED);
    }

    @Test
    void aRepeatedRefusedWriteReplaysItsFirstOutcomeEvenAfterTheRuleChanged() {
        var world = freshWorld();
        var meter = Eics.meteringPoint();
        var documentId = someId();
        var body = anEnquiry().about(meter).json();
        var first = expectV2Error(
                world.supplier().create(body, headers(DOCUMENT_ID, documentId)), 422, RECEIVER_CANNOT_BE_RESOLVED);

        var registered = hub.call(
                "POST",
                "/api/operator/metering-points",
                Party.HUB_OPERATOR,
                object("eic", meter, "gridOperatorEic", world.grid().party().eic(), "commodity", ELECTRICITY)
                        .toString());
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);

        var again = expectV2Error(
                world.supplier().create(body, headers(DOCUMENT_ID, documentId)), 422, RECEIVER_CANNOT_BE_RESOLVED);
        assertThat(again.id()).as("the first outcome, not a new one").isEqualTo(first.id());
        assertThat(again.response().header(DOCUMENT_ID))
                .isEqualTo(first.response().header(DOCUMENT_ID));
        assertThat(world.grid().listIds("")).as("nothing was created").isEmpty();
        assertThat(world.supplier().create(body, headers(DOCUMENT_ID, someId())).status())
                .as("a new document id is a new write")
                .isEqualTo(201);
    }

    @Test
    void aRepeatedInvalidWriteReplaysTheSameError() {
        var world = freshWorld();
        var documentId = someId();
        var bad = anEnquiry().about(world.meter()).with("topic", "QUESTION").json();
        var first = expectV2Error(world.supplier().create(bad, headers(DOCUMENT_ID, documentId)), 400, INVALID_ENUM);
        var again = expectV2Error(world.supplier().create(bad, headers(DOCUMENT_ID, documentId)), 400, INVALID_ENUM);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.traceId()).as("the first request's trace").isEqualTo(first.traceId());
    }

    // idempotent repetition

    @Test
    void aRepeatedCreateAnswersTheFirstOutcomeAndCreatesNothingMore() {
        var world = freshWorld();
        var documentId = someId();
        var body = anEnquiry().about(world.meter()).comment("Once only").json();

        var first = world.supplier().create(body, headers(DOCUMENT_ID, documentId));
        var reordered = "{"
                + body.propertyStream()
                        .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                        .reduce((a, b) -> b + ",\n  " + a)
                        .orElseThrow()
                + "}";
        var again = create(world.supplier(), reordered, DOCUMENT_ID, documentId);

        assertThat(first.status()).isEqualTo(201);
        assertSameAnswer(again, first);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(world.grid().listIds("")).as("one enquiry").hasSize(1);
    }

    @Test
    void aRepeatedChangeAnswersTheFirstOutcomeAndChangesNothing() {
        var world = freshWorld();
        var gridStart = world.grid().follow(null).cursor();
        var id = world.enquiry();
        var documentId = someId();
        var first =
                world.supplier().change(id, object("requestComment", "First change"), headers(DOCUMENT_ID, documentId));
        assertThat(world.supplier()
                        .change(id, object("requestComment", "Second change"))
                        .status())
                .isEqualTo(200);

        var again =
                world.supplier().change(id, object("requestComment", "First change"), headers(DOCUMENT_ID, documentId));

        assertThat(first.header("ETag")).isEqualTo(tag(2));
        assertSameAnswer(again, first);
        var current = world.supplier().get(id);
        assertThat(current.header("ETag")).as("the replay applied nothing").isEqualTo(tag(3));
        assertThat(current.json().get("requestComment").stringValue()).isEqualTo("Second change");
        world.supplier().change(id, object("requestComment", "Third change"));
        assertThat(world.grid().follow(gridStart, 4).changes())
                .as("no change for the replay")
                .extracting(c -> c.get("enquiry").get("version").longValue())
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aRepeatedAnswerAndAnswerChangeAnswerTheFirstOutcomeAndAddNothing() {
        var world = freshWorld();
        var id = world.enquiry();
        var answerDocument = someId();
        var first = world.grid().answer(id, "OPEN", "Looking into it", headers(DOCUMENT_ID, answerDocument));
        var again = world.grid().answer(id, "OPEN", "Looking into it", headers(DOCUMENT_ID, answerDocument));
        assertThat(first.status()).isEqualTo(201);
        assertSameAnswer(again, first);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));

        var answerId =
                first.header("Location").substring(first.header("Location").lastIndexOf('/') + 1);
        var changeDocument = someId();
        var change = object("responseComment", "Checking the meter");
        var changed = world.grid()
                .changeAnswer(id, answerId, change, headers(DOCUMENT_ID, changeDocument, "If-Match", tag(2)));
        var changedAgain = world.grid()
                .changeAnswer(id, answerId, change, headers(DOCUMENT_ID, changeDocument, "If-Match", tag(2)));
        assertThat(changed.status()).isEqualTo(200);
        assertSameAnswer(changedAgain, changed);

        var enquiry = world.supplier().read(id);
        assertThat(enquiry.get("version").longValue()).isEqualTo(3);
        assertThat(enquiry.get("responses")).hasSize(1);
    }

    @Test
    void concurrentCopiesOfOneCreateMakeOneEnquiryAndIdenticalAnswers() throws Exception {
        var world = freshWorld();
        var documentId = someId();
        var body = anEnquiry().about(world.meter()).json();

        var answers = Race.concurrently(12, () -> world.supplier().create(body, headers(DOCUMENT_ID, documentId)));

        assertThat(answers.getFirst().status()).as("%s", answers.getFirst()).isEqualTo(201);
        assertThat(answers).allSatisfy(answer -> assertSameAnswer(answer, answers.getFirst()));
        assertThat(world.grid().listIds("")).as("one enquiry").hasSize(1);
    }

    @Test
    void concurrentCopiesOfOneAnswerStoreItOnce() throws Exception {
        var world = freshWorld();
        var id = world.enquiry();
        var documentId = someId();

        var answers = Race.concurrently(
                12, () -> world.grid().answer(id, "OPEN", "Looking into it", headers(DOCUMENT_ID, documentId)));

        assertThat(answers.getFirst().status()).as("%s", answers.getFirst()).isEqualTo(201);
        assertThat(answers).allSatisfy(answer -> assertSameAnswer(answer, answers.getFirst()));
        var enquiry = world.supplier().read(id);
        assertThat(enquiry.get("responses")).hasSize(1);
        assertThat(enquiry.get("version").longValue()).isEqualTo(2);
    }

    // never a 5xx; paths and methods v2 does not have

    static Stream<Arguments> oddBodies() {
        var enquiry = anEnquiry().json();
        return Stream.of(
                Arguments.of("true"),
                Arguments.of("{\"meterEic\": 38}"),
                Arguments.of("{\"meterEic\": []}"),
                Arguments.of("{\"reference\": []}"),
                Arguments.of("{\"reference\": {\"referenceType\": \"INVOICE\", \"referenceValue\": 5}}"),
                Arguments.of(
                        enquiry.deepCopy().put("requestComment", "a\u0000b").toString()),
                Arguments.of(enquiry.deepCopy()
                        .put("customerEic", "38X-AVP-ZW6700C\u0000")
                        .toString()),
                Arguments.of(enquiry.toString().replace("\"DATA\"", "\"\\uD800\"")),
                Arguments.of("{\"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}"),
                Arguments.of("{\"reference\": " + "{\"a\": ".repeat(2000) + "1" + "}".repeat(2000) + "}"));
    }

    @ParameterizedTest
    @MethodSource("oddBodies")
    void oddBodiesAreAnsweredWithoutAServerError(String body) {
        var response = create(v2SupplierA(), body);
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        expectV2Error(response, 400, response.code());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "page=2147483647&size=500",
                "page=99999999999",
                "createdFrom=%2B999999999-12-31T23:59:59Z",
                "createdTo=-999999999-01-01T00:00Z",
                "q=%EF%BF%BF",
                "meterEic=%00",
                "sort=%00",
                "q=" + "%25" + "_"
            })
    void oddQueriesAreAnsweredWithoutAServerError(String query) {
        var response = v2SupplierA().list(query);
        assertThat(response.status()).as("%s: %s", query, response).isLessThan(500);
        if (response.status() >= 400) {
            expectV2Error(response, response.status(), response.code());
        }
    }

    @Test
    void pathsAndMethodsV2DoesNotHaveAreClientErrorsInTheV2Shape() {
        var unknownPath = v2SupplierA().request("GET", BASE + "/" + someId() + "/history", null, Map.of());
        assertThat(unknownPath.status()).isEqualTo(404);
        expectV2Error(unknownPath, 404, unknownPath.code());
        var wrongMethod = v2SupplierA().request("DELETE", BASE + "/" + someId(), null, Map.of());
        assertThat(wrongMethod.status()).isEqualTo(405);
        expectV2Error(wrongMethod, 405, wrongMethod.code());
        var postToChanges = v2SupplierA().request("POST", CHANGES, "{}", Map.of());
        assertThat(postToChanges.status()).as("%s", postToChanges).isBetween(400, 499);
        expectV2Error(postToChanges, postToChanges.status(), postToChanges.code());
    }

    @Test
    void aCallersB3TraceIdIsTheErrorsTraceId() {
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        assertThat(expectV2Error(create(v2SupplierA(), "{", "x-b3-traceid", traceId), 400, MALFORMED_JSON)
                        .traceId())
                .isEqualTo(traceId);
        assertThat(expectV2Error(v2SupplierA().get(someId(), headers("x-b3-traceid", traceId)), 404, NOT_FOUND)
                        .traceId())
                .isEqualTo(traceId);
    }

    // An answer repeated: the same status, body and headers as the first, the same answer document id included.
    private static void assertSameAnswer(Response again, Response first) {
        assertThat(again.status()).as("%s", again).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header(DOCUMENT_ID))
                .as("the first answer's document id")
                .isEqualTo(first.header(DOCUMENT_ID));
        assertThat(again.header("x-original-document-identification"))
                .isEqualTo(first.header("x-original-document-identification"));
    }

    // An enquiry that exists but is not the caller's is answered exactly like an id that does not
    // exist: same status, code, and message and args up to the id itself.
    private static void assertIndistinguishable(Response real, String realId, Response unknown, String unknownId) {
        var realError = expectV2Error(real, 404, NOT_FOUND);
        var unknownError = expectV2Error(unknown, 404, NOT_FOUND);
        assertThat(realError.message().replace(realId, "<id>"))
                .isEqualTo(unknownError.message().replace(unknownId, "<id>"));
        assertThat(realError.args().stream()
                        .map(arg -> arg.replace(realId, "<id>"))
                        .toList())
                .isEqualTo(unknownError.args().stream()
                        .map(arg -> arg.replace(unknownId, "<id>"))
                        .toList());
    }
}
