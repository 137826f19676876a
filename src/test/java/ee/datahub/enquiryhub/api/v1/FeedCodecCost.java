package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.api.v2.V2Representation;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.feed.FeedPagesBefore;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.feed.SampleThreads;
import ee.datahub.enquiryhub.feed.StoredSnapshots;
import ee.datahub.enquiryhub.support.Eics;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * A measurement, not a test: the CPU time and allocation per row of a change-feed page of 500 stored
 * snapshots, before ({@link FeedPagesBefore}) and after (rows written from the stored text), checking
 * that both write the same bytes; the median over rounds of the thread's CPU time, not wall time.
 * Run: <code>bench/feed-cost [rows] [rounds]</code>.
 */
public final class FeedCodecCost {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE = 500;

    private record Stored(String text, Optional<AnswerId> answer, ChangeReason reason, Instant timestamp) {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        var stored = stored(rows, new Random(42));
        var pages = new ArrayList<List<Stored>>();
        for (int i = 0; i < stored.size(); i += PAGE) {
            pages.add(stored.subList(i, Math.min(stored.size(), i + PAGE)));
        }
        sameBytes(pages);
        System.out.printf(
                "%d stored changes (%d bytes of snapshot text on average), pages of %d, %d rounds, JDK %s, %d CPUs%n",
                rows,
                stored.stream().mapToInt(s -> s.text().length()).sum() / rows,
                PAGE,
                rounds,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        measure(
                "v1 page (POST /api/v1/direct-messages/change)",
                pages,
                rounds,
                FeedCodecCost::v1Before,
                FeedCodecCost::v1After);
        measure(
                "v2 page (GET /api/v2/direct-messages/changes)",
                pages,
                rounds,
                FeedCodecCost::v2Before,
                FeedCodecCost::v2After);
        measure("reading the snapshots alone", pages, rounds, FeedCodecCost::readBefore, FeedCodecCost::readAfter);
    }

    private static String v1Before(List<Stored> page) {
        return FeedPagesBefore.v1Page(page.stream().map(FeedCodecCost::before).toList());
    }

    // As DirectMessagesV1.scan and V1Exchange.page write it.
    private static String v1After(List<Stored> page) {
        var rows = JSON.createArrayNode();
        page.forEach(s -> ResultRows.add(rows, after(s)));
        return JSON.writeValueAsString(rows);
    }

    private static String v2Before(List<Stored> page) {
        return FeedPagesBefore.v2Page(page.stream().map(FeedCodecCost::before).toList(), "cursor");
    }

    // As V2Json.changes writes it.
    private static String v2After(List<Stored> page) {
        var root = JSON.createObjectNode();
        var content = root.putArray("content");
        page.forEach(s -> content.addPOJO(V2Representation.changeWriter(after(s))));
        root.put("nextCursor", "cursor");
        return JSON.writeValueAsString(root);
    }

    private static Object readBefore(List<Stored> page) {
        return page.stream().map(FeedCodecCost::before).toList();
    }

    private static Object readAfter(List<Stored> page) {
        return page.stream().map(FeedCodecCost::after).toList();
    }

    private static FeedPagesBefore.Change before(Stored s) {
        return FeedPagesBefore.change(s.text(), s.answer(), s.reason(), s.timestamp());
    }

    private static FeedRow after(Stored s) {
        return StoredSnapshots.change(s.text(), s.answer(), s.reason(), s.timestamp());
    }

    private static void sameBytes(List<List<Stored>> pages) {
        for (var page : pages) {
            if (!v1Before(page).equals(v1After(page)) || !v2Before(page).equals(v2After(page))) {
                throw new AssertionError("the two paths write different pages");
            }
        }
        var samples = SampleThreads.all().stream()
                .map(s -> new Stored(s.stored(), s.answer(), s.reason(), s.timestamp()))
                .toList();
        if (!v1Before(samples).equals(v1After(samples)) || !v2Before(samples).equals(v2After(samples))) {
            throw new AssertionError("the two paths write different pages of the sample threads");
        }
    }

    private static void measure(
            String what,
            List<List<Stored>> pages,
            int rounds,
            Function<List<Stored>, Object> before,
            Function<List<Stored>, Object> after) {
        int rows = pages.stream().mapToInt(List::size).sum();
        var beforeNs = new double[rounds];
        var afterNs = new double[rounds];
        var beforeBytes = new double[rounds];
        var afterBytes = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            // Alternate which goes first, so that neither always runs on a warmer cache or after the other's garbage.
            boolean beforeFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean isBefore = (turn == 0) == beforeFirst;
                var cost = run(pages, isBefore ? before : after);
                (isBefore ? beforeNs : afterNs)[round] = cost[0] / rows;
                (isBefore ? beforeBytes : afterBytes)[round] = cost[1] / rows;
            }
        }
        // The first third of the rounds warm the JIT up; the median of the rest is the figure.
        int from = rounds / 3;
        double b = median(beforeNs, from), a = median(afterNs, from);
        System.out.printf(
                "%-48s before %7.0f ns CPU/row %7.0f B/row | after %7.0f ns CPU/row %7.0f B/row | %.1f x less CPU%n",
                what, b, median(beforeBytes, from), a, median(afterBytes, from), b / a);
    }

    // The thread's CPU nanoseconds and allocated bytes for one pass over every page.
    private static double[] run(List<List<Stored>> pages, Function<List<Stored>, Object> path) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long sink = 0;
        for (var page : pages) {
            sink += path.apply(page).hashCode();
        }
        double[] cost = {threads.getCurrentThreadCpuTime() - cpu, threads.getCurrentThreadAllocatedBytes() - bytes};
        if (sink == 42) {
            System.out.print("");
        }
        return cost;
    }

    private static double median(double[] values, int from) {
        var sorted = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // Changes as the benchmark's seed stores them, with its mix of streams, topics, answers and comment lengths.
    private static List<Stored> stored(int count, Random random) {
        var suppliers = List.of(new Eic(Eics.party()), new Eic(Eics.party()));
        var gridOperator = new Eic(Eics.party());
        var meters = new ArrayList<Eic>();
        var customers = new ArrayList<Eic>();
        for (int i = 0; i < 200; i++) {
            meters.add(new Eic(Eics.meteringPoint()));
            customers.add(new Eic(Eics.party()));
        }
        var reasons = List.of(
                "An estimated reading was used.",
                "The invoice came twice.",
                "The tariff looks wrong.",
                "The meter was replaced in the period.",
                "The customer moved out.");
        var stored = new ArrayList<Stored>();
        var base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            var created = base.plusNanos(i * 2_591_000_000L + random.nextInt(1_000_000) * 1_000L);
            boolean invoice = i % 3 == 0;
            var comment = "The customer disputes the network fee for January 2026; meter reading " + (i * 7919) % 100000
                    + " kWh. " + reasons.get(i % 5)
                    + (i % 100 == 7 ? " A voltage dip was reported at the connection point." : "");
            // Every fifth change is an answer on a supplier's stream, the rest new enquiries on the grid operator's.
            boolean answer = i % 5 == 4;
            var answered = created.plusSeconds(3600);
            var answers = answer
                    ? List.of(new AnswerView(
                            new AnswerId(UUID.randomUUID()),
                            1,
                            gridOperator,
                            i % 8 == 0 ? RequestStatus.CLOSE : RequestStatus.OPEN,
                            Optional.of("Checked the metering data: the field team is checking the meter."),
                            answered,
                            answered))
                    : List.<AnswerView>of();
            var enquiry = new EnquiryView(
                    new EnquiryId(UUID.randomUUID()),
                    answer ? 2 : 1,
                    ee.datahub.enquiryhub.participant.Commodity.ELECTRICITY,
                    suppliers.get(i % 2),
                    gridOperator,
                    meters.get(random.nextInt(meters.size())),
                    customers.get(random.nextInt(customers.size())),
                    invoice ? Topic.INVOICE : Topic.DATA,
                    invoice ? Optional.of(new Reference(ReferenceType.INVOICE, "INV-" + i)) : Optional.empty(),
                    answers.isEmpty() ? RequestStatus.OPEN : answers.getFirst().status(),
                    Optional.of(comment),
                    created,
                    answer ? answered : created,
                    created.plusSeconds(14 * 86_400),
                    answers);
            stored.add(new Stored(
                    StoredSnapshots.asJsonb(StoredSnapshots.written(enquiry)),
                    answer ? Optional.of(answers.getFirst().id()) : Optional.empty(),
                    ChangeReason.CREATE,
                    (answer ? answered : created).plusNanos(1_000)));
        }
        return stored;
    }
}
