package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's flow through API v2 (spec §7): create, read with entity tags, change, answer and change
 * an answer, and the cursor feed each side follows — every field of the representation, every
 * status, header and version step, and what each write leaves in the other side's feed.
 */
class V2FlowTest extends V2Testing {

    private static final String HUB_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";
    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final List<String> ENQUIRY_FIELDS = List.of(
            "id",
            "version",
            "commodity",
            "senderEic",
            "receiverEic",
            "meterEic",
            "customerEic",
            "topic",
            "reference",
            "status",
            "requestComment",
            "createdAt",
            "updatedAt",
            "dueAt",
            "responses");
    private static final List<String> ANSWER_FIELDS =
            List.of("id", "version", "authorEic", "status", "responseComment", "createdAt", "updatedAt");

    // create and read

    @Test
    void aCreatedEnquiryIsAnsweredWithItsLocationItsEtagAndEveryFieldOfTheRepresentation() {
        var world = freshWorld();

        var created = world.supplier()
                .create(anEnquiry()
                        .about(world.meter())
                        .invoice("INV-2026-1101")
                        .comment("The customer disputes the network fee for October.")
                        .without("requestStatus"));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        assertThat(created.header("ETag")).isEqualTo(tag(1));
        assertDocumentHeaders(created);
        var enquiry = created.json();
        var id = enquiry.get("id").stringValue();
        assertThat(id).matches(UUID_TEXT);
        assertThat(created.header("Location")).isEqualTo("/api/v2/direct-messages/" + id);
        assertThat(enquiry.propertyNames()).containsExactlyInAnyOrderElementsOf(ENQUIRY_FIELDS);
        assertThat(enquiry.get("version").isIntegralNumber()).isTrue();
        assertThat(enquiry.get("version").longValue()).isEqualTo(1);
        assertThat(enquiry.get("commodity").stringValue()).isEqualTo(ELECTRICITY);
        assertThat(enquiry.get("senderEic").stringValue())
                .isEqualTo(world.supplier().party().eic());
        assertThat(enquiry.get("receiverEic").stringValue())
                .as("resolved from the metering point")
                .isEqualTo(world.grid().party().eic());
        assertThat(enquiry.get("meterEic").stringValue()).isEqualTo(world.meter());
        assertThat(enquiry.get("customerEic").stringValue()).isEqualTo(Party.CUSTOMER);
        assertThat(enquiry.get("topic").stringValue()).isEqualTo("INVOICE");
        assertThat(enquiry.get("reference"))
                .isEqualTo(object("referenceType", "INVOICE", "referenceValue", "INV-2026-1101"));
        assertThat(enquiry.get("status").stringValue())
                .as("requestStatus may be omitted: OPEN")
                .isEqualTo("OPEN");
        assertThat(enquiry.get("requestComment").stringValue())
                .isEqualTo("The customer disputes the network fee for October.");
        assertThat(enquiry.get("createdAt").stringValue()).matches(HUB_TIME);
        assertThat(enquiry.get("updatedAt").stringValue())
                .isEqualTo(enquiry.get("createdAt").stringValue());
        assertThat(enquiry.get("dueAt").stringValue()).matches(HUB_TIME);
        assertThat(Instant.parse(enquiry.get("dueAt").stringValue()))
                .as("the answer is due later")
                .isAfter(Instant.parse(enquiry.get("createdAt").stringValue()));
        assertThat(enquiry.get("responses").isArray()).isTrue();
        assertThat(enquiry.get("responses")).isEmpty();

        var supplier = world.supplier();
        var read = hub.request(
                "GET",
                created.header("Location"),
                hub.v2Headers("GET", supplier.party(), supplier.role(), supplier.commodity(), false, Map.of()),
                null);
        assertThat(read.status()).as("the Location reads the enquiry: %s", read).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo(tag(1));
        assertThat(read.json()).isEqualTo(enquiry);
        assertThat(world.grid().read(id))
                .as("the receiver reads the same representation")
                .isEqualTo(enquiry);
    }

    @Test
    void absentFieldsAreLeftOutOfTheRepresentation() {
        var world = freshWorld();

        var enquiry = world.supplier()
                .send(anEnquiry().about(world.meter()).without("requestComment").with("requestStatus", "OPEN"));

        assertThat(enquiry.propertyNames())
                .doesNotContain("reference", "requestComment")
                .containsExactlyInAnyOrderElementsOf(ENQUIRY_FIELDS.stream()
                        .filter(f -> !f.equals("reference") && !f.equals("requestComment"))
                        .toList());
        assertThat(enquiry.toString()).doesNotContain("null");
        var id = enquiry.get("id").stringValue();
        world.grid().answerId(id, "OPEN", null);
        var answer = world.supplier().read(id).get("responses").get(0);
        assertThat(answer.propertyNames())
                .containsExactlyInAnyOrderElementsOf(ANSWER_FIELDS.stream()
                        .filter(f -> !f.equals("responseComment"))
                        .toList());
    }

    @Test
    void aReadWithTheCurrentEntityTagIsNotModifiedAndAnOlderTagReadsTheEnquiry() {
        var world = freshWorld();
        var id = world.enquiry();

        for (var current : List.of(tag(1), "W/" + tag(1), "\"7\", " + tag(1), "*")) {
            var notModified = world.supplier().get(id, headers("If-None-Match", current));
            assertThat(notModified.status())
                    .as("If-None-Match %s: %s", current, notModified)
                    .isEqualTo(304);
            assertThat(notModified.body()).as("a 304 has no body").isEmpty();
            assertThat(notModified.header("ETag")).isEqualTo(tag(1));
        }

        assertThat(world.supplier()
                        .change(id, object("requestComment", "More detail"))
                        .status())
                .isEqualTo(200);
        var modified = world.supplier().get(id, headers("If-None-Match", tag(1)));
        assertThat(modified.status()).as("an older tag: %s", modified).isEqualTo(200);
        assertThat(modified.header("ETag")).isEqualTo(tag(2));
        assertThat(modified.json().get("requestComment").stringValue()).isEqualTo("More detail");
        assertThat(world.grid().get(id, headers("If-None-Match", tag(2))).status())
                .as("either side")
                .isEqualTo(304);
    }

    // change, answer, change of an answer

    @Test
    void theSupplierChangesAndTheGridOperatorAnswersAndEveryWriteMovesTheVersionByOne() {
        var world = freshWorld();
        var created = world.supplier().send(anEnquiry().about(world.meter()).comment("First words"));
        var id = created.get("id").stringValue();

        var changed = world.supplier()
                .change(
                        id,
                        object(
                                "requestComment",
                                "Second words",
                                "topic",
                                "INVOICE",
                                "reference",
                                object("referenceType", "INVOICE", "referenceValue", "INV-7")));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo(tag(2));
        assertThat(changed.header("Location"))
                .as("a change creates nothing to locate")
                .isNull();
        assertDocumentHeaders(changed);
        var afterChange = changed.json();
        assertThat(afterChange.get("version").longValue()).isEqualTo(2);
        assertThat(afterChange.get("requestComment").stringValue()).isEqualTo("Second words");
        assertThat(afterChange.get("topic").stringValue()).isEqualTo("INVOICE");
        assertThat(afterChange.get("reference").get("referenceValue").stringValue())
                .isEqualTo("INV-7");
        assertThat(afterChange.get("createdAt")).isEqualTo(created.get("createdAt"));
        assertThat(Instant.parse(afterChange.get("updatedAt").stringValue()))
                .isAfter(Instant.parse(created.get("updatedAt").stringValue()));

        var interim = world.grid().answer(id, "OPEN", "We are looking into it");
        assertThat(interim.status()).as("%s", interim).isEqualTo(201);
        assertThat(interim.header("ETag"))
                .as("an interim answer moves the version too")
                .isEqualTo(tag(3));
        var interimId = lastSegment(interim.header("Location"));
        assertThat(interim.header("Location")).isEqualTo("/api/v2/direct-messages/" + id + "/responses/" + interimId);
        assertThat(interim.json().get("version").longValue()).isEqualTo(3);
        assertThat(interim.json().get("status").stringValue())
                .as("an interim answer keeps it open")
                .isEqualTo("OPEN");
        var interimAnswer = interim.json().get("responses").get(0);
        assertThat(interimAnswer.propertyNames()).containsExactlyInAnyOrderElementsOf(ANSWER_FIELDS);
        assertThat(interimAnswer.get("id").stringValue()).isEqualTo(interimId);
        assertThat(interimAnswer.get("version").longValue()).isEqualTo(1);
        assertThat(interimAnswer.get("authorEic").stringValue())
                .isEqualTo(world.grid().party().eic());
        assertThat(interimAnswer.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(interimAnswer.get("responseComment").stringValue()).isEqualTo("We are looking into it");
        assertThat(interimAnswer.get("createdAt").stringValue()).matches(HUB_TIME);

        var answerChanged =
                world.grid().changeAnswer(id, interimId, object("responseComment", "We are checking the meter"));
        assertThat(answerChanged.status()).as("%s", answerChanged).isEqualTo(200);
        assertThat(answerChanged.header("ETag")).isEqualTo(tag(4));
        assertThat(answerChanged.header("Location")).isNull();
        var changedAnswer = answerChanged.json().get("responses").get(0);
        assertThat(changedAnswer.get("version").longValue()).isEqualTo(2);
        assertThat(changedAnswer.get("responseComment").stringValue()).isEqualTo("We are checking the meter");
        assertThat(changedAnswer.get("createdAt")).isEqualTo(interimAnswer.get("createdAt"));

        var closing = world.grid().answer(id, "CLOSE", "The fee follows the 2026 tariff");
        assertThat(closing.status()).as("%s", closing).isEqualTo(201);
        assertThat(closing.header("ETag")).isEqualTo(tag(5));
        var finalId = lastSegment(closing.header("Location"));
        var closed = closing.json();
        assertThat(closed.get("status").stringValue())
                .as("the final answer closes")
                .isEqualTo("CLOSE");
        assertThat(closed.get("responses"))
                .extracting(a -> a.get("id").stringValue(), a -> a.get("status").stringValue())
                .as("in the order first written")
                .containsExactly(tuple(interimId, "OPEN"), tuple(finalId, "CLOSE"));

        for (var side : List.of(world.supplier(), world.grid())) {
            var read = side.get(id);
            assertThat(read.header("ETag")).isEqualTo(tag(5));
            assertThat(read.json()).isEqualTo(closed);
        }
    }

    @Test
    void theSupplierCancelsOrClosesItsEnquiryWithAChange() {
        var world = freshWorld();
        var cancelled = world.enquiry();
        var closed = world.enquiry();

        var cancel = world.supplier().change(cancelled, object("requestStatus", "CANCEL"));
        var close = world.supplier().change(closed, object("requestStatus", "CLOSE"), headers("If-Match", tag(1)));

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.header("ETag")).isEqualTo(tag(2));
        assertThat(cancel.json().get("status").stringValue()).isEqualTo("CANCEL");
        assertThat(close.status()).as("%s", close).isEqualTo(200);
        assertThat(close.json().get("status").stringValue()).isEqualTo("CLOSE");
        assertThat(world.grid().read(cancelled).get("status").stringValue()).isEqualTo("CANCEL");
    }

    @Test
    void aClosedDistributionNetworkAnswersThroughV2() {
        var supplier = freshActor(OPEN_SUPPLIER, ELECTRICITY);
        var cdn = hub.v2(Party.CDN, "CLOSED_DISTRIBUTION_NETWORK", ELECTRICITY);
        var id = supplier.send(anEnquiry().about(Party.METER_CDN)).get("id").stringValue();

        var answered = cdn.answer(id, "CLOSE", "Answered by the closed distribution network");

        assertThat(answered.status()).as("%s", answered).isEqualTo(201);
        assertThat(supplier.read(id).get("responses").get(0).get("authorEic").stringValue())
                .isEqualTo(Party.CDN.eic());
    }

    @Test
    void writesWithIfMatchOfTheCurrentVersionOrAnyVersionApply() {
        var world = freshWorld();
        var id = world.enquiry();

        var exact = world.supplier().change(id, object("requestComment", "Two"), headers("If-Match", tag(1)));
        var any = world.supplier().change(id, object("requestComment", "Three"), headers("If-Match", "*"));
        var answered = world.grid().answer(id, "OPEN", "Looking", headers("If-Match", tag(3)));
        var answerId = lastSegment(answered.header("Location"));
        var answerChanged =
                world.grid().changeAnswer(id, answerId, object("requestStatus", "CLOSE"), headers("If-Match", tag(4)));

        assertThat(List.of(exact, any, answered, answerChanged))
                .extracting(Response::status)
                .containsExactly(200, 200, 201, 200);
        assertThat(List.of(exact, any, answered, answerChanged))
                .extracting(r -> r.header("ETag"))
                .containsExactly(tag(2), tag(3), tag(4), tag(5));
        assertThat(world.supplier().read(id).get("status").stringValue())
                .as("OPEN → CLOSE by changing the answer")
                .isEqualTo("CLOSE");
    }

    // writes that change nothing

    @Test
    void aWriteThatChangesNothingKeepsTheVersionAndWritesNoChange() {
        var world = freshWorld();
        var gridStart = world.grid().follow(null).cursor();
        var supplierStart = world.supplier().follow(null).cursor();
        var id = world.supplier()
                .send(anEnquiry().about(world.meter()).comment("Same words"))
                .get("id")
                .stringValue();
        var answerId = world.grid().answerId(id, "OPEN", "Same answer");

        var sameEnquiry =
                world.supplier().change(id, object("requestComment", "Same words", "meterEic", world.meter()));
        var sameAnswer = world.grid()
                .changeAnswer(id, answerId, object("responseComment", "Same answer", "requestStatus", "OPEN"));

        assertThat(sameEnquiry.status()).as("%s", sameEnquiry).isEqualTo(200);
        assertThat(sameEnquiry.header("ETag")).isEqualTo(tag(2));
        assertThat(sameAnswer.status()).as("%s", sameAnswer).isEqualTo(200);
        assertThat(sameAnswer.header("ETag")).isEqualTo(tag(2));
        assertThat(sameAnswer.json().get("responses").get(0).get("version").longValue())
                .isEqualTo(1);
        // A real write after each: once it is in the feed, anything written before it would be too.
        world.supplier().change(id, object("requestComment", "Other words"));
        world.grid().changeAnswer(id, answerId, object("responseComment", "Other answer"));
        var toGrid = world.grid().follow(gridStart, 2);
        assertThat(toGrid.changes())
                .extracting(
                        c -> c.get("reason").stringValue(),
                        c -> c.get("enquiry").get("version").longValue())
                .as("nothing between the create and the real change")
                .containsExactly(tuple("CREATE", 1L), tuple("UPDATE", 3L));
        var toSupplier = world.supplier().follow(supplierStart, 2);
        assertThat(toSupplier.changes())
                .extracting(
                        c -> c.get("reason").stringValue(),
                        c -> c.get("enquiry").get("version").longValue())
                .containsExactly(tuple("CREATE", 2L), tuple("UPDATE", 4L));
        assertThat(world.grid().changes(toGrid.cursor(), null, null).json().get("content"))
                .isEmpty();
    }

    // the cursor feed

    @Test
    void eachSideFollowsTheOtherSidesWritesOnceEachInTheOrderTheyWereWritten() {
        var world = freshWorld();
        var gridStart = world.grid().follow(null).cursor();
        var supplierStart = world.supplier().follow(null).cursor();

        var id = world.supplier()
                .send(anEnquiry().about(world.meter()).comment("First words"))
                .get("id")
                .stringValue();
        world.supplier().change(id, object("requestComment", "Second words"));
        var interimId = world.grid().answerId(id, "OPEN", "Looking into it");
        world.grid().changeAnswer(id, interimId, object("responseComment", "Checking the meter"));
        var finalId = world.grid().answerId(id, "CLOSE", "The fee is right");

        var toGrid = world.grid().follow(gridStart, 2);
        assertThat(toGrid.changes())
                .as("the grid operator receives the supplier's writes only")
                .extracting(
                        c -> c.get("reason").stringValue(),
                        c -> c.get("enquiry").get("version").longValue(),
                        c -> c.get("enquiry").get("requestComment").stringValue(),
                        c -> c.has("responseId"))
                .containsExactly(tuple("CREATE", 1L, "First words", false), tuple("UPDATE", 2L, "Second words", false));
        var toSupplier = world.supplier().follow(supplierStart, 3);
        assertThat(toSupplier.changes())
                .as("the supplier receives the grid operator's writes only")
                .extracting(
                        c -> c.get("reason").stringValue(),
                        c -> c.get("responseId").stringValue(),
                        c -> c.get("enquiry").get("version").longValue(),
                        c -> c.get("enquiry").get("status").stringValue())
                .containsExactly(
                        tuple("CREATE", interimId, 3L, "OPEN"),
                        tuple("UPDATE", interimId, 4L, "OPEN"),
                        tuple("CREATE", finalId, 5L, "CLOSE"));

        for (var change : concat(toGrid.changes(), toSupplier.changes())) {
            assertThat(change.propertyNames())
                    .isSubsetOf("reason", "timestamp", "enquiry", "responseId")
                    .contains("reason", "timestamp", "enquiry");
            assertThat(change.get("timestamp").stringValue()).matches(HUB_TIME);
            assertThat(change.get("enquiry").get("id").stringValue()).isEqualTo(id);
            assertThat(change.get("enquiry").propertyNames())
                    .containsAll(List.of("id", "version", "senderEic", "responses"));
        }
        assertThat(toSupplier.changes().get(0).get("enquiry").get("responses"))
                .as("a snapshot as of that write")
                .singleElement()
                .satisfies(
                        a -> assertThat(a.get("responseComment").stringValue()).isEqualTo("Looking into it"));
        assertThat(toSupplier
                        .changes()
                        .get(1)
                        .get("enquiry")
                        .get("responses")
                        .get(0)
                        .get("responseComment")
                        .stringValue())
                .isEqualTo("Checking the meter");
        assertStrictlyIncreasing(toGrid.changes());
        assertStrictlyIncreasing(toSupplier.changes());

        var again = world.grid().changes(toGrid.cursor(), null, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("content"))
                .as("nothing new, nothing repeated")
                .isEmpty();
        assertThat(again.json().get("nextCursor").stringValue())
                .as("the same cursor")
                .isEqualTo(toGrid.cursor());
    }

    @Test
    void followingOneChangeAtATimeYieldsTheSameChangesAsOneRead() {
        var world = freshWorld();
        var start = world.grid().follow(null).cursor();
        for (int i = 0; i < 4; i++) {
            var id = world.enquiry();
            world.supplier().change(id, object("requestComment", "Change " + i));
        }

        var inOneRead = world.grid().follow(start, 8).changes();
        var oneByOne = new ArrayList<JsonNode>();
        var cursors = new ArrayList<String>();
        var cursor = start;
        while (true) {
            var page = world.grid().changes(cursor, 1, null);
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            var content = page.json().get("content");
            assertThat(content.size()).isLessThanOrEqualTo(1);
            var next = page.json().get("nextCursor").stringValue();
            if (content.isEmpty()) {
                assertThat(next).isEqualTo(cursor);
                break;
            }
            oneByOne.add(content.get(0));
            cursors.add(next);
            cursor = next;
        }

        assertThat(inOneRead).hasSize(8);
        assertThat(oneByOne).isEqualTo(inOneRead);
        assertThat(cursors).doesNotHaveDuplicates().doesNotContain(start);
        var limited = world.grid().changes(start, 3, null).json();
        assertThat(limited.get("content").valueStream().toList()).isEqualTo(inOneRead.subList(0, 3));
        assertThat(limited.get("nextCursor").stringValue()).isEqualTo(cursors.get(2));
    }

    @Test
    void withoutACursorTheFeedStartsAtTheOldestRetainedChange() {
        var world = freshWorld();
        var first = world.enquiry();
        var second = world.enquiry();

        var everything = world.grid().follow(null, 2);

        assertThat(everything.changes())
                .extracting(c -> c.get("enquiry").get("id").stringValue())
                .containsExactly(first, second);
        assertThat(world.supplier().changes(null, null, null).json().get("content"))
                .as("nothing written to the supplier")
                .isEmpty();
    }

    @Test
    void aWaitWithNothingNewAnswersAfterTheWaitWithTheSameCursor() {
        var world = freshWorld();
        world.enquiry();
        var cursor = world.grid().follow(null, 1).cursor();

        long started = System.nanoTime();
        var waited = world.grid().changes(cursor, null, 1);
        var elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited.status()).as("%s", waited).isEqualTo(200);
        assertThat(waited.json().get("content")).isEmpty();
        assertThat(waited.json().get("nextCursor").stringValue()).isEqualTo(cursor);
        assertThat(elapsed)
                .as("held for the wait, not answered at once")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    // helpers

    private static void assertDocumentHeaders(Response response) {
        assertThat(response.header("x-document-identification")).matches(UUID_TEXT);
        assertThat(response.header("x-document-date-time")).matches(HUB_TIME);
        assertThat(response.header("x-original-document-identification"))
                .isEqualTo(response.raw()
                        .request()
                        .headers()
                        .firstValue("x-document-identification")
                        .orElseThrow());
    }

    private static void assertStrictlyIncreasing(List<JsonNode> changes) {
        var stamps = changes.stream()
                .map(c -> Instant.parse(c.get("timestamp").stringValue()))
                .toList();
        for (int i = 1; i < stamps.size(); i++) {
            assertThat(stamps.get(i)).as("timestamps strictly increase").isAfter(stamps.get(i - 1));
        }
    }

    private static String lastSegment(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static List<JsonNode> concat(List<JsonNode> one, List<JsonNode> two) {
        var all = new ArrayList<>(one);
        all.addAll(two);
        return all;
    }
}
