package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_DATE_TIME;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_EIC_CHECK_CHARACTER;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_EIC_FORMAT;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_ENUM;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_UUID;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_VALUE;
import static ee.datahub.enquiryhub.support.ErrorCodes.MALFORMED_JSON;
import static ee.datahub.enquiryhub.support.ErrorCodes.MAX_LENGTH;
import static ee.datahub.enquiryhub.support.ErrorCodes.MISSING_HEADER;
import static ee.datahub.enquiryhub.support.ErrorCodes.PAGE_SIZE_TOO_LARGE;
import static ee.datahub.enquiryhub.support.ErrorCodes.REQUIRED_FIELD;
import static ee.datahub.enquiryhub.support.ErrorCodes.UNKNOWN_FIELD;
import static ee.datahub.enquiryhub.support.V1ErrorAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 400s of spec §4.1 that v1 answers: one test per way a request can be malformed, each checking
 * status, code and (where it helps) that {@code args[0]} names the JSON path or header at fault.
 * Nothing here is written, so the demo supplier acts; only accepted writes use fresh participants.
 */
class V1ValidationErrorsTest extends V1ErrorTesting {

    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars

    private Actor supplier() {
        return supplierA();
    }

    private Response create(ObjectNode body) {
        return send("POST", CREATE, supplier(), body);
    }

    private ObjectNode validCreate() {
        return createBody(supplier(), anEnquiry());
    }

    // malformed-json

    @Test
    void brokenJsonIsMalformedJson() {
        var error = expectError(
                send("POST", CREATE, Party.SUPPLIER_A, "{\"marketParticipantContext\": {"), 400, MALFORMED_JSON);
        assertThat(error.where()).isEqualTo("body");
        expectError(send("POST", SEARCH, Party.SUPPLIER_A, "{'single': 'quotes'}"), 400, MALFORMED_JSON);
    }

    @Test
    void anEmptyBodyIsMalformedJson() {
        expectError(send("POST", CREATE, Party.SUPPLIER_A, ""), 400, MALFORMED_JSON);
        expectError(send("PUT", CHANGE, Party.SUPPLIER_A, ""), 400, MALFORMED_JSON);
        expectError(send("POST", SEARCH, Party.SUPPLIER_A, ""), 400, MALFORMED_JSON);
        expectError(send("POST", SCAN, Party.SUPPLIER_A, "  \n"), 400, MALFORMED_JSON);
    }

    @Test
    void duplicateKeysAreMalformedJson() {
        var context = supplier().context().toString();
        expectError(
                send(
                        "POST",
                        SEARCH,
                        Party.SUPPLIER_A,
                        "{\"marketParticipantContext\": " + context + ", \"marketParticipantContext\": " + context
                                + "}"),
                400,
                MALFORMED_JSON);
        var enquiry = anEnquiry().json().toString().replaceFirst("\\{", "{\"topic\": \"INVOICE\", ");
        expectError(
                send(
                        "POST",
                        CREATE,
                        Party.SUPPLIER_A,
                        "{\"marketParticipantContext\": " + context + ", \"directMessageRequest\": [" + enquiry + "]}"),
                400,
                MALFORMED_JSON);
    }

    @Test
    void textAfterTheJsonObjectIsMalformedJson() {
        expectError(send("POST", CREATE, Party.SUPPLIER_A, validCreate() + " {}"), 400, MALFORMED_JSON);
    }

    // missing-header

    @ParameterizedTest
    @ValueSource(strings = {"x-document-identification", "x-document-date-time"})
    void aMissingDocumentHeaderIsMissingHeader(String header) {
        var onWrite = expectError(send("POST", CREATE, supplier(), validCreate(), header, null), 400, MISSING_HEADER);
        assertThat(onWrite.where()).isEqualTo(header);
        var onRead = expectError(
                send("POST", SEARCH, supplier(), searchBody(supplier(), object()), header, null), 400, MISSING_HEADER);
        assertThat(onRead.where()).isEqualTo(header);
    }

    // invalid-uuid

    @Test
    void aDocumentIdentificationThatIsNotAUuidIsInvalidUuid() {
        var error = expectError(
                send("POST", CREATE, supplier(), validCreate(), "x-document-identification", "doc-0001"),
                400,
                INVALID_UUID);
        assertThat(error.args()).containsExactly("x-document-identification", "doc-0001");
    }

    @Test
    void aMessageIdThatIsNotAUuidIsInvalidUuid() {
        var change = expectError(
                send("PUT", CHANGE, supplier(), changeBody(supplier(), "12345", object("requestComment", "x"))),
                400,
                INVALID_UUID);
        assertThat(change.args()).containsExactly("messageRequestId", "12345");
        var answer = expectError(
                send(
                        "POST",
                        ANSWER,
                        gridA(),
                        answerBody(gridA(), "a4b1f0c2-5d3e-4f6a-8b7c", object("requestStatus", "OPEN"))),
                400,
                INVALID_UUID);
        assertThat(answer.where()).isEqualTo("messageRequestId");
        var changeAnswer = expectError(
                send(
                        "PUT",
                        CHANGE_ANSWER,
                        gridA(),
                        changeAnswerBody(gridA(), "not-an-id", object("responseComment", "x"))),
                400,
                INVALID_UUID);
        assertThat(changeAnswer.where()).isEqualTo("messageResponseId");
        var search = expectError(
                send(
                        "POST",
                        SEARCH,
                        supplier(),
                        searchBody(supplier(), object("messageResponseId", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"))),
                400,
                INVALID_UUID);
        assertThat(search.where()).isEqualTo("directMessageAttributes.messageResponseId");
    }

    @Test
    void anIdInThePathThatIsNotAUuidIsInvalidUuid() {
        var id = UUID.randomUUID().toString();
        var change = expectError(
                send(
                        "PUT",
                        "/api/v1/direct-messages/not-a-uuid",
                        supplier(),
                        object(
                                "marketParticipantContext",
                                supplier().context(),
                                "directMessageRequestChange",
                                object("requestComment", "x"))),
                400,
                INVALID_UUID);
        assertThat(change.args()).containsExactly("messageRequestId", "not-a-uuid");
        var answer = expectError(
                send(
                        "POST",
                        "/api/v1/direct-message/not-a-uuid/response",
                        gridA(),
                        object(
                                "marketParticipantContext",
                                gridA().context(),
                                "directMessageResponse",
                                object("requestStatus", "OPEN"))),
                400,
                INVALID_UUID);
        assertThat(answer.where()).isEqualTo("messageRequestId");
        var changeAnswer = expectError(
                send(
                        "PUT",
                        "/api/v1/direct-message/" + id + "/response/not-a-uuid",
                        gridA(),
                        object(
                                "marketParticipantContext",
                                gridA().context(),
                                "directMessageResponseChange",
                                object("responseComment", "x"))),
                400,
                INVALID_UUID);
        assertThat(changeAnswer.where()).isEqualTo("messageResponseId");
    }

    // invalid-date-time

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "2026-11-27T09:15:00",
                "2026-11-27",
                "2026-02-30T09:15:00Z",
                "27.11.2026 09:15:00+02:00",
                "2026-11-27T09:15:00+0200X"
            })
    void aDocumentDateTimeThatIsNotAnIsoTimeWithAnOffsetIsInvalidDateTime(String value) {
        var error = expectError(
                send("POST", CREATE, supplier(), validCreate(), "x-document-date-time", value), 400, INVALID_DATE_TIME);
        assertThat(error.args()).containsExactly("x-document-date-time", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-27T09:15:00", "2026-11-27", "2026-02-30T09:15:00Z", "1700000000"})
    void anUpdatePeriodStartThatIsNotAnIsoTimeWithAnOffsetIsInvalidDateTime(String value) {
        var error = expectError(send("POST", SCAN, supplier(), scanBody(supplier(), value)), 400, INVALID_DATE_TIME);
        assertThat(error.args()).containsExactly("updatePeriodStart", value);
    }

    @Test
    void aTimeBeyondFourDigitYearsIsInvalidDateTime() {
        var end = scanBody(supplier(), Instant.now().toString()).put("updatePeriodEnd", "+10000-01-01T00:00Z");
        assertThat(expectError(send("POST", SCAN, supplier(), end), 400, INVALID_DATE_TIME)
                        .where())
                .isEqualTo("updatePeriodEnd");
        var start = scanBody(supplier(), "+999999999-12-31T23:59:59.999999999Z");
        assertThat(expectError(send("POST", SCAN, supplier(), start), 400, INVALID_DATE_TIME)
                        .where())
                .isEqualTo("updatePeriodStart");
        var latest =
                scanBody(supplier(), Instant.now().toString()).put("updatePeriodEnd", "9999-12-31T23:59:59.999999999Z");
        assertThat(send("POST", SCAN, supplier(), latest).status()).isEqualTo(200);
    }

    @Test
    void anUpdatePeriodEndThatIsNotAnIsoTimeIsInvalidDateTime() {
        var body = scanBody(supplier(), Instant.now().toString()).put("updatePeriodEnd", "tomorrow");
        assertThat(expectError(send("POST", SCAN, supplier(), body), 400, INVALID_DATE_TIME)
                        .where())
                .isEqualTo("updatePeriodEnd");
    }

    @Test
    void isoTimesWithAnOffsetAndUpToNineFractionalDigitsAreAccepted() {
        var start = Instant.now().minus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.ofHours(3));
        var body =
                scanBody(supplier(), start.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx")));
        var scan = send("POST", SCAN, supplier(), body, "x-document-date-time", "2023-04-01T00:00Z");
        assertThat(scan.status()).as("%s", scan).isEqualTo(200);
    }

    // required-field

    @ParameterizedTest
    @ValueSource(strings = {"meterEic", "customerEic", "topic", "requestStatus"})
    void aMissingEnquiryFieldIsRequiredField(String field) {
        var missing = validCreate();
        firstEnquiry(missing).remove(field);
        assertThat(expectError(create(missing), 400, REQUIRED_FIELD).where())
                .isEqualTo("directMessageRequest[0]." + field);

        var nulled = validCreate();
        firstEnquiry(nulled).putNull(field);
        assertThat(expectError(create(nulled), 400, REQUIRED_FIELD).where())
                .as("null counts as absent")
                .isEqualTo("directMessageRequest[0]." + field);
    }

    @Test
    void anEmptyArrayOfEnquiriesIsRequiredField() {
        var body = createBody(supplier());
        assertThat(body.get("directMessageRequest").isEmpty()).isTrue();
        assertThat(expectError(create(body), 400, REQUIRED_FIELD).where()).isEqualTo("directMessageRequest");

        var none = validCreate();
        none.putNull("directMessageRequest");
        assertThat(expectError(create(none), 400, REQUIRED_FIELD).where()).isEqualTo("directMessageRequest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"marketParticipantIdentification", "marketParticipantRole", "commodityType"})
    void aMissingContextFieldIsRequiredField(String field) {
        var body = validCreate();
        contextOf(body).remove(field);
        assertThat(expectError(create(body), 400, REQUIRED_FIELD).where())
                .isEqualTo("marketParticipantContext." + field);
    }

    @Test
    void aMissingContextIsRequiredField() {
        var body = validCreate();
        body.remove("marketParticipantContext");
        assertThat(expectError(create(body), 400, REQUIRED_FIELD).where()).isEqualTo("marketParticipantContext");
        var search = searchBody(supplier(), object());
        search.putNull("marketParticipantContext");
        assertThat(expectError(send("POST", SEARCH, supplier(), search), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("marketParticipantContext");
    }

    @Test
    void aMissingUpdatePeriodStartIsRequiredField() {
        var missing = scanBody(supplier(), "x");
        missing.remove("updatePeriodStart");
        assertThat(expectError(send("POST", SCAN, supplier(), missing), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("updatePeriodStart");
        var nulled = scanBody(supplier(), "x");
        nulled.putNull("updatePeriodStart");
        assertThat(expectError(send("POST", SCAN, supplier(), nulled), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("updatePeriodStart");
    }

    @Test
    void theIdsAndPartsEachMessageNeedsAreRequiredFields() {
        var id = UUID.randomUUID().toString();
        var noRequestId = changeBody(supplier(), id, object("requestComment", "x"));
        noRequestId.remove("messageRequestId");
        assertThat(expectError(send("PUT", CHANGE, supplier(), noRequestId), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("messageRequestId");

        var noChange = changeBody(supplier(), id, object());
        noChange.remove("directMessageRequestChange");
        assertThat(expectError(send("PUT", CHANGE, supplier(), noChange), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("directMessageRequestChange");

        var noAnswer = answerBody(gridA(), id, object());
        noAnswer.remove("directMessageResponse");
        assertThat(expectError(send("POST", ANSWER, gridA(), noAnswer), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("directMessageResponse");

        var noStatus = answerBody(gridA(), id, object("responseComment", "Looking into it"));
        assertThat(expectError(send("POST", ANSWER, gridA(), noStatus), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("directMessageResponse.requestStatus");

        var noResponseId = changeAnswerBody(gridA(), id, object("responseComment", "x"));
        noResponseId.remove("messageResponseId");
        assertThat(expectError(send("PUT", CHANGE_ANSWER, gridA(), noResponseId), 400, REQUIRED_FIELD)
                        .where())
                .isEqualTo("messageResponseId");

        var noReferenceValue = validCreate();
        firstEnquiry(noReferenceValue).put("topic", "INVOICE").set("reference", object("referenceType", "INVOICE"));
        assertThat(expectError(create(noReferenceValue), 400, REQUIRED_FIELD).where())
                .isEqualTo("directMessageRequest[0].reference.referenceValue");
    }

    // invalid-enum

    @Test
    void anUnknownTopicIsInvalidEnum() {
        var error =
                expectError(create(createBody(supplier(), anEnquiry().with("topic", "COMPLAINT"))), 400, INVALID_ENUM);
        assertThat(error.args()).containsExactly("directMessageRequest[0].topic", "COMPLAINT", "DATA or INVOICE");
    }

    @Test
    void anUnknownRequestStatusIsInvalidEnum() {
        var onCreate = expectError(
                create(createBody(supplier(), anEnquiry().with("requestStatus", "PENDING"))), 400, INVALID_ENUM);
        assertThat(onCreate.where()).isEqualTo("directMessageRequest[0].requestStatus");
        var onAnswer = expectError(
                send(
                        "POST",
                        ANSWER,
                        gridA(),
                        answerBody(gridA(), UUID.randomUUID().toString(), object("requestStatus", "DONE"))),
                400,
                INVALID_ENUM);
        assertThat(onAnswer.where()).isEqualTo("directMessageResponse.requestStatus");
        var onSearch = expectError(
                send("POST", SEARCH, supplier(), searchBody(supplier(), object("requestStatus", "NEW"))),
                400,
                INVALID_ENUM);
        assertThat(onSearch.where()).isEqualTo("directMessageAttributes.requestStatus");
    }

    @Test
    void anUnknownMarketRoleIsInvalidEnum() {
        var body = validCreate();
        contextOf(body).put("marketParticipantRole", "SUPPLIER");
        var error = expectError(create(body), 400, INVALID_ENUM);
        assertThat(error.where()).isEqualTo("marketParticipantContext.marketParticipantRole");
        assertThat(error.args()).contains("SUPPLIER");
    }

    @Test
    void anUnknownCommodityIsInvalidEnum() {
        var body = searchBody(supplier(), object());
        contextOf(body).put("commodityType", "WATER");
        var error = expectError(send("POST", SEARCH, supplier(), body), 400, INVALID_ENUM);
        assertThat(error.args())
                .containsExactly("marketParticipantContext.commodityType", "WATER", "ELECTRICITY or NATURAL_GAS");
    }

    @Test
    void enumLiteralsAreCaseSensitive() {
        assertThat(expectError(create(createBody(supplier(), anEnquiry().with("topic", "data"))), 400, INVALID_ENUM)
                        .where())
                .isEqualTo("directMessageRequest[0].topic");
    }

    @Test
    void anUnknownReferenceTypeIsInvalidEnum() {
        var body = createBody(supplier(), anEnquiry().invoice("INV-1"));
        ((ObjectNode) firstEnquiry(body).get("reference")).put("referenceType", "ORDER");
        assertThat(expectError(create(body), 400, INVALID_ENUM).where())
                .isEqualTo("directMessageRequest[0].reference.referenceType");
    }

    // invalid-eic-format, invalid-eic-check-character

    @Test
    void aLowerCaseEicIsInvalidEicFormat() {
        var error = expectError(
                create(createBody(supplier(), anEnquiry().about("38zgo-1000001u-d"))), 400, INVALID_EIC_FORMAT);
        assertThat(error.args()).startsWith("directMessageRequest[0].meterEic", "38zgo-1000001u-d");
        var context = validCreate();
        contextOf(context).put("marketParticipantIdentification", "38x-ein-os-----j");
        assertThat(expectError(create(context), 400, INVALID_EIC_FORMAT).where())
                .isEqualTo("marketParticipantContext.marketParticipantIdentification");
    }

    @ParameterizedTest
    @ValueSource(strings = {"38ZGO-1000001U", "38ZGO-1000001U-DD", "", "38ZGO 1000001U-D", "ZZZGO-1000001U-D"})
    void aMeterEicOfTheWrongShapeIsInvalidEicFormat(String meter) {
        assertThat(expectError(create(createBody(supplier(), anEnquiry().about(meter))), 400, INVALID_EIC_FORMAT)
                        .where())
                .isEqualTo("directMessageRequest[0].meterEic");
    }

    @Test
    void aMeteringPointCodeWhereAPartyIsExpectedIsInvalidEicFormat() {
        var context = validCreate();
        contextOf(context).put("marketParticipantIdentification", Party.METER_GRID_A);
        var error = expectError(create(context), 400, INVALID_EIC_FORMAT);
        assertThat(error.args())
                .containsExactly("marketParticipantContext.marketParticipantIdentification", Party.METER_GRID_A, "X");

        var search = expectError(
                send("POST", SEARCH, supplier(), searchBody(supplier(), object("senderEic", Party.METER_GRID_A))),
                400,
                INVALID_EIC_FORMAT);
        assertThat(search.where()).isEqualTo("directMessageAttributes.senderEic");

        var receiver = expectError(
                create(createBody(supplier(), anEnquiry().to(Party.METER_GRID_B))), 400, INVALID_EIC_FORMAT);
        assertThat(receiver.where()).isEqualTo("directMessageRequest[0].receiverEic");
    }

    @Test
    void aPartyCodeAsTheMeteringPointIsInvalidEicFormat() {
        var error = expectError(
                create(createBody(supplier(), anEnquiry().about(Party.GRID_A.eic()))), 400, INVALID_EIC_FORMAT);
        assertThat(error.args()).containsExactly("directMessageRequest[0].meterEic", Party.GRID_A.eic(), "Z");
    }

    @Test
    void aWrongCheckCharacterIsInvalidEicCheckCharacterNamingTheExpectedOne() {
        var error = expectError(
                create(createBody(supplier(), anEnquiry().about("38ZGO-1000001U-E"))),
                400,
                INVALID_EIC_CHECK_CHARACTER);
        assertThat(error.args()).containsExactly("directMessageRequest[0].meterEic", "38ZGO-1000001U-E", "D");

        var context = validCreate();
        contextOf(context).put("marketParticipantIdentification", "38X-EIN-OS-----K");
        assertThat(expectError(create(context), 400, INVALID_EIC_CHECK_CHARACTER)
                        .args())
                .containsExactly("marketParticipantContext.marketParticipantIdentification", "38X-EIN-OS-----K", "J");

        var customer = expectError(
                create(createBody(supplier(), anEnquiry().forCustomer("38X-AVP-ZW6700C7"))),
                400,
                INVALID_EIC_CHECK_CHARACTER);
        assertThat(customer.args()).containsExactly("directMessageRequest[0].customerEic", "38X-AVP-ZW6700C7", "6");
    }

    @Test
    void theErrorNamesTheEnquiryOfABatchThatIsWrong() {
        var body = createBody(
                supplier(), anEnquiry(), anEnquiry(), anEnquiry(), anEnquiry().about("38ZGO-1000001U-E"), anEnquiry());
        var error = expectError(create(body), 400, INVALID_EIC_CHECK_CHARACTER);
        assertThat(error.where()).isEqualTo("directMessageRequest[3].meterEic");
    }

    @Test
    void theErrorNamesTheFieldOfASingleEnquirySentWithoutAnArray() {
        var body = object(
                "marketParticipantContext",
                supplier().context(),
                "directMessageRequest",
                anEnquiry().about("38ZGO-1000001U-E").json());
        assertThat(expectError(create(body), 400, INVALID_EIC_CHECK_CHARACTER).where())
                .isEqualTo("directMessageRequest.meterEic");
    }

    // max-length

    @Test
    void aRequestCommentOf4001CodePointsIsMaxLength() {
        var emoji =
                expectError(create(createBody(supplier(), anEnquiry().comment(EMOJI.repeat(4001)))), 400, MAX_LENGTH);
        assertThat(emoji.args()).containsExactly("directMessageRequest[0].requestComment", "4000");
        expectError(create(createBody(supplier(), anEnquiry().comment("x".repeat(4001)))), 400, MAX_LENGTH);
    }

    @Test
    void aRequestCommentOf4000EmojiIsAccepted() {
        var world = freshWorld();
        var comment = EMOJI.repeat(4000);
        assertThat(comment.length()).as("UTF-16 chars").isEqualTo(8000);
        var created = world.supplier().create(anEnquiry().about(world.meter()).comment(comment));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        var found = world.grid().search(object("messageRequestId", created.id()));
        assertThat(found.json().get(0).get("requestComment").stringValue()).isEqualTo(comment);
    }

    @Test
    void aResponseCommentOf4001CharactersIsMaxLength() {
        var error = expectError(
                send(
                        "POST",
                        ANSWER,
                        gridA(),
                        answerBody(
                                gridA(),
                                UUID.randomUUID().toString(),
                                object("requestStatus", "OPEN", "responseComment", "y".repeat(4001)))),
                400,
                MAX_LENGTH);
        assertThat(error.where()).isEqualTo("directMessageResponse.responseComment");
        var change = expectError(
                send(
                        "PUT",
                        CHANGE_ANSWER,
                        gridA(),
                        changeAnswerBody(
                                gridA(), UUID.randomUUID().toString(), object("responseComment", EMOJI.repeat(4001)))),
                400,
                MAX_LENGTH);
        assertThat(change.where()).isEqualTo("directMessageResponseChange.responseComment");
    }

    @Test
    void aReferenceValueOf17CharactersIsMaxLength() {
        var error =
                expectError(create(createBody(supplier(), anEnquiry().invoice("INV-2026-11-00001"))), 400, MAX_LENGTH);
        assertThat(error.args()).containsExactly("directMessageRequest[0].reference.referenceValue", "16");
    }

    @Test
    void moreThan100EnquiriesInOneCreateIsMaxLength() {
        var body = createBody(
                supplier(),
                IntStream.range(0, 101).mapToObj(i -> anEnquiry()).toArray(EnquiryJson.EnquiryBuilder[]::new));
        var error = expectError(create(body), 400, MAX_LENGTH);
        assertThat(error.args()).containsExactly("directMessageRequest", "100");
    }

    @Test
    void aPurposeLongerThan50CharactersIsMaxLength() {
        var body = searchBody(supplier(), object());
        contextOf(body).put("purpose", "p".repeat(51));
        assertThat(expectError(send("POST", SEARCH, supplier(), body), 400, MAX_LENGTH)
                        .args())
                .containsExactly("marketParticipantContext.purpose", "50");

        contextOf(body).put("purpose", "p".repeat(50));
        assertThat(send("POST", SEARCH, supplier(), body).status()).isEqualTo(200);
    }

    // page-size-too-large

    @Test
    void aPageSizeOver500IsPageSizeTooLarge() {
        var search = searchBody(supplier(), object()).set("pagination", object("page", 0, "pageSize", 501));
        assertThat(expectError(send("POST", SEARCH, supplier(), (ObjectNode) search), 400, PAGE_SIZE_TOO_LARGE)
                        .args())
                .containsExactly("pagination.pageSize", "501", "500");
        var scan = scanBody(supplier(), Instant.now().toString()).set("pagination", object("pageSize", 501));
        expectError(send("POST", SCAN, supplier(), (ObjectNode) scan), 400, PAGE_SIZE_TOO_LARGE);

        var largest = searchBody(supplier(), object()).set("pagination", object("page", 0, "pageSize", 500));
        var answer = send("POST", SEARCH, supplier(), (ObjectNode) largest);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("x-pagination-page-size")).isEqualTo("500");
    }

    // unknown-field

    @Test
    void anUnknownTopLevelFieldIsUnknownField() {
        var error = expectError(create(validCreate().put("directMessageRequests", "typo")), 400, UNKNOWN_FIELD);
        assertThat(error.where()).isEqualTo("directMessageRequests");
        assertThat(expectError(
                                send(
                                        "POST",
                                        SEARCH,
                                        supplier(),
                                        searchBody(supplier(), object()).put("page", "0")),
                                400,
                                UNKNOWN_FIELD)
                        .where())
                .isEqualTo("page");
    }

    @Test
    void anUnknownNestedFieldIsUnknownFieldNamingItsPath() {
        var inEnquiry = validCreate();
        firstEnquiry(inEnquiry).put("colour", "blue");
        assertThat(expectError(create(inEnquiry), 400, UNKNOWN_FIELD).where())
                .isEqualTo("directMessageRequest[0].colour");

        var inContext = validCreate();
        contextOf(inContext).put("marketParticipantName", "Supplier A");
        assertThat(expectError(create(inContext), 400, UNKNOWN_FIELD).where())
                .isEqualTo("marketParticipantContext.marketParticipantName");

        var inReference = createBody(supplier(), anEnquiry().invoice("INV-1"));
        ((ObjectNode) firstEnquiry(inReference).get("reference")).put("referenceDate", "2026-11-01");
        assertThat(expectError(create(inReference), 400, UNKNOWN_FIELD).where())
                .isEqualTo("directMessageRequest[0].reference.referenceDate");

        var inAttributes = searchBody(supplier(), object("status", "OPEN"));
        assertThat(expectError(send("POST", SEARCH, supplier(), inAttributes), 400, UNKNOWN_FIELD)
                        .where())
                .isEqualTo("directMessageAttributes.status");

        var inPagination = (ObjectNode) searchBody(supplier(), object()).set("pagination", object("offset", 10));
        assertThat(expectError(send("POST", SEARCH, supplier(), inPagination), 400, UNKNOWN_FIELD)
                        .where())
                .isEqualTo("pagination.offset");

        var inAnswer =
                answerBody(gridA(), UUID.randomUUID().toString(), object("requestStatus", "OPEN", "comment", "x"));
        assertThat(expectError(send("POST", ANSWER, gridA(), inAnswer), 400, UNKNOWN_FIELD)
                        .where())
                .isEqualTo("directMessageResponse.comment");

        var inChange = changeBody(supplier(), UUID.randomUUID().toString(), object("responseComment", "x"));
        assertThat(expectError(send("PUT", CHANGE, supplier(), inChange), 400, UNKNOWN_FIELD)
                        .where())
                .isEqualTo("directMessageRequestChange.responseComment");
    }

    // invalid-value

    @Test
    void aNegativePageIsInvalidValue() {
        var body = (ObjectNode) searchBody(supplier(), object()).set("pagination", object("page", -1, "pageSize", 10));
        assertThat(expectError(send("POST", SEARCH, supplier(), body), 400, INVALID_VALUE)
                        .args())
                .containsExactly("pagination.page", "-1");
    }

    @Test
    void aPageSizeBelowOneIsInvalidValue() {
        var body = (ObjectNode) scanBody(supplier(), Instant.now().toString()).set("pagination", object("pageSize", 0));
        assertThat(expectError(send("POST", SCAN, supplier(), body), 400, INVALID_VALUE)
                        .args())
                .containsExactly("pagination.pageSize", "0");
    }

    @Test
    void aPageThatIsNotAWholeNumberIsInvalidValue() {
        for (var page : new String[] {"\"1\"", "1.5", "99999999999", "1e400"}) {
            var body = searchBody(supplier(), object())
                    .toString()
                    .replaceFirst("}$", ", \"pagination\": {\"page\": " + page + "}}");
            assertThat(expectError(send("POST", SEARCH, Party.SUPPLIER_A, body), 400, INVALID_VALUE)
                            .where())
                    .as("page %s", page)
                    .isEqualTo("pagination.page");
        }
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsInvalidValue() {
        var now = Instant.now();
        var body = scanBody(supplier(), now.toString())
                .put("updatePeriodEnd", now.minusSeconds(1).toString());
        assertThat(expectError(send("POST", SCAN, supplier(), body), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("updatePeriodEnd");
    }

    @Test
    void anIdInTheBodyThatDiffersFromThePathIsInvalidValue() {
        var inPath = UUID.randomUUID().toString();
        var inBody = UUID.randomUUID().toString();

        var change = expectError(
                send(
                        "PUT",
                        "/api/v1/direct-messages/" + inPath,
                        supplier(),
                        changeBody(supplier(), inBody, object("requestComment", "x"))),
                400,
                INVALID_VALUE);
        assertThat(change.args()).containsExactly("messageRequestId", inBody, inPath);

        var answer = expectError(
                send(
                        "POST",
                        "/api/v1/direct-message/" + inPath + "/response",
                        gridA(),
                        answerBody(gridA(), inBody, object("requestStatus", "OPEN"))),
                400,
                INVALID_VALUE);
        assertThat(answer.args()).containsExactly("messageRequestId", inBody, inPath);

        var responseInPath = UUID.randomUUID().toString();
        var otherRequest = changeAnswerBody(gridA(), responseInPath, object("responseComment", "x"))
                .put("messageRequestId", inBody);
        var changeAnswerRequest = expectError(
                send("PUT", "/api/v1/direct-message/" + inPath + "/response/" + responseInPath, gridA(), otherRequest),
                400,
                INVALID_VALUE);
        assertThat(changeAnswerRequest.args()).containsExactly("messageRequestId", inBody, inPath);

        var otherResponse = changeAnswerBody(gridA(), inBody, object("responseComment", "x"));
        var changeAnswerResponse = expectError(
                send("PUT", "/api/v1/direct-message/" + inPath + "/response/" + responseInPath, gridA(), otherResponse),
                400,
                INVALID_VALUE);
        assertThat(changeAnswerResponse.args()).containsExactly("messageResponseId", inBody, responseInPath);
    }

    @Test
    void aChangeThatSetsNothingIsInvalidValue() {
        var id = UUID.randomUUID().toString();
        assertThat(expectError(
                                send("PUT", CHANGE, supplier(), changeBody(supplier(), id, object())),
                                400,
                                INVALID_VALUE)
                        .where())
                .isEqualTo("directMessageRequestChange");

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
        assertThat(expectError(
                                send("PUT", CHANGE, supplier(), changeBody(supplier(), id, onlyNulls)),
                                400,
                                INVALID_VALUE)
                        .where())
                .isEqualTo("directMessageRequestChange");

        expectError(
                send(
                        "PUT",
                        "/api/v1/direct-messages/" + id,
                        supplier(),
                        object(
                                "marketParticipantContext",
                                supplier().context(),
                                "directMessageRequestChange",
                                object())),
                400,
                INVALID_VALUE);
    }

    @Test
    void anAnswerChangeThatSetsNothingIsInvalidValue() {
        var id = UUID.randomUUID().toString();
        assertThat(expectError(
                                send("PUT", CHANGE_ANSWER, gridA(), changeAnswerBody(gridA(), id, object())),
                                400,
                                INVALID_VALUE)
                        .where())
                .isEqualTo("directMessageResponseChange");
        expectError(
                send(
                        "PUT",
                        CHANGE_ANSWER,
                        gridA(),
                        changeAnswerBody(gridA(), id, object("requestStatus", null, "responseComment", null))),
                400,
                INVALID_VALUE);
    }

    @Test
    void anEmptyReferenceValueIsInvalidValue() {
        assertThat(expectError(create(createBody(supplier(), anEnquiry().invoice(""))), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("directMessageRequest[0].reference.referenceValue");
    }

    @Test
    void aTextHoldingTheNulCharacterIsInvalidValue() {
        var comment = expectError(
                create(createBody(supplier(), anEnquiry().comment("before\u0000after"))), 400, INVALID_VALUE);
        assertThat(comment.where()).isEqualTo("directMessageRequest[0].requestComment");
        var search = expectError(
                send("POST", SEARCH, supplier(), searchBody(supplier(), object("responseComment", "\u0000"))),
                400,
                INVALID_VALUE);
        assertThat(search.where()).isEqualTo("directMessageAttributes.responseComment");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsInvalidValue() {
        assertThat(expectError(send("POST", CREATE, Party.SUPPLIER_A, "[]"), 400, INVALID_VALUE)
                        .where())
                .isEqualTo("body");
        expectError(send("POST", SEARCH, Party.SUPPLIER_A, "\"search\""), 400, INVALID_VALUE);
    }

    // never a 5xx

    static Stream<Arguments> oddRequests() {
        var context = EnquiryJson.context(Party.SUPPLIER_A.eic(), "OPEN_SUPPLIER", "ELECTRICITY")
                .toString();
        var enquiry = anEnquiry().json();
        return Stream.of(
                Arguments.of(CREATE, "null"),
                Arguments.of(CREATE, "42"),
                Arguments.of(CREATE, "true"),
                Arguments.of(CREATE, "{\"marketParticipantContext\": []}"),
                Arguments.of(CREATE, "{\"marketParticipantContext\": \"38X-EIN-OS-----J\"}"),
                Arguments.of(CREATE, "{\"marketParticipantContext\": {\"marketParticipantIdentification\": 38}}"),
                Arguments.of(
                        CREATE, "{\"marketParticipantContext\": " + context + ", \"directMessageRequest\": [null]}"),
                Arguments.of(CREATE, "{\"marketParticipantContext\": " + context + ", \"directMessageRequest\": [[]]}"),
                Arguments.of(
                        CREATE, "{\"marketParticipantContext\": " + context + ", \"directMessageRequest\": \"x\"}"),
                Arguments.of(
                        CREATE,
                        "{\"marketParticipantContext\": " + context + ", \"directMessageRequest\": "
                                + enquiry.deepCopy().put("topic", 5) + "}"),
                Arguments.of(
                        CREATE,
                        "{\"marketParticipantContext\": " + context + ", \"directMessageRequest\": "
                                + enquiry.deepCopy().set("requestComment", object("text", "x")) + "}"),
                Arguments.of(
                        CREATE,
                        "{\"marketParticipantContext\": " + context + ", \"directMessageRequest\": "
                                + enquiry.deepCopy().put("requestComment", "a\u0000b") + "}"),
                Arguments.of(
                        CREATE,
                        "{\"marketParticipantContext\": " + context + ", \"directMessageRequest\": "
                                + enquiry.deepCopy().put("customerEic", "38X-AVP-ZW6700C\u0000") + "}"),
                Arguments.of(CREATE, "{\"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}"),
                Arguments.of(
                        CREATE,
                        "{\"marketParticipantContext\": " + "{\"a\": ".repeat(2000) + "1" + "}".repeat(2000) + "}"),
                Arguments.of(
                        SEARCH,
                        "{\"marketParticipantContext\": " + context
                                + ", \"directMessageAttributes\": {\"requestComment\": \"a\\u0000b\"}}"),
                Arguments.of(
                        SEARCH,
                        "{\"marketParticipantContext\": " + context
                                + ", \"directMessageAttributes\": {\"reference\": {\"referenceValue\": \"\\u0000\"}}}"),
                Arguments.of(
                        SEARCH,
                        "{\"marketParticipantContext\": " + context
                                + ", \"pagination\": {\"page\": 2147483647, \"pageSize\": 500}}"),
                Arguments.of(
                        SCAN,
                        "{\"marketParticipantContext\": " + context
                                + ", \"updatePeriodStart\": \"+999999999-12-31T23:59:59.999999999Z\"}"),
                Arguments.of(
                        SCAN,
                        "{\"marketParticipantContext\": " + context
                                + ", \"updatePeriodStart\": \"2026-11-27T00:00Z\", \"updatePeriodEnd\": \"+999999999-12-31T23:59:59Z\"}"),
                Arguments.of(
                        SCAN,
                        "{\"marketParticipantContext\": " + context
                                + ", \"updatePeriodStart\": \"-999999999-01-01T00:00Z\"}"),
                Arguments.of(
                        SCAN, "{\"marketParticipantContext\": " + context + ", \"updatePeriodStart\": 1700000000}"));
    }

    @ParameterizedTest
    @MethodSource("oddRequests")
    void oddRequestsAreAnsweredWithoutAServerError(String path, String body) {
        var response = send("POST", path, Party.SUPPLIER_A, body);
        assertThat(response.status()).as("%s", response).isLessThan(500);
        if (response.status() >= 400) {
            expectError(response, response.status(), response.code());
        }
    }
}
