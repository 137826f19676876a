package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.COMMODITY_TYPE_MISMATCH;
import static ee.datahub.enquiryhub.support.ErrorCodes.INCORRECT_ROLE;
import static ee.datahub.enquiryhub.support.ErrorCodes.INSUFFICIENT_PERMISSION;
import static ee.datahub.enquiryhub.support.ErrorCodes.NOT_FOUND;
import static ee.datahub.enquiryhub.support.ErrorCodes.RESPONSE_NOT_FOUND;
import static ee.datahub.enquiryhub.support.ErrorCodes.UNPROCESSABLE_CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what (spec §2): every market role against every v1 message, then the visibility rules
 * behind the roles (another party's enquiry is "not found", never a leak), the commodity dimension,
 * a participant holding both roles, and the technical users' permissions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends HubApiTest {

    private static final String OPEN_SUPPLIER = "OPEN_SUPPLIER";
    private static final String GRID_OPERATOR = "GRID_OPERATOR";
    private static final String CLOSED_DISTRIBUTION_NETWORK = "CLOSED_DISTRIBUTION_NETWORK";
    private static final String AGGREGATOR = "AGGREGATOR";
    private static final String ELECTRICITY = "ELECTRICITY";
    private static final String NATURAL_GAS = "NATURAL_GAS";

    // Every market role the hub knows (spec §2), to read the allowed roles out of an error's args.
    private static final Set<String> ALL_ROLES = Set.of(
            OPEN_SUPPLIER,
            GRID_OPERATOR,
            CLOSED_DISTRIBUTION_NETWORK,
            "LINE_OPERATOR",
            "PRODUCER_OPERATOR",
            "CHARGING_POINT_OPERATOR",
            AGGREGATOR,
            "ENERGY_SERVICE_PROVIDER",
            "STORAGE_OPERATOR",
            "GAS_STATION_OPERATOR");

    /** The v1 messages, the path forms among them, and the roles the spec's table allows for each. */
    enum Message {
        CREATE(201, OPEN_SUPPLIER),
        CHANGE(200, OPEN_SUPPLIER),
        CHANGE_BY_PATH(200, OPEN_SUPPLIER),
        ANSWER(201, GRID_OPERATOR, CLOSED_DISTRIBUTION_NETWORK),
        ANSWER_BY_PATH(201, GRID_OPERATOR, CLOSED_DISTRIBUTION_NETWORK),
        CHANGE_ANSWER(200, GRID_OPERATOR, CLOSED_DISTRIBUTION_NETWORK),
        CHANGE_ANSWER_BY_PATH(200, GRID_OPERATOR, CLOSED_DISTRIBUTION_NETWORK),
        SEARCH(200, OPEN_SUPPLIER, GRID_OPERATOR, CLOSED_DISTRIBUTION_NETWORK),
        CHANGE_SCAN(200, OPEN_SUPPLIER, GRID_OPERATOR, CLOSED_DISTRIBUTION_NETWORK);

        final int success;
        final Set<String> allowedRoles;

        Message(int success, String... allowedRoles) {
            this.success = success;
            this.allowedRoles = Set.of(allowedRoles);
        }
    }

    // Fresh participants, one per role, shared by the tests of this class.
    private record World(Party supplier, Party grid, Party cdn, Party aggregator, String gridMeter, String cdnMeter) {

        Party holderOf(String role) {
            return switch (role) {
                case OPEN_SUPPLIER -> supplier;
                case GRID_OPERATOR -> grid;
                case CLOSED_DISTRIBUTION_NETWORK -> cdn;
                case AGGREGATOR -> aggregator;
                default -> throw new IllegalArgumentException(role);
            };
        }
    }

    private World world;

    private World world() {
        if (world == null) {
            var grid = hub.registerParty(List.of(GRID_OPERATOR), List.of(ELECTRICITY));
            var cdn = hub.registerParty(List.of(CLOSED_DISTRIBUTION_NETWORK), List.of(ELECTRICITY));
            world = new World(
                    hub.registerParty(List.of(OPEN_SUPPLIER), List.of(ELECTRICITY)),
                    grid,
                    cdn,
                    hub.registerParty(List.of(AGGREGATOR), List.of(ELECTRICITY)),
                    hub.registerMeteringPoint(grid, ELECTRICITY),
                    hub.registerMeteringPoint(cdn, ELECTRICITY));
        }
        return world;
    }

    Stream<Arguments> everyRoleAgainstEveryMessage() {
        return Stream.of(OPEN_SUPPLIER, GRID_OPERATOR, CLOSED_DISTRIBUTION_NETWORK, AGGREGATOR)
                .flatMap(role -> Arrays.stream(Message.values())
                        .map(message -> Arguments.of(role, message, message.allowedRoles.contains(role))));
    }

    @ParameterizedTest(name = "{0} sends {1}: allowed {2}")
    @MethodSource("everyRoleAgainstEveryMessage")
    void eachRoleMaySendOnlyTheMessagesTheSpecAllowsIt(String role, Message message, boolean allowed) {
        var world = world();
        var start = Instant.now().minusSeconds(1).toString();
        var actor = hub.as(world.holderOf(role), role, ELECTRICITY);
        var supplier = hub.as(world.supplier(), OPEN_SUPPLIER, ELECTRICITY);
        // The target lies on the actor's own side wherever that is possible, so that an allowed message
        // succeeds and a refused one is refused for the role alone, not for visibility.
        var receiver = role.equals(CLOSED_DISTRIBUTION_NETWORK)
                ? hub.as(world.cdn(), CLOSED_DISTRIBUTION_NETWORK, ELECTRICITY)
                : hub.as(world.grid(), GRID_OPERATOR, ELECTRICITY);
        var meter = role.equals(CLOSED_DISTRIBUTION_NETWORK) ? world.cdnMeter() : world.gridMeter();
        var requestId = supplier.send(anEnquiry().about(meter).comment("Matrix " + role + " " + message));
        var responseId = receiver.answerId(requestId, "OPEN", "Looking into it");

        var response = switch (message) {
            case CREATE -> actor.create(anEnquiry().about(world.gridMeter()));
            case CHANGE -> actor.change(requestId, object("requestComment", "Changed in the role " + role));
            case CHANGE_BY_PATH ->
                actor.changeByPath(requestId, object("requestComment", "Changed in the role " + role));
            case ANSWER -> actor.answer(requestId, "OPEN", "Answered in the role " + role);
            case ANSWER_BY_PATH -> actor.answerByPath(requestId, "OPEN", "Answered in the role " + role);
            case CHANGE_ANSWER ->
                actor.changeAnswer(responseId, object("responseComment", "Changed in the role " + role));
            case CHANGE_ANSWER_BY_PATH ->
                actor.changeAnswerByPath(
                        requestId, responseId, object("responseComment", "Changed in the role " + role));
            case SEARCH -> actor.search(object("messageRequestId", requestId));
            case CHANGE_SCAN -> actor.scan(start);
        };

        if (allowed) {
            assertThat(response.status()).as("%s", response).isEqualTo(message.success);
            if (message == Message.SEARCH || message == Message.CHANGE_SCAN) {
                assertThat(response.json()
                                .valueStream()
                                .map(row -> row.get("messageRequestId").stringValue()))
                        .as("the %s sees the enquiry on its side", role)
                        .contains(requestId);
            }
        } else {
            assertThat(response.status()).as("%s", response).isEqualTo(403);
            assertThat(response.code()).isEqualTo(INCORRECT_ROLE);
            var args = response.args();
            assertThat(args.get(0)).isEqualTo("marketParticipantContext.marketParticipantRole");
            assertThat(args.get(1)).isEqualTo(role);
            assertThat(rolesNamedIn(args.subList(2, args.size())))
                    .as("the args name exactly the allowed roles: %s", args)
                    .isEqualTo(new TreeSet<>(message.allowedRoles));
        }
    }

    @Test
    void actingInARoleTheParticipantDoesNotHoldIsAnUnprocessableContext() {
        var supplierAsGridOperator = supplierA().actingAs(GRID_OPERATOR, ELECTRICITY);

        var response = supplierAsGridOperator.search(object());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo(UNPROCESSABLE_CONTEXT);
    }

    @Test
    void actingInACommodityTheParticipantDoesNotTradeIsACommodityMismatch() {
        var supplierInGas = supplierA().actingAs(OPEN_SUPPLIER, NATURAL_GAS);

        var response = supplierInGas.create(anEnquiry().about(Party.METER_GRID_B_GAS));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo(COMMODITY_TYPE_MISMATCH);
    }

    @Test
    void aContextNamingAnotherParticipantThanTheTokensIsRefused() {
        var response = hub.v1(
                "POST",
                "/api/v1/direct-messages/search",
                Party.SUPPLIER_A,
                object("marketParticipantContext", supplierB().context()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo(UNPROCESSABLE_CONTEXT);
    }

    @Test
    void hubOperatorsClientActsForNoMarketParticipant() {
        var response = hub.v1(
                "POST",
                "/api/v1/direct-messages/search",
                Party.HUB_OPERATOR,
                object("marketParticipantContext", supplierA().context()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo(UNPROCESSABLE_CONTEXT);
    }

    @Test
    void supplierCannotFindAnotherSuppliersEnquiryBySearch() {
        var grid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);
        var owner = freshSupplier();
        var other = freshSupplier();
        var requestId = owner.send(anEnquiry().about(meter));
        grid.answerId(requestId, "OPEN", "An interim answer");

        var byId = other.search(object("messageRequestId", requestId));
        var byMeter = other.search(object("meterEic", meter));

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json()).isEmpty();
        assertThat(byId.header("x-pagination-total-elements")).isEqualTo("0");
        assertThat(byMeter.json()).isEmpty();
        assertThat(owner.thread(requestId)).hasSize(2);
    }

    @Test
    void supplierChangingAnotherSuppliersEnquiryGetsNotFoundAndChangesNothing() {
        var grid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);
        var owner = freshSupplier();
        var other = freshSupplier();
        var requestId = owner.send(anEnquiry().about(meter).comment("The owner's words"));
        var before = owner.thread(requestId);

        var writes = List.of(
                other.change(requestId, object("requestComment", "Someone else's words")),
                other.changeByPath(requestId, object("requestComment", "Someone else's words")),
                other.cancel(requestId),
                other.close(requestId));

        assertThat(writes).allSatisfy(response -> {
            assertThat(response.status()).as("%s", response).isEqualTo(404);
            assertThat(response.code()).isEqualTo(NOT_FOUND);
        });
        assertThat(owner.thread(requestId)).isEqualTo(before);
    }

    @Test
    void supplierChangingAnotherSuppliersEnquiryGetsTheSameAnswerAsForAnUnknownId() {
        var owner = freshSupplier();
        var other = freshSupplier();
        var requestId = owner.send(anEnquiry().about(Party.METER_GRID_A));
        var unknownId = UUID.randomUUID().toString();

        assertIndistinguishable(other.cancel(requestId), requestId, other.cancel(unknownId), unknownId);
        owner.cancel(requestId);
        assertIndistinguishable(other.cancel(requestId), requestId, other.cancel(unknownId), unknownId);
    }

    @Test
    void supplierDoesNotReceiveAnotherSuppliersAnswersInItsScan() {
        var start = Instant.now().minusSeconds(1).toString();
        var grid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);
        var owner = freshSupplier();
        var other = freshSupplier();
        var requestId = owner.send(anEnquiry().about(meter));
        grid.answerId(requestId, "OPEN", "An interim answer");
        var responseId = grid.answerId(requestId, "CLOSE", "The final answer");

        assertThat(other.scanAll(start)).isEmpty();
        assertThat(owner.scanAll(start, requestId))
                .hasSize(2)
                .last()
                .satisfies(row ->
                        assertThat(row.get("messageResponseId").stringValue()).isEqualTo(responseId));
    }

    @Test
    void gridOperatorDoesNotReceiveAnotherGridOperatorsEnquiriesInItsScanOrSearch() {
        var start = Instant.now().minusSeconds(1).toString();
        var grid = freshGridOperator();
        var otherGrid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);
        var requestId = freshSupplier().send(anEnquiry().about(meter));

        assertThat(otherGrid.scanAll(start)).isEmpty();
        assertThat(otherGrid.thread(requestId)).isEmpty();
        assertThat(grid.scanAll(start, requestId)).hasSize(1);
        assertThat(grid.thread(requestId)).hasSize(1);
    }

    @Test
    void gridOperatorAnsweringAnotherGridOperatorsEnquiryGetsTheSameNotFoundAsForAnUnknownId() {
        var grid = freshGridOperator();
        var otherGrid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);
        var supplier = freshSupplier();
        var requestId = supplier.send(anEnquiry().about(meter));
        var unknownId = UUID.randomUUID().toString();

        var refused = otherGrid.answer(requestId, "OPEN", "Not mine to answer");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo(NOT_FOUND);
        assertIndistinguishable(
                refused, requestId, otherGrid.answer(unknownId, "OPEN", "Not mine to answer"), unknownId);
        assertIndistinguishable(
                otherGrid.answerByPath(requestId, "CLOSE", "Not mine"),
                requestId,
                otherGrid.answerByPath(unknownId, "CLOSE", "Not mine"),
                unknownId);
        // Rules that would refuse the answer for another reason must not tell the id exists either.
        assertIndistinguishable(
                otherGrid.answer(requestId, "CANCEL", null),
                requestId,
                otherGrid.answer(unknownId, "CANCEL", null),
                unknownId);
        supplier.close(requestId);
        assertIndistinguishable(
                otherGrid.answer(requestId, "OPEN", "Too late"),
                requestId,
                otherGrid.answer(unknownId, "OPEN", "Too late"),
                unknownId);

        assertThat(supplier.thread(requestId)).as("no answer was stored").hasSize(1);
    }

    @Test
    void gridOperatorChangingAnotherGridOperatorsAnswerGetsResponseNotFound() {
        var grid = freshGridOperator();
        var otherGrid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);
        var otherMeter = hub.registerMeteringPoint(otherGrid.party(), ELECTRICITY);
        var supplier = freshSupplier();
        var requestId = supplier.send(anEnquiry().about(meter));
        var responseId = grid.answerId(requestId, "OPEN", "The real answer");
        var otherRequestId = supplier.send(anEnquiry().about(otherMeter));
        var unknownId = UUID.randomUUID().toString();

        var refused = otherGrid.changeAnswer(responseId, object("responseComment", "Overwritten"));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo(RESPONSE_NOT_FOUND);
        assertIndistinguishable(
                refused,
                responseId,
                otherGrid.changeAnswer(unknownId, object("responseComment", "Overwritten")),
                unknownId);
        assertIndistinguishable(
                otherGrid.changeAnswerByPath(requestId, responseId, object("requestStatus", "CLOSE")), responseId,
                otherGrid.changeAnswerByPath(requestId, unknownId, object("requestStatus", "CLOSE")), unknownId);
        // The other grid operator's own enquiry in the path does not open the door either.
        var viaOwnEnquiry =
                otherGrid.changeAnswerByPath(otherRequestId, responseId, object("responseComment", "Overwritten"));
        assertThat(viaOwnEnquiry.status()).isEqualTo(404);
        assertThat(viaOwnEnquiry.code()).isEqualTo(RESPONSE_NOT_FOUND);

        assertThat(supplier.thread(requestId))
                .filteredOn(row -> row.has("messageResponseId"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("responseComment").stringValue()).isEqualTo("The real answer");
                    assertThat(row.get("requestStatus").stringValue()).isEqualTo("OPEN");
                });
    }

    @Test
    void answerIsChangedOnlyUnderItsOwnEnquiryInThePath() {
        var grid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);
        var supplier = freshSupplier();
        var requestId = supplier.send(anEnquiry().about(meter));
        var secondRequestId = supplier.send(anEnquiry().about(meter));
        var responseId = grid.answerId(requestId, "OPEN", "The real answer");

        var wrongEnquiry = grid.changeAnswerByPath(secondRequestId, responseId, object("responseComment", "Moved"));
        var rightEnquiry = grid.changeAnswerByPath(requestId, responseId, object("responseComment", "Changed"));

        assertThat(wrongEnquiry.status()).isEqualTo(404);
        assertThat(wrongEnquiry.code()).isEqualTo(RESPONSE_NOT_FOUND);
        assertThat(rightEnquiry.status()).isEqualTo(200);
    }

    @Test
    void anEnquirySentInElectricityIsInvisibleToItsPartiesActingInNaturalGas() {
        var start = Instant.now().minusSeconds(1).toString();
        var gridParty = hub.registerParty(List.of(GRID_OPERATOR), List.of(ELECTRICITY, NATURAL_GAS));
        var supplierParty = hub.registerParty(List.of(OPEN_SUPPLIER), List.of(ELECTRICITY, NATURAL_GAS));
        var meter = hub.registerMeteringPoint(gridParty, ELECTRICITY);
        var gridInElectricity = hub.as(gridParty, GRID_OPERATOR, ELECTRICITY);
        var gridInGas = hub.as(gridParty, GRID_OPERATOR, NATURAL_GAS);
        var supplierInElectricity = hub.as(supplierParty, OPEN_SUPPLIER, ELECTRICITY);
        var supplierInGas = hub.as(supplierParty, OPEN_SUPPLIER, NATURAL_GAS);
        var requestId = supplierInElectricity.send(anEnquiry().about(meter));
        var unknownId = UUID.randomUUID().toString();

        assertThat(gridInGas.thread(requestId)).isEmpty();
        assertThat(gridInGas.scanAll(start)).isEmpty();
        assertIndistinguishable(
                gridInGas.answer(requestId, "OPEN", "Wrong commodity"),
                requestId,
                gridInGas.answer(unknownId, "OPEN", "Wrong commodity"),
                unknownId);
        assertThat(supplierInGas.thread(requestId)).isEmpty();
        assertIndistinguishable(supplierInGas.cancel(requestId), requestId, supplierInGas.cancel(unknownId), unknownId);

        var responseId = gridInElectricity.answerId(requestId, "OPEN", "Right commodity");
        assertIndistinguishable(
                gridInGas.changeAnswer(responseId, object("responseComment", "Wrong commodity")),
                responseId,
                gridInGas.changeAnswer(unknownId, object("responseComment", "Wrong commodity")),
                unknownId);
        assertThat(supplierInGas.scanAll(start)).isEmpty();
        assertThat(supplierInElectricity.scanAll(start, requestId)).hasSize(1);
        assertThat(gridInElectricity.scanAll(start, requestId)).hasSize(1);
    }

    @Test
    void participantWithBothRolesSeesItsEnquiryToItselfOnTheReceiverSideOnlyAsGridOperator() {
        var start = Instant.now().minusSeconds(1).toString();
        var asSupplier = hub.as(Party.GRID_A, OPEN_SUPPLIER, ELECTRICITY);
        var asGridOperator = hub.as(Party.GRID_A, GRID_OPERATOR, ELECTRICITY);
        var byReceiverEic =
                asSupplier.send(anEnquiry().about(Party.METER_GRID_B).to(Party.GRID_A.eic()));
        var byOwnMeter = asSupplier.send(anEnquiry().about(Party.METER_GRID_A));

        for (var requestId : List.of(byReceiverEic, byOwnMeter)) {
            assertThat(asGridOperator.scanAll(start, requestId))
                    .as("the receiver side hears of it")
                    .singleElement()
                    .satisfies(row -> {
                        assertThat(row.get("reason").stringValue()).isEqualTo("CREATE");
                        assertThat(row.get("senderEic").stringValue()).isEqualTo(Party.GRID_A.eic());
                        assertThat(row.get("receiverEic").stringValue()).isEqualTo(Party.GRID_A.eic());
                    });
            assertThat(asSupplier.scanAll(start, requestId))
                    .as("its own write is not echoed to the sender side")
                    .isEmpty();
            assertThat(asSupplier.thread(requestId)).hasSize(1);
            assertThat(asGridOperator.thread(requestId)).hasSize(1);

            var answer = asSupplier.answer(requestId, "OPEN", "Answering as supplier");
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo(INCORRECT_ROLE);
            var change = asGridOperator.change(requestId, object("requestComment", "Changing as grid operator"));
            assertThat(change.status()).isEqualTo(403);
            assertThat(change.code()).isEqualTo(INCORRECT_ROLE);

            var responseId = asGridOperator.answerId(requestId, "OPEN", "Answering myself");
            assertThat(asSupplier.scanAll(start, requestId))
                    .singleElement()
                    .satisfies(row -> assertThat(row.get("messageResponseId").stringValue())
                            .isEqualTo(responseId));
            assertThat(asGridOperator.scanAll(start, requestId))
                    .as("the answer is not echoed to the receiver side")
                    .hasSize(1);
        }
    }

    @Test
    void participantWithBothRolesDoesNotSeeWhatItSentToAnotherGridOperatorWhenActingAsGridOperator() {
        var start = Instant.now().minusSeconds(1).toString();
        var asSupplier = hub.as(Party.GRID_A, OPEN_SUPPLIER, ELECTRICITY);
        var asGridOperator = hub.as(Party.GRID_A, GRID_OPERATOR, ELECTRICITY);
        var requestId = asSupplier.send(anEnquiry().about(Party.METER_GRID_B));
        var receivedFromOthers = supplierA().send(anEnquiry().about(Party.METER_GRID_A));

        assertThat(asGridOperator.thread(requestId)).isEmpty();
        assertThat(asGridOperator.scanAll(start, requestId)).isEmpty();
        var answer = asGridOperator.answer(requestId, "OPEN", "Not mine to answer");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo(NOT_FOUND);
        assertThat(gridB().thread(requestId)).hasSize(1);

        assertThat(asSupplier.thread(receivedFromOthers))
                .as("what it received is not on its sender side")
                .isEmpty();
        assertThat(asSupplier.scanAll(start, receivedFromOthers)).isEmpty();
        assertThat(asSupplier.cancel(receivedFromOthers).code()).isEqualTo(NOT_FOUND);
    }

    @Test
    void closedDistributionNetworkReceivesAndAnswersAnEnquiryAboutItsMeter() {
        var start = Instant.now().minusSeconds(1).toString();
        var cdnParty = hub.registerParty(List.of(CLOSED_DISTRIBUTION_NETWORK), List.of(ELECTRICITY));
        var cdn = hub.as(cdnParty, CLOSED_DISTRIBUTION_NETWORK, ELECTRICITY);
        var meter = hub.registerMeteringPoint(cdnParty, ELECTRICITY);
        var supplier = freshSupplier();
        var requestId = supplier.send(anEnquiry().about(meter));

        assertThat(cdn.scanAll(start, requestId))
                .singleElement()
                .satisfies(
                        row -> assertThat(row.get("receiverEic").stringValue()).isEqualTo(cdnParty.eic()));
        var interimId = cdn.answerId(requestId, "OPEN", "We are checking the meter readings");
        assertThat(cdn.changeAnswer(interimId, object("responseComment", "We are checking the readings"))
                        .status())
                .isEqualTo(200);
        var finalId = cdn.answerId(requestId, "CLOSE", "The readings are correct");

        assertThat(supplier.scanAll(start, requestId))
                .extracting(row -> row.get("messageResponseId").stringValue())
                .containsExactly(interimId, interimId, finalId);
        assertThat(supplier.thread(requestId))
                .hasSize(3)
                .allSatisfy(row ->
                        assertThat(row.get("requestStatus").stringValue()).isEqualTo("CLOSE"));
        assertThat(freshGridOperator().answer(requestId, "OPEN", "Not mine").code())
                .isEqualTo(NOT_FOUND);
    }

    @Test
    void demoClosedDistributionNetworkAnswersAsClosedDistributionNetwork() {
        var requestId = supplierA().send(anEnquiry().about(Party.METER_CDN));

        assertThat(cdn().answer(requestId, "CLOSE", "Answered by the closed distribution network")
                        .status())
                .isEqualTo(201);
        assertThat(supplierA().thread(requestId)).hasSize(2);
    }

    @Test
    void viewerTechnicalUserMaySearchAndScanButNotWrite() {
        var start = Instant.now().minusSeconds(1).toString();
        var gridAdmin = freshGridOperator();
        var meter = hub.registerMeteringPoint(gridAdmin.party(), ELECTRICITY);
        var supplierAdmin = freshSupplier();
        var supplierViewer =
                hub.as(hub.technicalUser(supplierAdmin.party(), "VIEWER_DIRECT_MESSAGE"), OPEN_SUPPLIER, ELECTRICITY);
        var gridViewer =
                hub.as(hub.technicalUser(gridAdmin.party(), "VIEWER_DIRECT_MESSAGE"), GRID_OPERATOR, ELECTRICITY);
        var requestId = supplierAdmin.send(anEnquiry().about(meter));
        var responseId = gridAdmin.answerId(requestId, "OPEN", "An interim answer");
        var before = supplierAdmin.thread(requestId);

        assertThat(supplierViewer.thread(requestId)).hasSize(2);
        assertThat(gridViewer.thread(requestId)).hasSize(2);
        assertThat(supplierViewer.scanAll(start, requestId)).hasSize(1);
        assertThat(gridViewer.scanAll(start, requestId)).hasSize(1);

        var writes = List.of(
                supplierViewer.create(anEnquiry().about(meter)),
                supplierViewer.change(requestId, object("requestComment", "Viewer's words")),
                supplierViewer.changeByPath(requestId, object("requestComment", "Viewer's words")),
                supplierViewer.cancel(requestId),
                gridViewer.answer(requestId, "CLOSE", "Viewer's answer"),
                gridViewer.answerByPath(requestId, "CLOSE", "Viewer's answer"),
                gridViewer.changeAnswer(responseId, object("requestStatus", "CLOSE")),
                gridViewer.changeAnswerByPath(requestId, responseId, object("requestStatus", "CLOSE")));
        assertThat(writes).allSatisfy(response -> {
            assertThat(response.status()).as("%s", response).isEqualTo(403);
            assertThat(response.code()).isEqualTo(INSUFFICIENT_PERMISSION);
        });
        assertThat(supplierAdmin.thread(requestId)).isEqualTo(before);
        assertThat(supplierAdmin.search(object("meterEic", meter)).json()).hasSize(2);
    }

    @Test
    void missingPermissionIsDecidedBeforeAnyLookup() {
        var supplierViewer =
                hub.as(hub.technicalUser(freshSupplier().party(), "VIEWER_DIRECT_MESSAGE"), OPEN_SUPPLIER, ELECTRICITY);
        var gridViewer = hub.as(
                hub.technicalUser(freshGridOperator().party(), "VIEWER_DIRECT_MESSAGE"), GRID_OPERATOR, ELECTRICITY);
        var unknownId = UUID.randomUUID().toString();

        assertThat(List.of(
                        supplierViewer.cancel(unknownId),
                        gridViewer.answer(unknownId, "OPEN", "x"),
                        gridViewer.changeAnswer(unknownId, object("responseComment", "x"))))
                .allSatisfy(response -> {
                    assertThat(response.status()).as("%s", response).isEqualTo(403);
                    assertThat(response.code()).isEqualTo(INSUFFICIENT_PERMISSION);
                });
    }

    @Test
    void editorTechnicalUserMayWrite() {
        var start = Instant.now().minusSeconds(1).toString();
        var gridAdmin = freshGridOperator();
        var meter = hub.registerMeteringPoint(gridAdmin.party(), ELECTRICITY);
        var supplierAdmin = freshSupplier();
        var supplierEditor =
                hub.as(hub.technicalUser(supplierAdmin.party(), "EDITOR_DIRECT_MESSAGE"), OPEN_SUPPLIER, ELECTRICITY);
        var gridEditor =
                hub.as(hub.technicalUser(gridAdmin.party(), "EDITOR_DIRECT_MESSAGE"), GRID_OPERATOR, ELECTRICITY);

        var requestId = supplierEditor.send(anEnquiry().about(meter));
        assertThat(supplierEditor
                        .change(requestId, object("requestComment", "Edited"))
                        .status())
                .isEqualTo(200);
        var responseId = gridEditor.answerId(requestId, "OPEN", "An interim answer");
        assertThat(gridEditor
                        .changeAnswer(responseId, object("requestStatus", "CLOSE"))
                        .status())
                .isEqualTo(200);

        assertThat(supplierEditor.scanAll(start, requestId)).hasSize(2);
        assertThat(supplierAdmin.thread(requestId))
                .as("the editor acts for its participant: the admin sees the same thread")
                .hasSize(2)
                .allSatisfy(row ->
                        assertThat(row.get("requestStatus").stringValue()).isEqualTo("CLOSE"));
    }

    // An enquiry or answer that exists but is not the caller's is answered exactly like an id that
    // does not exist: same status, code, and message and args up to the id itself.
    private static void assertIndistinguishable(Response real, String realId, Response unknown, String unknownId) {
        assertThat(real.status())
                .as("%s vs %s", real, unknown)
                .isEqualTo(unknown.status())
                .isEqualTo(404);
        assertThat(real.code()).isEqualTo(unknown.code());
        assertThat(real.errorMessage().replace(realId, "<id>"))
                .isEqualTo(unknown.errorMessage().replace(unknownId, "<id>"));
        assertThat(real.args().stream().map(arg -> arg.replace(realId, "<id>")).toList())
                .isEqualTo(unknown.args().stream()
                        .map(arg -> arg.replace(unknownId, "<id>"))
                        .toList());
    }

    private static TreeSet<String> rolesNamedIn(List<String> args) {
        return args.stream()
                .flatMap(arg -> Arrays.stream(arg.split("[^A-Z_]+")))
                .filter(ALL_ROLES::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Actor freshSupplier() {
        return hub.as(hub.registerParty(List.of(OPEN_SUPPLIER), List.of(ELECTRICITY)), OPEN_SUPPLIER, ELECTRICITY);
    }

    private Actor freshGridOperator() {
        return hub.as(hub.registerParty(List.of(GRID_OPERATOR), List.of(ELECTRICITY)), GRID_OPERATOR, ELECTRICITY);
    }
}
