package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.INVALID_STATUS_TRANSITION;
import static ee.datahub.enquiryhub.support.ErrorCodes.METER_CHANGE_AFTER_RESPONSE;
import static ee.datahub.enquiryhub.support.ErrorCodes.PROCESS_TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The enquiry lifecycle (spec §5.3) over HTTP: every allowed and refused transition, the re-resolving
 * of the receiver, and what each write leaves in the change feed (§5.1, §6): one snapshot row per
 * write, reason CREATE or UPDATE, nothing for a write that alters nothing, nothing echoed to its author.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleTest extends HubApiTest {

    private static final String ELECTRICITY = "ELECTRICITY";
    private static final String OTHER_CUSTOMER = "10X1001A1001A39W";

    // A fresh supplier and grid operator with two metering points, shared by this class's tests.
    private record World(Party supplier, Party grid, String meter, String secondMeter) {}

    private World world;
    private String start;

    private World world() {
        if (world == null) {
            var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of(ELECTRICITY));
            world = new World(
                    hub.registerParty(List.of("OPEN_SUPPLIER"), List.of(ELECTRICITY)),
                    grid,
                    hub.registerMeteringPoint(grid, ELECTRICITY),
                    hub.registerMeteringPoint(grid, ELECTRICITY));
        }
        return world;
    }

    @BeforeEach
    void startScansNow() {
        start = Instant.now().minusSeconds(1).toString();
    }

    private Actor supplier() {
        return hub.as(world().supplier(), "OPEN_SUPPLIER", ELECTRICITY);
    }

    private Actor grid() {
        return hub.as(world().grid(), "GRID_OPERATOR", ELECTRICITY);
    }

    private String meter() {
        return world().meter();
    }

    // --- the supplier's transitions -------------------------------------------------------------

    @Test
    void supplierChangesTheFieldsOfAnOpenEnquiry() {
        var requestId = supplier().send(anEnquiry().about(meter()).comment("First words"));

        var changed = supplier()
                .change(
                        requestId,
                        object(
                                "customerEic",
                                OTHER_CUSTOMER,
                                "topic",
                                "INVOICE",
                                "reference",
                                object("referenceType", "INVOICE", "referenceValue", "INV-77"),
                                "requestComment",
                                "Second words"));
        var changedByPath = supplier().changeByPath(requestId, object("requestComment", "Third words"));

        assertEmptyOk(changed);
        assertEmptyOk(changedByPath);
        assertThat(supplier().thread(requestId)).singleElement().satisfies(row -> {
            assertThat(row.get("customerEic").stringValue()).isEqualTo(OTHER_CUSTOMER);
            assertThat(row.get("topic").stringValue()).isEqualTo("INVOICE");
            assertThat(row.get("reference").get("referenceValue").stringValue()).isEqualTo("INV-77");
            assertThat(row.get("requestComment").stringValue()).isEqualTo("Third words");
            assertThat(row.get("requestStatus").stringValue()).isEqualTo("OPEN");
        });
        assertThat(grid().scanAll(start, requestId))
                .extracting(
                        row -> row.get("reason").stringValue(),
                        row -> row.get("requestComment").stringValue())
                .containsExactly(
                        tuple("CREATE", "First words"),
                        tuple("UPDATE", "Second words"),
                        tuple("UPDATE", "Third words"));
    }

    @Test
    void supplierCancelsAnOpenEnquiry() {
        var requestId = supplier().send(anEnquiry().about(meter()));

        assertEmptyOk(supplier().cancel(requestId));

        assertThat(statusOf(requestId)).isEqualTo("CANCEL");
        assertThat(grid().scanAll(start, requestId)).last().satisfies(row -> {
            assertThat(row.get("reason").stringValue()).isEqualTo("UPDATE");
            assertThat(row.get("requestStatus").stringValue()).isEqualTo("CANCEL");
        });
        assertThat(supplier().scanAll(start, requestId))
                .as("the supplier's own write is not echoed")
                .isEmpty();
    }

    @Test
    void supplierClosesAnOpenEnquiry() {
        var requestId = supplier().send(anEnquiry().about(meter()));
        grid().answerId(requestId, "OPEN", "An interim answer");

        assertEmptyOk(supplier().close(requestId));

        assertThat(statusOf(requestId)).isEqualTo("CLOSE");
        assertThat(grid().scanAll(start, requestId))
                .extracting(
                        row -> row.get("reason").stringValue(),
                        row -> row.get("requestStatus").stringValue())
                .containsExactly(tuple("CREATE", "OPEN"), tuple("UPDATE", "CLOSE"));
        assertThat(supplier().scanAll(start, requestId))
                .as("only the grid operator's answer")
                .hasSize(1);
    }

    @ParameterizedTest(name = "create with {0}")
    @ValueSource(strings = {"CLOSE", "CANCEL"})
    void enquiryIsCreatedOnlyOpen(String status) {
        var meter = hub.registerMeteringPoint(world().grid(), ELECTRICITY);

        var single = supplier().create(anEnquiry().about(meter).with("requestStatus", status));
        var batch = supplier()
                .create(anEnquiry().about(meter), anEnquiry().about(meter).with("requestStatus", status));

        for (var refused : List.of(single, batch)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(422);
            assertThat(refused.code()).isEqualTo(INVALID_STATUS_TRANSITION);
        }
        assertThat(supplier().search(object("meterEic", meter)).json())
                .as("nothing was stored")
                .isEmpty();
    }

    // --- the receiver's transitions -------------------------------------------------------------

    @Test
    void interimAnswerKeepsTheEnquiryOpenAndMoreAnswersAreAllowed() {
        var requestId = supplier().send(anEnquiry().about(meter()));

        var first = grid().answer(requestId, "OPEN", "We received it");
        var second = grid().answerByPath(requestId, "OPEN", "We are still looking");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(supplier().thread(requestId))
                .hasSize(3)
                .allSatisfy(row ->
                        assertThat(row.get("requestStatus").stringValue()).isEqualTo("OPEN"));
        assertEmptyOk(supplier().change(requestId, object("requestComment", "Still open, so still changeable")));
        assertThat(grid().answer(requestId, "CLOSE", "Done").status()).isEqualTo(201);
        assertThat(statusOf(requestId)).isEqualTo("CLOSE");
    }

    @Test
    void finalAnswerClosesTheEnquiry() {
        var requestId = supplier().send(anEnquiry().about(meter()));

        var responseId = grid().answerId(requestId, "CLOSE", "The fee is right");

        assertThat(supplier().thread(requestId))
                .hasSize(2)
                .allSatisfy(row ->
                        assertThat(row.get("requestStatus").stringValue()).isEqualTo("CLOSE"));
        assertThat(grid().thread(requestId))
                .hasSize(2)
                .allSatisfy(row ->
                        assertThat(row.get("requestStatus").stringValue()).isEqualTo("CLOSE"));
        assertThat(supplier().scanAll(start, requestId)).singleElement().satisfies(row -> {
            assertThat(row.get("messageResponseId").stringValue()).isEqualTo(responseId);
            assertThat(row.get("reason").stringValue()).isEqualTo("CREATE");
            assertThat(row.get("requestStatus").stringValue()).isEqualTo("CLOSE");
        });
    }

    @Test
    void answerChangedFromOpenToCloseClosesTheEnquiry() {
        var requestId = supplier().send(anEnquiry().about(meter()));
        var responseId = grid().answerId(requestId, "OPEN", "We are looking");

        assertEmptyOk(grid().changeAnswer(responseId, object("requestStatus", "CLOSE")));

        assertThat(statusOf(requestId)).isEqualTo("CLOSE");
        assertThat(supplier().scanAll(start, requestId))
                .extracting(
                        row -> row.get("reason").stringValue(),
                        row -> row.get("requestStatus").stringValue(),
                        row -> row.get("messageResponseId").stringValue())
                .containsExactly(tuple("CREATE", "OPEN", responseId), tuple("UPDATE", "CLOSE", responseId));
        assertThat(grid().scanAll(start, requestId))
                .as("no enquiry row for the closing")
                .hasSize(1);
    }

    @Test
    void authorChangesTheCommentOfItsAnswer() {
        var requestId = supplier().send(anEnquiry().about(meter()));
        var responseId = grid().answerId(requestId, "OPEN", "We are looking");

        assertEmptyOk(grid().changeAnswer(responseId, object("responseComment", "We are looking closely")));
        assertEmptyOk(grid().changeAnswerByPath(requestId, responseId, object("responseComment", "We found it")));

        assertThat(supplier().thread(requestId))
                .filteredOn(row -> row.has("messageResponseId"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("responseComment").stringValue()).isEqualTo("We found it");
                    assertThat(row.get("requestStatus").stringValue()).isEqualTo("OPEN");
                });
        assertThat(supplier().scanAll(start, requestId))
                .extracting(
                        row -> row.get("reason").stringValue(),
                        row -> row.get("responseComment").stringValue())
                .containsExactly(
                        tuple("CREATE", "We are looking"),
                        tuple("UPDATE", "We are looking closely"),
                        tuple("UPDATE", "We found it"));
    }

    @Test
    void answerWithCancelIsAnInvalidStatusTransition() {
        var requestId = supplier().send(anEnquiry().about(meter()));
        var responseId = grid().answerId(requestId, "OPEN", "We are looking");
        var before = supplier().thread(requestId);

        var answer = grid().answer(requestId, "CANCEL", "Cancelling is the supplier's");
        var change = grid().changeAnswer(responseId, object("requestStatus", "CANCEL"));

        for (var refused : List.of(answer, change)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(422);
            assertThat(refused.code()).isEqualTo(INVALID_STATUS_TRANSITION);
        }
        assertThat(supplier().thread(requestId)).isEqualTo(before);
    }

    // --- after the end ---------------------------------------------------------------------------

    /** How an enquiry reaches a final status; each starts from an enquiry with one interim answer. */
    enum Ending {
        SUPPLIER_CLOSES,
        SUPPLIER_CANCELS,
        FINAL_ANSWER,
        ANSWER_CHANGED_TO_CLOSE
    }

    /** Every kind of write, each of which must be refused once the enquiry is closed or cancelled. */
    enum LateWrite {
        CHANGE_COMMENT,
        CHANGE_COMMENT_BY_PATH,
        CHANGE_METER,
        CHANGE_TO_UNRESOLVABLE_METER,
        CHANGE_TOPIC_WITHOUT_REFERENCE,
        REOPEN,
        CANCEL,
        CLOSE,
        INTERIM_ANSWER,
        FINAL_ANSWER,
        ANSWER_WITH_CANCEL,
        ANSWER_BY_PATH,
        CHANGE_ANSWER_COMMENT,
        CHANGE_ANSWER_TO_CLOSE,
        CHANGE_ANSWER_TO_CANCEL,
        CHANGE_ANSWER_BY_PATH
    }

    Stream<Arguments> everyEndingWithEveryLateWrite() {
        return Arrays.stream(Ending.values())
                .flatMap(ending -> Arrays.stream(LateWrite.values()).map(write -> Arguments.of(ending, write)));
    }

    @ParameterizedTest(name = "{0}, then {1}")
    @MethodSource("everyEndingWithEveryLateWrite")
    void anyWriteToAClosedOrCancelledEnquiryIsRefusedAsProcessTerminated(Ending ending, LateWrite write) {
        var supplier = supplier();
        var grid = grid();
        var requestId = supplier.send(anEnquiry().about(meter()));
        var responseId = grid.answerId(requestId, "OPEN", "We are looking");
        var ended = switch (ending) {
            case SUPPLIER_CLOSES -> supplier.close(requestId);
            case SUPPLIER_CANCELS -> supplier.cancel(requestId);
            case FINAL_ANSWER -> grid.answer(requestId, "CLOSE", "Done");
            case ANSWER_CHANGED_TO_CLOSE -> grid.changeAnswer(responseId, object("requestStatus", "CLOSE"));
        };
        assertThat(ended.status()).as("%s", ended).isIn(200, 201);
        var thread = supplier.thread(requestId);
        var senderFeed = supplier.scanAll(start, requestId);
        var receiverFeed = grid.scanAll(start, requestId);

        var refused = switch (write) {
            case CHANGE_COMMENT -> supplier.change(requestId, object("requestComment", "Too late"));
            case CHANGE_COMMENT_BY_PATH -> supplier.changeByPath(requestId, object("requestComment", "Too late"));
            case CHANGE_METER -> supplier.change(requestId, object("meterEic", world().secondMeter()));
            case CHANGE_TO_UNRESOLVABLE_METER -> supplier.change(requestId, object("meterEic", Eics.meteringPoint()));
            case CHANGE_TOPIC_WITHOUT_REFERENCE -> supplier.change(requestId, object("topic", "INVOICE"));
            case REOPEN -> supplier.change(requestId, object("requestStatus", "OPEN"));
            case CANCEL -> supplier.cancel(requestId);
            case CLOSE -> supplier.close(requestId);
            case INTERIM_ANSWER -> grid.answer(requestId, "OPEN", "Too late");
            case FINAL_ANSWER -> grid.answer(requestId, "CLOSE", "Too late");
            case ANSWER_WITH_CANCEL -> grid.answer(requestId, "CANCEL", "Too late");
            case ANSWER_BY_PATH -> grid.answerByPath(requestId, "OPEN", "Too late");
            case CHANGE_ANSWER_COMMENT -> grid.changeAnswer(responseId, object("responseComment", "Too late"));
            case CHANGE_ANSWER_TO_CLOSE -> grid.changeAnswer(responseId, object("requestStatus", "CLOSE"));
            case CHANGE_ANSWER_TO_CANCEL -> grid.changeAnswer(responseId, object("requestStatus", "CANCEL"));
            case CHANGE_ANSWER_BY_PATH ->
                grid.changeAnswerByPath(requestId, responseId, object("responseComment", "Too late"));
        };

        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.code())
                .as("process-terminated takes precedence over any other rule")
                .isEqualTo(PROCESS_TERMINATED);
        assertThat(supplier.thread(requestId)).as("nothing changed").isEqualTo(thread);
        assertThat(supplier.scanAll(start, requestId)).as("no change row").isEqualTo(senderFeed);
        assertThat(grid.scanAll(start, requestId)).as("no change row").isEqualTo(receiverFeed);
    }

    @Test
    void concurrentFinalAnswersAndCancelCloseTheEnquiryExactlyOnce() throws Exception {
        var supplier = supplier();
        var grid = grid();
        var requestId = supplier.send(anEnquiry().about(meter()));
        var ready = new CountDownLatch(1);
        var writes = new ArrayList<Callable<Response>>();
        for (int i = 0; i < 8; i++) {
            var n = i;
            writes.add(() -> {
                ready.await();
                return n % 4 == 0 ? supplier.cancel(requestId) : grid.answer(requestId, "CLOSE", "Final answer " + n);
            });
        }
        List<Response> outcomes;
        try (var pool = Executors.newFixedThreadPool(writes.size())) {
            var futures = writes.stream().map(pool::submit).toList();
            ready.countDown();
            outcomes = new ArrayList<>();
            for (var future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
        }

        assertThat(outcomes)
                .filteredOn(r -> r.status() < 300)
                .as("one write ends it: %s", outcomes)
                .hasSize(1);
        assertThat(outcomes)
                .filteredOn(r -> r.status() >= 300)
                .hasSize(writes.size() - 1)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo(PROCESS_TERMINATED));
        var thread = supplier.thread(requestId);
        var winner = outcomes.stream().filter(r -> r.status() < 300).findFirst().orElseThrow();
        assertThat(thread).hasSize(winner.status() == 201 ? 2 : 1);
        assertThat(thread)
                .allSatisfy(row -> assertThat(row.get("requestStatus").stringValue())
                        .isEqualTo(winner.status() == 201 ? "CLOSE" : "CANCEL"));
    }

    @Test
    void changeThatSetsNoFieldIsInvalid() {
        var requestId = supplier().send(anEnquiry().about(meter()));
        var responseId = grid().answerId(requestId, "OPEN", "We are looking");

        var emptyChange = supplier().change(requestId, object());
        var onlyNulls = supplier().change(requestId, object("requestComment", null, "meterEic", null));
        var emptyAnswerChange = grid().changeAnswer(responseId, object("responseComment", null));

        for (var refused : List.of(emptyChange, onlyNulls, emptyAnswerChange)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("opp.error.validation.invalid-value");
        }
    }

    // --- meterEic and receiverEic ----------------------------------------------------------------

    @Test
    void newMeterBeforeTheFirstAnswerReResolvesTheReceiver() {
        var firstGrid = freshGridOperator();
        var secondGrid = freshGridOperator();
        var firstMeter = hub.registerMeteringPoint(firstGrid.party(), ELECTRICITY);
        var secondMeter = hub.registerMeteringPoint(secondGrid.party(), ELECTRICITY);
        var requestId = supplier().send(anEnquiry().about(firstMeter));

        assertEmptyOk(supplier().change(requestId, object("meterEic", secondMeter)));

        assertHandedOver(requestId, firstGrid, secondGrid);
        assertThat(secondGrid.scanAll(start, requestId)).singleElement().satisfies(row -> {
            assertThat(row.get("reason").stringValue()).isEqualTo("UPDATE");
            assertThat(row.get("meterEic").stringValue()).isEqualTo(secondMeter);
        });
    }

    @Test
    void newReceiverBeforeTheFirstAnswerTakesOverTheEnquiry() {
        var firstGrid = freshGridOperator();
        var secondGrid = freshGridOperator();
        var firstMeter = hub.registerMeteringPoint(firstGrid.party(), ELECTRICITY);
        var requestId = supplier().send(anEnquiry().about(firstMeter));

        assertEmptyOk(supplier()
                .changeByPath(
                        requestId, object("receiverEic", secondGrid.party().eic())));

        assertHandedOver(requestId, firstGrid, secondGrid);
        assertThat(secondGrid.scanAll(start, requestId))
                .singleElement()
                .satisfies(row -> assertThat(row.get("meterEic").stringValue()).isEqualTo(firstMeter));
    }

    @Test
    void newMeterKeepsTheReceiverTheSupplierGave() {
        var givenGrid = freshGridOperator();
        var meterOfAnother = hub.registerMeteringPoint(freshGridOperator().party(), ELECTRICITY);
        var requestId =
                supplier().send(anEnquiry().about(meter()).to(givenGrid.party().eic()));

        assertEmptyOk(supplier().change(requestId, object("meterEic", meterOfAnother)));

        assertThat(supplier().thread(requestId)).singleElement().satisfies(row -> {
            assertThat(row.get("meterEic").stringValue()).isEqualTo(meterOfAnother);
            assertThat(row.get("receiverEic").stringValue())
                    .isEqualTo(givenGrid.party().eic());
        });
        assertThat(givenGrid.scanAll(start, requestId)).hasSize(2);
    }

    @Test
    void meterOrReceiverChangeAfterTheFirstAnswerIsRefused() {
        var otherGrid = freshGridOperator();
        var requestId = supplier().send(anEnquiry().about(meter()));
        grid().answerId(requestId, "OPEN", "We are looking");
        var thread = supplier().thread(requestId);

        var newMeter = supplier().change(requestId, object("meterEic", world().secondMeter()));
        var newReceiver = supplier()
                .change(requestId, object("receiverEic", otherGrid.party().eic()));
        var newMeterWithComment = supplier()
                .change(requestId, object("meterEic", world().secondMeter(), "requestComment", "Other words"));

        for (var refused : List.of(newMeter, newReceiver, newMeterWithComment)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(422);
            assertThat(refused.code()).isEqualTo(METER_CHANGE_AFTER_RESPONSE);
        }
        assertThat(supplier().thread(requestId)).isEqualTo(thread);
        assertThat(grid().scanAll(start, requestId)).hasSize(1);
        assertThat(otherGrid.thread(requestId)).isEmpty();
    }

    @Test
    void restatingTheSameMeterAndReceiverAfterTheFirstAnswerIsNotAChange() {
        var requestId = supplier().send(anEnquiry().about(meter()));
        grid().answerId(requestId, "OPEN", "We are looking");
        var thread = supplier().thread(requestId);

        assertEmptyOk(supplier().change(requestId, object("meterEic", meter())));
        assertEmptyOk(supplier()
                .change(
                        requestId,
                        object(
                                "meterEic",
                                meter(),
                                "receiverEic",
                                world().grid().eic())));
        assertThat(supplier().thread(requestId))
                .as("nothing changed, not even the timestamp")
                .isEqualTo(thread);
        assertThat(grid().scanAll(start, requestId))
                .as("no row for a change that alters nothing")
                .hasSize(1);

        assertEmptyOk(supplier().change(requestId, object("meterEic", meter(), "requestComment", "Other words")));
        assertThat(grid().scanAll(start, requestId))
                .last()
                .satisfies(row ->
                        assertThat(row.get("requestComment").stringValue()).isEqualTo("Other words"));
    }

    // --- the change feed and the answers of a PUT --------------------------------------------------

    @Test
    void changeThatAltersNothingProducesNoChangeFeedRow() {
        var requestId = supplier().send(anEnquiry().about(meter()).comment("The same words"));
        var responseId = grid().answerId(requestId, "OPEN", "The same answer");
        var thread = supplier().thread(requestId);

        assertEmptyOk(supplier().change(requestId, object("requestComment", "The same words")));
        assertEmptyOk(supplier()
                .change(requestId, object("requestStatus", "OPEN", "customerEic", Party.CUSTOMER, "topic", "DATA")));
        assertEmptyOk(grid().changeAnswer(responseId, object("responseComment", "The same answer")));
        assertEmptyOk(grid().changeAnswer(responseId, object("requestStatus", "OPEN")));

        assertThat(grid().scanAll(start, requestId))
                .extracting(row -> row.get("reason").stringValue())
                .containsExactly("CREATE");
        assertThat(supplier().scanAll(start, requestId))
                .extracting(row -> row.get("reason").stringValue())
                .containsExactly("CREATE");
        assertThat(supplier().thread(requestId)).as("no new timestamp either").isEqualTo(thread);
    }

    @Test
    void successfulPutAnswers200WithAnEmptyBody() {
        var requestId = supplier().send(anEnquiry().about(meter()));
        var responseId = grid().answerId(requestId, "OPEN", "We are looking");

        var puts = List.of(
                supplier().change(requestId, object("requestComment", "Body form")),
                supplier().changeByPath(requestId, object("requestComment", "Path form")),
                grid().changeAnswer(responseId, object("responseComment", "Body form")),
                grid().changeAnswerByPath(requestId, responseId, object("responseComment", "Path form")),
                supplier().cancel(requestId));

        assertThat(puts).allSatisfy(LifecycleTest::assertEmptyOk);
    }

    @Test
    void changeFeedCarriesOneSnapshotRowPerWriteToTheOtherSideOnly() {
        var supplier = supplier();
        var grid = grid();
        var requestId = supplier.send(anEnquiry().about(meter()).comment("First words"));
        assertEmptyOk(supplier.change(requestId, object("requestComment", "Second words")));
        var interimId = grid.answerId(requestId, "OPEN", "Looking");
        assertEmptyOk(grid.changeAnswer(interimId, object("responseComment", "Still looking")));
        var finalId = grid.answerId(requestId, "CLOSE", "Done");

        var receiverRows = grid.scanAll(start, requestId);
        assertThat(receiverRows)
                .as("the supplier's two writes, as of each write")
                .hasSize(2);
        assertThat(receiverRows)
                .allSatisfy(row -> assertThat(row.has("messageResponseId")).isFalse());
        assertThat(receiverRows)
                .extracting(
                        row -> row.get("reason").stringValue(),
                        row -> row.get("requestComment").stringValue(),
                        row -> row.get("requestStatus").stringValue())
                .containsExactly(tuple("CREATE", "First words", "OPEN"), tuple("UPDATE", "Second words", "OPEN"));

        var senderRows = supplier.scanAll(start, requestId);
        assertThat(senderRows)
                .as("the grid operator's three writes, no extra row for the closing")
                .hasSize(3);
        assertThat(senderRows)
                .extracting(
                        row -> row.get("reason").stringValue(),
                        row -> row.get("messageResponseId").stringValue(),
                        row -> row.get("responseComment").stringValue(),
                        row -> row.get("requestStatus").stringValue())
                .containsExactly(
                        tuple("CREATE", interimId, "Looking", "OPEN"),
                        tuple("UPDATE", interimId, "Still looking", "OPEN"),
                        tuple("CREATE", finalId, "Done", "CLOSE"));
        assertThat(senderRows).allSatisfy(row -> {
            assertThat(row.get("requestComment").stringValue()).isEqualTo("Second words");
            assertThat(row.get("meterEic").stringValue()).isEqualTo(meter());
        });

        for (var rows : List.of(receiverRows, senderRows)) {
            var stamps = rows.stream()
                    .map(row -> Instant.parse(row.get("timestamp").stringValue()))
                    .toList();
            assertThat(stamps).as("strictly increasing").isSorted().doesNotHaveDuplicates();
        }
    }

    private void assertHandedOver(String requestId, Actor from, Actor to) {
        assertThat(supplier().thread(requestId))
                .singleElement()
                .satisfies(row -> assertThat(row.get("receiverEic").stringValue())
                        .isEqualTo(to.party().eic()));
        assertThat(to.thread(requestId)).as("the new receiver finds it").hasSize(1);
        assertThat(to.scanAll(start, requestId))
                .as("the new receiver hears of it")
                .last()
                .satisfies(row -> assertThat(row.get("receiverEic").stringValue())
                        .isEqualTo(to.party().eic()));
        assertThat(from.thread(requestId))
                .as("the former receiver no longer sees it")
                .isEmpty();
        var refused = from.answer(requestId, "OPEN", "No longer mine");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("opp.error.business.direct-message-not-found");
        assertThat(to.answer(requestId, "CLOSE", "Answered by the new receiver").status())
                .isEqualTo(201);
    }

    private String statusOf(String requestId) {
        return supplier().thread(requestId).getFirst().get("requestStatus").stringValue();
    }

    private static void assertEmptyOk(Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    private Actor freshGridOperator() {
        return hub.as(hub.registerParty(List.of("GRID_OPERATOR"), List.of(ELECTRICITY)), "GRID_OPERATOR", ELECTRICITY);
    }
}
