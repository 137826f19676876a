package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who receives an enquiry (spec §5.2): the grid operator of the metering point in the register, for
 * the commodity the supplier acts in; or the {@code receiverEic} the supplier gives, taken as given
 * when it is a registered grid operator or closed distribution network in that commodity.
 */
class AddresseeTest extends HubApiTest {

    private static final String ELECTRICITY = "ELECTRICITY";
    private static final String NATURAL_GAS = "NATURAL_GAS";
    private static final String CANNOT_BE_RESOLVED = "opp.error.business.direct-message-receiver-cannot-be-resolved";

    private String start;

    @BeforeEach
    void startScansNow() {
        start = Instant.now().minusSeconds(1).toString();
    }

    @Test
    void receiverIsTheGridOperatorOfTheMeterInTheSuppliersCommodity() {
        var gridParty = hub.registerParty(List.of("GRID_OPERATOR"), List.of(ELECTRICITY, NATURAL_GAS));
        var electricityMeter = hub.registerMeteringPoint(gridParty, ELECTRICITY);
        var gasMeter = hub.registerMeteringPoint(gridParty, NATURAL_GAS);
        var supplierParty = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of(ELECTRICITY, NATURAL_GAS));
        var inElectricity = hub.as(supplierParty, "OPEN_SUPPLIER", ELECTRICITY);
        var inGas = hub.as(supplierParty, "OPEN_SUPPLIER", NATURAL_GAS);

        var electricityId = inElectricity.send(anEnquiry().about(electricityMeter));
        var gasId = inGas.send(anEnquiry().about(gasMeter));

        assertThat(receiverOf(inElectricity, electricityId)).isEqualTo(gridParty.eic());
        assertThat(receiverOf(inGas, gasId)).isEqualTo(gridParty.eic());
        assertThat(hub.as(gridParty, "GRID_OPERATOR", NATURAL_GAS).scanAll(start))
                .extracting(row -> row.get("messageRequestId").stringValue())
                .containsExactly(gasId);
        assertThat(hub.as(gridParty, "GRID_OPERATOR", ELECTRICITY).scanAll(start))
                .extracting(row -> row.get("messageRequestId").stringValue())
                .containsExactly(electricityId);
    }

    @Test
    void demoMetersResolveToTheirGridOperators() {
        var toGridA = supplierA().send(anEnquiry().about(Party.METER_GRID_A));
        var toGridB = supplierB().send(anEnquiry().about(Party.METER_GRID_B));
        var toGridBInGas = hub.as(Party.SUPPLIER_B, "OPEN_SUPPLIER", NATURAL_GAS)
                .send(anEnquiry().about(Party.METER_GRID_B_GAS));
        var toCdn = supplierA().send(anEnquiry().about(Party.METER_CDN));

        assertThat(gridA().thread(toGridA)).hasSize(1);
        assertThat(gridB().thread(toGridB)).hasSize(1);
        assertThat(hub.as(Party.GRID_B, "GRID_OPERATOR", NATURAL_GAS).thread(toGridBInGas))
                .hasSize(1);
        assertThat(cdn().thread(toCdn)).hasSize(1);
        assertThat(gridB().thread(toGridA)).isEmpty();
    }

    @Test
    void meterOfAnotherCommodityDoesNotResolve() {
        var response = supplierB().create(anEnquiry().about(Party.METER_GRID_B_GAS));

        assertRefused(response, "directMessageRequest[0].meterEic");
    }

    @Test
    void unregisteredMeterWithoutReceiverDoesNotResolve() {
        var response = supplierA().create(anEnquiry().about(Eics.meteringPoint()));

        assertRefused(response, "directMessageRequest[0].meterEic");
    }

    @Test
    void anEnquirySentAsOneObjectIsNamedWithoutAnIndex() {
        var body = EnquiryJson.object(
                "marketParticipantContext",
                supplierA().context(),
                "directMessageRequest",
                anEnquiry().about(Eics.meteringPoint()).json());
        var response = hub.v1("POST", "/api/v1/direct-messages", Party.SUPPLIER_A, body);

        assertRefused(response, "directMessageRequest.meterEic");
    }

    @Test
    void batchWithOneUnresolvableEnquiryStoresNothing() {
        var supplier = freshSupplier();
        var grid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);

        var response = supplier.create(anEnquiry().about(meter), anEnquiry().about(Eics.meteringPoint()));

        assertRefused(response, "directMessageRequest[1].meterEic");
        assertThat(supplier.search(object()).json()).isEmpty();
        assertThat(grid.scanAll(start)).isEmpty();
    }

    @Test
    void givenReceiverIsTakenAsGivenEvenWhenItIsNotTheMetersGridOperator() {
        var metersGrid = freshGridOperator();
        var givenGrid = freshGridOperator();
        var meter = hub.registerMeteringPoint(metersGrid.party(), ELECTRICITY);
        var supplier = freshSupplier();

        var requestId =
                supplier.send(anEnquiry().about(meter).to(givenGrid.party().eic()));

        assertThat(receiverOf(supplier, requestId)).isEqualTo(givenGrid.party().eic());
        assertThat(givenGrid.scanAll(start))
                .singleElement()
                .satisfies(row -> assertThat(row.get("receiverEic").stringValue())
                        .isEqualTo(givenGrid.party().eic()));
        assertThat(givenGrid
                        .answer(requestId, "CLOSE", "Answered by the given receiver")
                        .status())
                .isEqualTo(201);
        assertThat(metersGrid.scanAll(start)).isEmpty();
        assertThat(metersGrid.thread(requestId)).isEmpty();
    }

    @Test
    void givenReceiverMayBeAClosedDistributionNetworkOrAParticipantWithBothRoles() {
        var toCdn = supplierA().send(anEnquiry().about(Party.METER_GRID_A).to(Party.CDN.eic()));
        var toGridA = supplierA().send(anEnquiry().about(Party.METER_GRID_B).to(Party.GRID_A.eic()));

        assertThat(cdn().thread(toCdn)).hasSize(1);
        assertThat(gridA().thread(toCdn)).isEmpty();
        assertThat(gridA().thread(toGridA)).hasSize(1);
        assertThat(gridB().thread(toGridA)).isEmpty();
    }

    @Test
    void givenReceiverNeedsNoRegisteredMeter() {
        var grid = freshGridOperator();

        var requestId = supplierA()
                .send(anEnquiry().about(Eics.meteringPoint()).to(grid.party().eic()));

        assertThat(grid.thread(requestId)).hasSize(1);
    }

    @Test
    void givenReceiverIsTakenAsGivenForAMeterOfAnotherCommodity() {
        var requestId =
                supplierB().send(anEnquiry().about(Party.METER_GRID_B_GAS).to(Party.GRID_B.eic()));

        assertThat(gridB().thread(requestId)).hasSize(1);
        assertThat(hub.as(Party.GRID_B, "GRID_OPERATOR", NATURAL_GAS).thread(requestId))
                .isEmpty();
    }

    @Test
    void givenReceiverMustBeARegisteredGridOperatorOrClosedDistributionNetworkInTheCommodity() {
        var gasOnlyGrid = hub.registerParty(List.of("GRID_OPERATOR"), List.of(NATURAL_GAS));
        var aggregator = hub.registerParty(List.of("AGGREGATOR"), List.of(ELECTRICITY));
        var notReceivers = List.of(
                Party.SUPPLIER_B.eic(), Party.SUPPLIER_A.eic(), Eics.party(), gasOnlyGrid.eic(), aggregator.eic());

        for (var receiver : notReceivers) {
            var response =
                    supplierA().create(anEnquiry().about(Party.METER_GRID_A).to(receiver));
            assertRefused(response, "directMessageRequest[0].receiverEic");
            assertThat(response.args()).contains(receiver);
        }
    }

    @Test
    void changedReceiverMustBeAbleToReceive() {
        var supplier = freshSupplier();
        var grid = freshGridOperator();
        var requestId = supplier.send(anEnquiry().about(hub.registerMeteringPoint(grid.party(), ELECTRICITY)));
        var thread = supplier.thread(requestId);

        var response = supplier.change(requestId, object("receiverEic", Party.SUPPLIER_B.eic()));

        assertRefused(response, "directMessageRequestChange.receiverEic");
        assertThat(supplier.thread(requestId)).isEqualTo(thread);
    }

    @Test
    void changedMeterMustResolveUnlessTheReceiverWasGiven() {
        var supplier = freshSupplier();
        var grid = freshGridOperator();
        var meter = hub.registerMeteringPoint(grid.party(), ELECTRICITY);
        var resolved = supplier.send(anEnquiry().about(meter));
        var given = supplier.send(anEnquiry().about(meter).to(grid.party().eic()));
        var unregistered = Eics.meteringPoint();

        assertRefused(
                supplier.change(resolved, object("meterEic", unregistered)), "directMessageRequestChange.meterEic");
        assertThat(supplier.thread(resolved).getFirst().get("meterEic").stringValue())
                .isEqualTo(meter);

        assertThat(supplier.change(given, object("meterEic", unregistered)).status())
                .isEqualTo(200);
        assertThat(supplier.thread(given)).singleElement().satisfies(row -> {
            assertThat(row.get("meterEic").stringValue()).isEqualTo(unregistered);
            assertThat(row.get("receiverEic").stringValue())
                    .isEqualTo(grid.party().eic());
        });
    }

    @Test
    void movedMeteringPointSendsNewEnquiriesToItsNewGridOperator() {
        var formerGrid = freshGridOperator();
        var newGrid = freshGridOperator();
        var meter = hub.registerMeteringPoint(formerGrid.party(), ELECTRICITY);
        var supplier = freshSupplier();
        var before = supplier.send(anEnquiry().about(meter));

        var moved = hub.call(
                "POST",
                "/api/operator/metering-points",
                Party.HUB_OPERATOR,
                object("eic", meter, "gridOperatorEic", newGrid.party().eic(), "commodity", ELECTRICITY)
                        .toString());
        assertThat(moved.status()).as("%s", moved).isEqualTo(201);
        var after = supplier.send(anEnquiry().about(meter));

        assertThat(receiverOf(supplier, before))
                .as("an enquiry keeps its receiver")
                .isEqualTo(formerGrid.party().eic());
        assertThat(receiverOf(supplier, after)).isEqualTo(newGrid.party().eic());
    }

    private static String receiverOf(Actor supplier, String requestId) {
        return supplier.thread(requestId).getFirst().get("receiverEic").stringValue();
    }

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as("%s", response).isEqualTo(422);
        assertThat(response.code()).isEqualTo(CANNOT_BE_RESOLVED);
        assertThat(response.args().getFirst()).isEqualTo(field);
    }

    private Actor freshSupplier() {
        return hub.as(hub.registerParty(List.of("OPEN_SUPPLIER"), List.of(ELECTRICITY)), "OPEN_SUPPLIER", ELECTRICITY);
    }

    private Actor freshGridOperator() {
        return hub.as(hub.registerParty(List.of("GRID_OPERATOR"), List.of(ELECTRICITY)), "GRID_OPERATOR", ELECTRICITY);
    }
}
