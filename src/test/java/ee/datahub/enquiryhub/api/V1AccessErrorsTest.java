package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.COMMODITY_TYPE_MISMATCH;
import static ee.datahub.enquiryhub.support.ErrorCodes.INCORRECT_ROLE;
import static ee.datahub.enquiryhub.support.ErrorCodes.INSUFFICIENT_PERMISSION;
import static ee.datahub.enquiryhub.support.ErrorCodes.NOT_FOUND;
import static ee.datahub.enquiryhub.support.ErrorCodes.RESPONSE_NOT_FOUND;
import static ee.datahub.enquiryhub.support.ErrorCodes.UNPROCESSABLE_CONTEXT;
import static ee.datahub.enquiryhub.support.V1ErrorAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.Party;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The 403s and 404s of spec §4.1: a context that is not the token's participant, a role or commodity
 * it does not hold, a message its role may not send, a permission it lacks; and enquiries or answers
 * that do not exist or are not the caller's to see, which are answered alike.
 */
class V1AccessErrorsTest extends V1ErrorTesting {

    // 403 unprocessable-market-participant-context, commodity-type-mismatch-error

    @Test
    void aContextNamingAnotherParticipantThanTheTokensIsUnprocessableContext() {
        var body = createBody(supplierA(), anEnquiry());
        contextOf(body).put("marketParticipantIdentification", Party.SUPPLIER_B.eic());
        var error = expectError(send("POST", CREATE, supplierA(), body), 403, UNPROCESSABLE_CONTEXT);
        assertThat(error.args())
                .containsExactly("marketParticipantContext.marketParticipantIdentification", Party.SUPPLIER_B.eic());

        var search = searchBody(hub.as(Party.SUPPLIER_B, "OPEN_SUPPLIER", "ELECTRICITY"), object());
        expectError(send("POST", SEARCH, Party.SUPPLIER_A, search.toString()), 403, UNPROCESSABLE_CONTEXT);
    }

    @Test
    void aRoleTheParticipantDoesNotHoldIsUnprocessableContext() {
        var supplierAsGrid = hub.as(Party.SUPPLIER_A, "GRID_OPERATOR", "ELECTRICITY");
        var error = expectError(
                send("POST", SEARCH, supplierAsGrid, searchBody(supplierAsGrid, object())), 403, UNPROCESSABLE_CONTEXT);
        assertThat(error.args()).containsExactly("marketParticipantContext.marketParticipantRole", "GRID_OPERATOR");
        expectError(
                send(
                        "POST",
                        ANSWER,
                        supplierAsGrid,
                        answerBody(supplierAsGrid, UUID.randomUUID().toString(), object("requestStatus", "OPEN"))),
                403,
                UNPROCESSABLE_CONTEXT);
    }

    @Test
    void aTokenOfNoParticipantIsUnprocessableContext() {
        var search = searchBody(supplierA(), object());
        expectError(send("POST", SEARCH, Party.HUB_OPERATOR, search.toString()), 403, UNPROCESSABLE_CONTEXT);
    }

    @Test
    void aCommodityTheParticipantDoesNotTradeIsCommodityTypeMismatch() {
        var supplierInGas = hub.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "NATURAL_GAS");
        var error = expectError(
                send(
                        "POST",
                        CREATE,
                        supplierInGas,
                        createBody(supplierInGas, anEnquiry().about(Party.METER_GRID_B_GAS))),
                403,
                COMMODITY_TYPE_MISMATCH);
        assertThat(error.args()).containsExactly("marketParticipantContext.commodityType", "NATURAL_GAS");
        expectError(
                send(
                        "POST",
                        SCAN,
                        supplierInGas,
                        scanBody(supplierInGas, Instant.now().toString())),
                403,
                COMMODITY_TYPE_MISMATCH);
    }

    // 403 direct-message-incorrect-market-participant-role

    @Test
    void aSupplierAnsweringOrChangingAnAnswerIsIncorrectRole() {
        var supplier = supplierA();
        var error = expectError(
                send(
                        "POST",
                        ANSWER,
                        supplier,
                        answerBody(supplier, UUID.randomUUID().toString(), object("requestStatus", "CLOSE"))),
                403,
                INCORRECT_ROLE);
        assertThat(error.args())
                .containsExactly(
                        "marketParticipantContext.marketParticipantRole",
                        "OPEN_SUPPLIER",
                        "CLOSED_DISTRIBUTION_NETWORK or GRID_OPERATOR");
        expectError(
                send(
                        "PUT",
                        CHANGE_ANSWER,
                        supplier,
                        changeAnswerBody(supplier, UUID.randomUUID().toString(), object("responseComment", "x"))),
                403,
                INCORRECT_ROLE);
    }

    @Test
    void aGridOperatorCreatingOrChangingAnEnquiryIsIncorrectRole() {
        var grid = gridB();
        var error = expectError(
                send("POST", CREATE, grid, createBody(grid, anEnquiry().about(Party.METER_GRID_B))),
                403,
                INCORRECT_ROLE);
        assertThat(error.args())
                .containsExactly("marketParticipantContext.marketParticipantRole", "GRID_OPERATOR", "OPEN_SUPPLIER");
        expectError(
                send(
                        "PUT",
                        CHANGE,
                        grid,
                        changeBody(grid, UUID.randomUUID().toString(), object("requestStatus", "CANCEL"))),
                403,
                INCORRECT_ROLE);
        expectError(
                send(
                        "PUT",
                        CHANGE,
                        cdn(),
                        changeBody(cdn(), UUID.randomUUID().toString(), object("requestStatus", "CLOSE"))),
                403,
                INCORRECT_ROLE);
    }

    @Test
    void anAggregatorSearchingOrScanningIsIncorrectRole() {
        var aggregator = freshActor("AGGREGATOR", "ELECTRICITY");
        expectError(send("POST", SEARCH, aggregator, searchBody(aggregator, object())), 403, INCORRECT_ROLE);
        expectError(
                send(
                        "POST",
                        SCAN,
                        aggregator,
                        scanBody(aggregator, Instant.now().toString())),
                403,
                INCORRECT_ROLE);
        expectError(send("POST", CREATE, aggregator, createBody(aggregator, anEnquiry())), 403, INCORRECT_ROLE);
    }

    // 403 insufficient-permission

    @Test
    void aViewerWritingIsInsufficientPermission() {
        var world = freshWorld();
        var supplierViewer = hub.as(
                hub.technicalUser(world.supplier().party(), "VIEWER_DIRECT_MESSAGE"), "OPEN_SUPPLIER", "ELECTRICITY");
        var error = expectError(supplierViewer.create(anEnquiry().about(world.meter())), 403, INSUFFICIENT_PERMISSION);
        assertThat(error.args()).containsExactly("permission", "EDITOR_DIRECT_MESSAGE");
        assertThat(supplierViewer.search(object()).status())
                .as("a viewer may read")
                .isEqualTo(200);

        var requestId = world.enquiry();
        expectError(supplierViewer.cancel(requestId), 403, INSUFFICIENT_PERMISSION);
        var gridViewer = hub.as(
                hub.technicalUser(world.grid().party(), "VIEWER_DIRECT_MESSAGE"), "GRID_OPERATOR", "ELECTRICITY");
        expectError(gridViewer.answer(requestId, "CLOSE", "Not mine to say"), 403, INSUFFICIENT_PERMISSION);
        var responseId = world.grid().answerId(requestId, "OPEN", "Looking into it");
        expectError(
                gridViewer.changeAnswer(responseId, object("requestStatus", "CLOSE")), 403, INSUFFICIENT_PERMISSION);
    }

    @Test
    void anEditorMayWrite() {
        var world = freshWorld();
        var editor = hub.as(
                hub.technicalUser(world.supplier().party(), "EDITOR_DIRECT_MESSAGE"), "OPEN_SUPPLIER", "ELECTRICITY");
        assertThat(editor.create(anEnquiry().about(world.meter())).status()).isEqualTo(201);
    }

    // 404 direct-message-not-found

    @Test
    void anUnknownEnquiryIsNotFound() {
        var world = freshWorld();
        var unknown = UUID.randomUUID().toString();
        var error = expectError(world.supplier().change(unknown, object("requestComment", "x")), 404, NOT_FOUND);
        assertThat(error.args()).containsExactly("messageRequestId", unknown);
        expectError(world.supplier().cancel(unknown), 404, NOT_FOUND);
        expectError(
                send(
                        "PUT",
                        "/api/v1/direct-messages/" + unknown,
                        world.supplier(),
                        object(
                                "marketParticipantContext",
                                world.supplier().context(),
                                "directMessageRequestChange",
                                object("requestStatus", "CLOSE"))),
                404,
                NOT_FOUND);
        expectError(world.grid().answer(unknown, "OPEN", "?"), 404, NOT_FOUND);
        expectError(
                send(
                        "POST",
                        "/api/v1/direct-message/" + unknown + "/response",
                        world.grid(),
                        object(
                                "marketParticipantContext",
                                world.grid().context(),
                                "directMessageResponse",
                                object("requestStatus", "OPEN"))),
                404,
                NOT_FOUND);
    }

    @Test
    void anotherSuppliersEnquiryIsNotFound() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var otherSupplier = freshActor("OPEN_SUPPLIER", "ELECTRICITY");
        expectError(otherSupplier.change(requestId, object("requestComment", "Mine now")), 404, NOT_FOUND);
        expectError(otherSupplier.cancel(requestId), 404, NOT_FOUND);
        assertThat(world.supplier()
                        .change(requestId, object("requestComment", "Still mine"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anEnquiryAddressedToAnotherGridOperatorIsNotFound() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var otherGrid = freshActor("GRID_OPERATOR", "ELECTRICITY");
        expectError(otherGrid.answer(requestId, "CLOSE", "Not ours"), 404, NOT_FOUND);
    }

    @Test
    void anEnquiryOfTheOtherCommodityIsNotFound() {
        var grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY", "NATURAL_GAS")),
                "GRID_OPERATOR",
                "ELECTRICITY");
        var meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        var supplierParty = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY", "NATURAL_GAS"));
        var requestId = hub.as(supplierParty, "OPEN_SUPPLIER", "ELECTRICITY")
                .send(anEnquiry().about(meter));

        expectError(hub.as(supplierParty, "OPEN_SUPPLIER", "NATURAL_GAS").cancel(requestId), 404, NOT_FOUND);
        expectError(
                hub.as(grid.party(), "GRID_OPERATOR", "NATURAL_GAS").answer(requestId, "OPEN", "?"), 404, NOT_FOUND);
    }

    @Test
    void anAnswerIdIsNotAnEnquiryId() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var responseId = world.grid().answerId(requestId, "OPEN", "Looking into it");
        expectError(world.supplier().change(responseId, object("requestComment", "x")), 404, NOT_FOUND);
        expectError(world.grid().changeAnswer(requestId, object("responseComment", "x")), 404, RESPONSE_NOT_FOUND);
    }

    // 404 direct-message-response-not-found

    @Test
    void anUnknownAnswerIsResponseNotFound() {
        var world = freshWorld();
        var unknown = UUID.randomUUID().toString();
        var error = expectError(
                world.grid().changeAnswer(unknown, object("responseComment", "x")), 404, RESPONSE_NOT_FOUND);
        assertThat(error.args()).containsExactly("messageResponseId", unknown);
    }

    @Test
    void anotherGridOperatorsAnswerIsResponseNotFound() {
        var world = freshWorld();
        var responseId = world.grid().answerId(world.enquiry(), "OPEN", "Looking into it");
        var otherGrid = freshActor("GRID_OPERATOR", "ELECTRICITY");
        expectError(otherGrid.changeAnswer(responseId, object("requestStatus", "CLOSE")), 404, RESPONSE_NOT_FOUND);
    }

    @Test
    void anAnswerUnderAnotherEnquiryInThePathIsResponseNotFound() {
        var world = freshWorld();
        var answered = world.enquiry();
        var other = world.enquiry();
        var responseId = world.grid().answerId(answered, "OPEN", "Looking into it");
        var body = EnquiryJson.object(
                "marketParticipantContext",
                world.grid().context(),
                "directMessageResponseChange",
                object("responseComment", "Moved"));
        expectError(
                send("PUT", "/api/v1/direct-message/" + other + "/response/" + responseId, world.grid(), body),
                404,
                RESPONSE_NOT_FOUND);
        assertThat(send("PUT", "/api/v1/direct-message/" + answered + "/response/" + responseId, world.grid(), body)
                        .status())
                .as("under its own enquiry")
                .isEqualTo(200);
    }
}
