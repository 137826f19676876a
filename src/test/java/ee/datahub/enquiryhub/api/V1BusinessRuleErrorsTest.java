package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.CHANGE_PERIOD_BEYOND_RETENTION;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_STATUS_TRANSITION;
import static ee.datahub.enquiryhub.support.ErrorCodes.METER_CHANGE_AFTER_RESPONSE;
import static ee.datahub.enquiryhub.support.ErrorCodes.PROCESS_TERMINATED;
import static ee.datahub.enquiryhub.support.ErrorCodes.RECEIVER_CANNOT_BE_RESOLVED;
import static ee.datahub.enquiryhub.support.ErrorCodes.REFERENCE_REQUIRED;
import static ee.datahub.enquiryhub.support.V1ErrorAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.Party;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 422s of spec §4.1 and §5: the enquiry lifecycle (a closed or cancelled enquiry takes no more
 * writes, and says so before any other rule), the statuses allowed on create and answer, the
 * addressee, the invoice reference, the metering point after an answer, and the feed's retention.
 */
class V1BusinessRuleErrorsTest extends V1ErrorTesting {

    // direct-message-process-terminated

    @Test
    void everyWriteToAClosedEnquiryIsProcessTerminated() {
        var world = freshWorld();
        var requestId = world.enquiry();
        assertThat(world.supplier().close(requestId).status()).isEqualTo(200);

        var error = expectError(
                world.supplier().change(requestId, object("requestComment", "One more thing")),
                422,
                PROCESS_TERMINATED);
        assertThat(error.args()).startsWith("messageRequestId", requestId);
        expectError(world.supplier().cancel(requestId), 422, PROCESS_TERMINATED);
        expectError(world.supplier().close(requestId), 422, PROCESS_TERMINATED);
        expectError(world.grid().answer(requestId, "OPEN", "Too late"), 422, PROCESS_TERMINATED);
    }

    @Test
    void everyWriteToACancelledEnquiryIsProcessTerminated() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var responseId = world.grid().answerId(requestId, "OPEN", "Looking into it");
        assertThat(world.supplier().cancel(requestId).status()).isEqualTo(200);

        expectError(
                world.supplier().change(requestId, object("requestComment", "Never mind")), 422, PROCESS_TERMINATED);
        expectError(world.supplier().cancel(requestId), 422, PROCESS_TERMINATED);
        expectError(world.grid().answer(requestId, "CLOSE", "Done"), 422, PROCESS_TERMINATED);
        expectError(world.grid().changeAnswer(responseId, object("responseComment", "Done")), 422, PROCESS_TERMINATED);
    }

    @Test
    void aFinalAnswerCannotBeChangedOnceItClosedTheEnquiry() {
        var world = freshWorld();
        var responseId = world.grid().answerId(world.enquiry(), "CLOSE", "The fee is right");
        expectError(
                world.grid().changeAnswer(responseId, object("responseComment", "The fee is wrong")),
                422,
                PROCESS_TERMINATED);
    }

    @Test
    void processTerminatedTakesPrecedenceOverEveryOtherRule() {
        var world = freshWorld();
        var cancelled = world.enquiry();
        var responseId = world.grid().answerId(cancelled, "OPEN", "Looking into it");
        assertThat(world.supplier().cancel(cancelled).status()).isEqualTo(200);

        expectError(world.supplier().change(cancelled, object("topic", "INVOICE")), 422, PROCESS_TERMINATED);
        expectError(
                world.supplier().change(cancelled, object("meterEic", Eics.meteringPoint())), 422, PROCESS_TERMINATED);
        expectError(
                world.supplier().change(cancelled, object("receiverEic", Party.SUPPLIER_B.eic())),
                422,
                PROCESS_TERMINATED);
        expectError(world.grid().answer(cancelled, "CANCEL", "Cancelling back"), 422, PROCESS_TERMINATED);
        expectError(world.grid().changeAnswer(responseId, object("requestStatus", "CANCEL")), 422, PROCESS_TERMINATED);
    }

    // direct-message-invalid-status-transition

    @Test
    void anEnquiryCreatedClosedOrCancelledIsInvalidStatusTransition() {
        var world = freshWorld();
        for (var status : List.of("CLOSE", "CANCEL")) {
            var error = expectError(
                    world.supplier().create(anEnquiry().about(world.meter()).with("requestStatus", status)),
                    422,
                    INVALID_STATUS_TRANSITION);
            assertThat(error.args()).containsExactly("directMessageRequest[0].requestStatus", status, "OPEN");
        }
        assertThat(world.grid().search(object()).json())
                .as("nothing was created")
                .isEmpty();
    }

    @Test
    void anAnswerThatCancelsIsInvalidStatusTransition() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var error =
                expectError(world.grid().answer(requestId, "CANCEL", "We cancel it"), 422, INVALID_STATUS_TRANSITION);
        assertThat(error.args()).containsExactly("directMessageResponse.requestStatus", "CANCEL", "OPEN or CLOSE");

        var responseId = world.grid().answerId(requestId, "OPEN", "Looking into it");
        var change = expectError(
                world.grid().changeAnswer(responseId, object("requestStatus", "CANCEL")),
                422,
                INVALID_STATUS_TRANSITION);
        assertThat(change.where()).isEqualTo("directMessageResponseChange.requestStatus");
    }

    // direct-message-receiver-cannot-be-resolved

    @Test
    void anUnknownMeteringPointWithoutAReceiverCannotBeResolved() {
        var world = freshWorld();
        var unknown = Eics.meteringPoint();
        var error = expectError(world.supplier().create(anEnquiry().about(unknown)), 422, RECEIVER_CANNOT_BE_RESOLVED);
        assertThat(error.args()).containsExactly("directMessageRequest[0].meterEic", unknown);
    }

    @Test
    void aMeteringPointOfTheOtherCommodityCannotBeResolved() {
        var world = freshWorld();
        expectError(
                world.supplier().create(anEnquiry().about(Party.METER_GRID_B_GAS)), 422, RECEIVER_CANNOT_BE_RESOLVED);
    }

    @Test
    void aReceiverThatIsNotAGridOperatorCannotBeResolved() {
        var world = freshWorld();
        var error = expectError(
                world.supplier().create(anEnquiry().about(world.meter()).to(Party.SUPPLIER_B.eic())),
                422,
                RECEIVER_CANNOT_BE_RESOLVED);
        assertThat(error.args()).containsExactly("directMessageRequest[0].receiverEic", Party.SUPPLIER_B.eic());
        expectError(
                world.supplier().create(anEnquiry().about(world.meter()).to(Eics.party())),
                422,
                RECEIVER_CANNOT_BE_RESOLVED);
    }

    @Test
    void aReceiverThatIsAGridOperatorOfTheOtherCommodityCannotBeResolved() {
        var world = freshWorld();
        var gasGrid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("NATURAL_GAS"));
        expectError(
                world.supplier().create(anEnquiry().about(world.meter()).to(gasGrid.eic())),
                422,
                RECEIVER_CANNOT_BE_RESOLVED);
    }

    @Test
    void aGivenReceiverIsTakenAsGivenWhenItIsAGridOperatorOfTheCommodity() {
        var world = freshWorld();
        assertThat(world.supplier()
                        .create(anEnquiry()
                                .about(Eics.meteringPoint())
                                .to(world.grid().party().eic()))
                        .status())
                .as("the hub does not check the addressee against the metering point")
                .isEqualTo(201);
        assertThat(world.supplier()
                        .create(anEnquiry().about(world.meter()).to(Party.CDN.eic()))
                        .status())
                .as("a closed distribution network receives too")
                .isEqualTo(201);
    }

    @Test
    void aBatchWithOneUnresolvableEnquiryCreatesNothing() {
        var world = freshWorld();
        var error = expectError(
                world.supplier()
                        .create(anEnquiry().about(world.meter()), anEnquiry().about(Eics.meteringPoint())),
                422,
                RECEIVER_CANNOT_BE_RESOLVED);
        assertThat(error.where()).isEqualTo("directMessageRequest[1].meterEic");
        assertThat(world.grid().search(object()).json()).as("all or nothing").isEmpty();
    }

    @Test
    void aChangeToAnUnresolvableMeteringPointOrReceiverCannotBeResolved() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var meter = expectError(
                world.supplier().change(requestId, object("meterEic", Eics.meteringPoint())),
                422,
                RECEIVER_CANNOT_BE_RESOLVED);
        assertThat(meter.where()).isEqualTo("directMessageRequestChange.meterEic");
        var receiver = expectError(
                world.supplier().change(requestId, object("receiverEic", Party.SUPPLIER_A.eic())),
                422,
                RECEIVER_CANNOT_BE_RESOLVED);
        assertThat(receiver.where()).isEqualTo("directMessageRequestChange.receiverEic");
    }

    // direct-message-reference-required

    @Test
    void anInvoiceEnquiryWithoutAReferenceIsReferenceRequired() {
        var world = freshWorld();
        var error = expectError(
                world.supplier().create(anEnquiry().about(world.meter()).with("topic", "INVOICE")),
                422,
                REFERENCE_REQUIRED);
        assertThat(error.where()).isEqualTo("directMessageRequest[0].reference");
    }

    @Test
    void changingTheTopicToInvoiceWithoutAReferenceIsReferenceRequired() {
        var world = freshWorld();
        var requestId = world.enquiry();
        var error =
                expectError(world.supplier().change(requestId, object("topic", "INVOICE")), 422, REFERENCE_REQUIRED);
        assertThat(error.where()).isEqualTo("directMessageRequestChange.reference");
        assertThat(world.supplier()
                        .change(
                                requestId,
                                object(
                                        "topic",
                                        "INVOICE",
                                        "reference",
                                        object("referenceType", "INVOICE", "referenceValue", "INV-7")))
                        .status())
                .as("with the reference in the same change")
                .isEqualTo(200);
    }

    // direct-message-meter-change-after-response

    @Test
    void changingTheMeteringPointOrReceiverAfterAnAnswerIsRefused() {
        var world = freshWorld();
        var requestId = world.enquiry();
        world.grid().answerId(requestId, "OPEN", "Looking into it");
        var otherMeter = hub.registerMeteringPoint(world.grid().party(), "ELECTRICITY");

        var meter = expectError(
                world.supplier().change(requestId, object("meterEic", otherMeter)), 422, METER_CHANGE_AFTER_RESPONSE);
        assertThat(meter.where()).isEqualTo("directMessageRequestChange.meterEic");
        var receiver = expectError(
                world.supplier().change(requestId, object("receiverEic", Party.CDN.eic())),
                422,
                METER_CHANGE_AFTER_RESPONSE);
        assertThat(receiver.where()).isEqualTo("directMessageRequestChange.receiverEic");

        assertThat(world.supplier()
                        .change(requestId, object("meterEic", world.meter(), "requestComment", "More detail"))
                        .status())
                .as("the same metering point again, and other fields, still change")
                .isEqualTo(200);
    }

    // change-period-beyond-retention

    @Test
    void aScanStartingBeforeTheRetentionPeriodIsBeyondRetention() {
        var world = freshWorld();
        var start = Instant.now().minus(91, ChronoUnit.DAYS).toString();
        var error = expectError(
                send("POST", SCAN, world.grid(), scanBody(world.grid(), start)), 422, CHANGE_PERIOD_BEYOND_RETENTION);
        assertThat(error.where()).isEqualTo("updatePeriodStart");

        var within = send(
                "POST",
                SCAN,
                world.grid(),
                scanBody(world.grid(), Instant.now().minus(89, ChronoUnit.DAYS).toString()));
        assertThat(within.status()).as("%s", within).isEqualTo(200);
    }
}
