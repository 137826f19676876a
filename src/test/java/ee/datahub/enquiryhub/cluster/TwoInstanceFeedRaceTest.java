package ee.datahub.enquiryhub.cluster;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Comment;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.NewEnquiry;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.SecondHub;
import ee.datahub.enquiryhub.support.V2Actor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feeds with two instances on one database (spec §6, §7), read while writers on both write (v1, v2 and
 * transactions held open): per grid operator, a v2 cursor scanner gets every change exactly once and a v1
 * timestamp scanner every change (the boundary row again at most), reading through alternate instances.
 * A naive scan by write time loses changes in the same race (within a few races): the race can catch a loss.
 */
class TwoInstanceFeedRaceTest extends HubApiTest {

    private static final int HTTP_WRITERS_PER_INSTANCE = 2;
    private static final int WRITES_PER_HTTP_WRITER = 18;
    private static final int HELD_ROUNDS = 6;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ParticipantRegister participants;

    @Autowired
    TechnicalUsers technicalUsers;

    private ExecutorService pool;
    private HubClient other;
    private Party supplier;
    private final List<Grid> grids = new ArrayList<>();

    /** A grid operator of the race: its metering point and the comments of the writes it must hear of. */
    record Grid(Party party, String meter, Set<String> written) {}

    /** One read of a scanner: the comments of the changes it received, in order. */
    interface Scanner {
        List<String> read();
    }

    record Scanned(String name, List<String> received) {}

    @BeforeEach
    void freshParties() {
        pool = Executors.newFixedThreadPool(16);
        other = SecondHub.client();
        supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        freshGrids();
    }

    private void freshGrids() {
        grids.clear();
        for (int i = 0; i < 2; i++) {
            var party = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
            grids.add(new Grid(party, hub.registerMeteringPoint(party, "ELECTRICITY"), ConcurrentHashMap.newKeySet()));
        }
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void scannersOnAlternatingInstancesReceiveEveryChangeExactlyOnceWhileWritersOnBothWrite() throws Exception {
        var scanners = new ArrayList<Scanner>();
        var names = new ArrayList<String>();
        var awaited = new ArrayList<Set<String>>();
        for (var grid : grids) {
            scanners.add(cursorScanner(grid));
            names.add("cursor " + grid.party().eic());
            awaited.add(grid.written());
            scanners.add(timestampScanner(grid));
            names.add("timestamp " + grid.party().eic());
            awaited.add(grid.written());
        }
        var scanned = race(scanners, names, awaited);
        for (int g = 0; g < grids.size(); g++) {
            var expected = grids.get(g).written();
            var cursor = scanned.get(2 * g);
            var timestamp = scanned.get(2 * g + 1);
            assertThat(cursor.received())
                    .as("%s: every change, each once", cursor.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(Set.copyOf(timestamp.received()))
                    .as("%s: every change", timestamp.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertOnlyBoundaryRepeats(timestamp);
        }
    }

    @Test
    void aNaiveScanByWriteTimeLosesChangesInTheSameRace() throws Exception {
        int lost = naiveRace();
        // A loss needs a held transaction to commit after a later write was read: likely, not certain; a few races at
        // most.
        for (int attempt = 2; attempt <= 4 && lost == 0; attempt++) {
            freshGrids();
            lost = naiveRace();
        }
        assertThat(lost)
                .as("the naive scan loses changes of the transactions that committed late")
                .isPositive();
    }

    private int naiveRace() throws Exception {
        var scanners = new ArrayList<Scanner>();
        var names = new ArrayList<String>();
        for (var grid : grids) {
            scanners.add(naiveScanner(grid));
            names.add("naive " + grid.party().eic());
        }
        var scanned = race(scanners, names, List.of(Set.of(), Set.of()));
        int lost = 0;
        for (int g = 0; g < grids.size(); g++) {
            var missing = new java.util.HashSet<>(grids.get(g).written());
            missing.removeAll(scanned.get(g).received());
            lost += missing.size();
        }
        System.out.printf(
                "naive scan: %d of %d changes lost%n",
                lost, grids.stream().mapToInt(g -> g.written().size()).sum());
        return lost;
    }

    // Runs the writers on both instances and the scanners until the writers are done, each scanner has
    // received what it awaits and then completed one more read; returns what each received, in order.
    private List<Scanned> race(List<Scanner> scanners, List<String> names, List<Set<String>> awaited) throws Exception {
        var received = new ArrayList<List<String>>();
        var scanning = new AtomicBoolean(true);
        var begun = new AtomicLongArray(scanners.size());
        var completed = new AtomicLongArray(scanners.size());
        var scanJobs = new ArrayList<CompletableFuture<Void>>();
        for (int i = 0; i < scanners.size(); i++) {
            var scanner = scanners.get(i);
            var rows = Collections.synchronizedList(new ArrayList<String>());
            received.add(rows);
            int index = i;
            scanJobs.add(CompletableFuture.runAsync(
                    () -> {
                        while (scanning.get()) {
                            long read = begun.incrementAndGet(index);
                            rows.addAll(scanner.read());
                            completed.set(index, read);
                            pause(20);
                        }
                    },
                    pool));
        }
        var started = System.nanoTime();
        var writers = new ArrayList<CompletableFuture<Void>>();
        var serial = new AtomicInteger();
        for (var client : List.of(hub, other)) {
            for (int w = 0; w < HTTP_WRITERS_PER_INSTANCE; w++) {
                writers.add(CompletableFuture.runAsync(() -> httpWriter(client, serial), pool));
            }
        }
        writers.add(
                CompletableFuture.runAsync(() -> heldWriter(enquiriesOf(false), transactionsOf(false), serial), pool));
        writers.add(
                CompletableFuture.runAsync(() -> heldWriter(enquiriesOf(true), transactionsOf(true), serial), pool));
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        var written = System.nanoTime();
        awaitReads(begun, completed, scanJobs, i -> {
            synchronized (received.get(i)) {
                return received.get(i).containsAll(awaited.get(i));
            }
        });
        // One more read each: a change that would arrive twice has arrived by its end.
        awaitReads(begun, completed, scanJobs, i -> true);
        scanning.set(false);
        CompletableFuture.allOf(scanJobs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        System.out.printf(
                "two-instance feed race: %d writes in %d ms (%s)%n",
                grids.stream().mapToInt(g -> g.written().size()).sum(),
                TimeUnit.NANOSECONDS.toMillis(written - started),
                grids.stream()
                        .map(g -> g.party().eic() + ": " + g.written().size())
                        .toList());
        var result = new ArrayList<Scanned>();
        for (int i = 0; i < scanners.size(); i++) {
            var rows = List.copyOf(received.get(i));
            System.out.printf(
                    "  %s: received %d rows, %d distinct%n",
                    names.get(i), rows.size(), Set.copyOf(rows).size());
            result.add(new Scanned(names.get(i), rows));
        }
        return result;
    }

    // Waits until every scanner has completed a read begun from now on and is done (at most a minute:
    // the assertions then tell what is missing).
    private static void awaitReads(
            AtomicLongArray begun,
            AtomicLongArray completed,
            List<CompletableFuture<Void>> scanJobs,
            java.util.function.IntPredicate done)
            throws Exception {
        var marks = new long[begun.length()];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = begun.get(i);
        }
        for (int i = 0; i < marks.length; i++) {
            for (int wait = 0; wait < 3_000 && (completed.get(i) <= marks[i] || !done.test(i)); wait++) {
                if (scanJobs.get(i).isDone()) {
                    scanJobs.get(i).get(); // a failed read: its failure tells why
                }
                Thread.sleep(20);
            }
        }
    }

    // Creates (v1 and v2 in turn) and changes enquiries over HTTP through one instance.
    private void httpWriter(HubClient client, AtomicInteger serial) {
        var v1 = client.as(supplier, "OPEN_SUPPLIER", "ELECTRICITY");
        var v2 = client.v2(supplier, "OPEN_SUPPLIER", "ELECTRICITY");
        var mine = new ArrayList<Map.Entry<Grid, String>>();
        for (int i = 0; i < WRITES_PER_HTTP_WRITER; i++) {
            var grid = grids.get(i % grids.size());
            var comment = "write " + serial.incrementAndGet();
            if (i % 3 == 2 && !mine.isEmpty()) {
                var target = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                var response = v1.change(target.getValue(), object("requestComment", comment));
                assertThat(response.status()).as("change: %s", response).isEqualTo(200);
                target.getKey().written().add(comment);
            } else if (i % 2 == 0) {
                var id = v1.send(anEnquiry().about(grid.meter()).comment(comment));
                grid.written().add(comment);
                mine.add(Map.entry(grid, id));
            } else {
                var id = v2.send(anEnquiry().about(grid.meter()).comment(comment))
                        .get("id")
                        .stringValue();
                grid.written().add(comment);
                mine.add(Map.entry(grid, id));
            }
        }
    }

    // Writes an enquiry inside a transaction held open for a random while, then commits, a few times.
    private void heldWriter(Enquiries enquiries, TransactionTemplate transactions, AtomicInteger serial) {
        var caller = supplierCaller();
        for (int round = 0; round < HELD_ROUNDS; round++) {
            var grid = grids.get(round % grids.size());
            var comment = "held " + serial.incrementAndGet();
            transactions.executeWithoutResult(status -> {
                enquiries.send(
                        caller,
                        List.of(new NewEnquiry(
                                new Eic(grid.meter()),
                                new Eic(Party.CUSTOMER),
                                Topic.DATA,
                                Optional.empty(),
                                RequestStatus.OPEN,
                                Optional.of(new Comment(comment)),
                                Optional.empty())));
                pause(ThreadLocalRandom.current().nextInt(100, 900));
            });
            grid.written().add(comment);
        }
    }

    // Reads v2's cursor feed, each read through the other instance than the last.
    private Scanner cursorScanner(Grid grid) {
        var actors = List.of(
                hub.v2(grid.party(), "GRID_OPERATOR", "ELECTRICITY"),
                other.v2(grid.party(), "GRID_OPERATOR", "ELECTRICITY"));
        var cursor = new String[] {actors.getFirst().follow(null).cursor()};
        var turn = new AtomicInteger();
        return () -> {
            V2Actor actor = actors.get(turn.getAndIncrement() % 2);
            var response = actor.changes(cursor[0], 50, null);
            assertThat(response.status()).as("changes: %s", response).isEqualTo(200);
            cursor[0] = response.json().get("nextCursor").stringValue();
            return response.json()
                    .get("content")
                    .valueStream()
                    .map(change -> change.get("enquiry").get("requestComment").stringValue())
                    .toList();
        };
    }

    // Reads v1's change feed from the last timestamp received (inclusive), alternating instances.
    private Scanner timestampScanner(Grid grid) {
        var actors = List.of(
                hub.as(grid.party(), "GRID_OPERATOR", "ELECTRICITY"),
                other.as(grid.party(), "GRID_OPERATOR", "ELECTRICITY"));
        var from = new String[] {Instant.now().minusSeconds(1).toString()};
        var turn = new AtomicInteger();
        return () -> {
            Actor actor = actors.get(turn.getAndIncrement() % 2);
            var response = actor.scan(from[0], null, 0, 50);
            assertThat(response.status()).as("scan: %s", response).isEqualTo(200);
            var rows = response.json().valueStream().toList();
            if (!rows.isEmpty()) {
                from[0] = rows.getLast().get("timestamp").stringValue();
            }
            return rows.stream()
                    .map(row -> row.get("requestComment").stringValue())
                    .toList();
        };
    }

    // What a hub stamping rows when they are written would serve: rows written after the last one seen.
    private Scanner naiveScanner(Grid grid) {
        var from = new Timestamp[] {Timestamp.from(Instant.now().minusSeconds(1))};
        return () -> {
            var rows = jdbc.sql("""
                    select request_comment, updated_at from enquiry where receiver_eic = ? and updated_at > ?
                     order by updated_at limit 50
                    """)
                    .params(grid.party().eic(), from[0])
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2)))
                    .list();
            if (!rows.isEmpty()) {
                from[0] = rows.getLast().getValue();
            }
            return rows.stream().map(Map.Entry::getKey).toList();
        };
    }

    private static void assertOnlyBoundaryRepeats(Scanned scanned) {
        var rows = scanned.received();
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < rows.size(); i++) {
            if (seen.containsKey(rows.get(i))) {
                assertThat(seen.get(rows.get(i)))
                        .as("%s: %s again only as the boundary row right after itself", scanned.name(), rows.get(i))
                        .isEqualTo(i - 1);
            }
            seen.put(rows.get(i), i);
        }
    }

    private Enquiries enquiriesOf(boolean second) {
        return second ? SecondHub.bean(Enquiries.class) : applicationContextBean(Enquiries.class);
    }

    private TransactionTemplate transactionsOf(boolean second) {
        return second ? SecondHub.bean(TransactionTemplate.class) : applicationContextBean(TransactionTemplate.class);
    }

    @Autowired
    org.springframework.context.ApplicationContext applicationContext;

    private <T> T applicationContextBean(Class<T> type) {
        return applicationContext.getBean(type);
    }

    private Caller supplierCaller() {
        var participant = participants.find(new Eic(supplier.eic())).orElseThrow();
        return new Caller(
                new ApiClient(technicalUsers.active(supplier.clientId()).orElseThrow()),
                participant,
                MarketRole.OPEN_SUPPLIER,
                Commodity.ELECTRICITY);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
