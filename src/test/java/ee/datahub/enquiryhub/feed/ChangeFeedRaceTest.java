package ee.datahub.enquiryhub.feed;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
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
import ee.datahub.enquiryhub.support.Party;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change feed never loses a change (spec §6): writers commit out of order — one transaction held
 * open while many others commit concurrently — while a scanner keeps resuming from the timestamp of
 * the last row it received. The same harness run with a naive scan (rows whose write time is after
 * the last one seen) loses the long transaction's row, which shows the harness can catch a loss.
 */
class ChangeFeedRaceTest extends HubApiTest {

    private static final int WRITER_THREADS = 8;
    private static final int ENQUIRIES_PER_WRITER = 15;

    @Autowired
    Enquiries enquiries;

    @Autowired
    ParticipantRegister participants;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TechnicalUsers technicalUsers;

    @Autowired
    JdbcClient jdbc;

    private ExecutorService pool;
    private Actor supplier;
    private Actor grid;
    private String meter;

    @BeforeEach
    void freshParties() {
        pool = Executors.newFixedThreadPool(WRITER_THREADS + 3);
        supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** What a scanning client sees: rows in the order received, across all its scans. */
    interface Scanner {
        /** The rows after (or at) {@code from}, oldest first; each row is (enquiry id, timestamp). */
        List<Row> scan(Instant from);
    }

    record Row(String id, Instant timestamp) {}

    @Test
    void aScannerResumingFromTheLastTimestampReceivesEveryChangeOfOutOfOrderCommits() throws Exception {
        var received = race(this::scanThroughTheHub);
        var expected = received.expected();
        var ids = received.rows().stream()
                .map(Row::id)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        assertThat(ids).as("every change received").containsExactlyInAnyOrderElementsOf(expected);
        assertInCommitOrderWithOnlyBoundaryRepeats(received.rows());
        var last = received.rows().getLast().id();
        assertThat(last)
                .as("the long transaction committed last, so its row comes last")
                .isEqualTo(received.heldId());
    }

    @Test
    void aNaiveScanByWriteTimeLosesTheRowOfTheTransactionThatCommittedLate() throws Exception {
        var received = race(this::naiveScanByWriteTime);
        var ids = received.rows().stream().map(Row::id).toList();
        assertThat(ids).as("the naive scan received rows").isNotEmpty();
        assertThat(ids).as("but lost the long transaction's row").doesNotContain(received.heldId());
    }

    /**
     * The v1 guarantee kept with a stamper that runs apart from the writers: a scan that begins after a
     * write committed includes it (the scan waits, normally one stamping interval, for the stamper).
     */
    @Test
    void aScanIncludesEveryChangeCommittedBeforeItBegan() {
        var start = Instant.now().minusSeconds(1).toString();
        for (int i = 0; i < 25; i++) {
            var id = supplier.send(anEnquiry().about(meter));
            assertThat(grid.scanAll(start, id))
                    .as("write %d, scanned right after its commit", i)
                    .hasSize(1);
        }
    }

    record RaceResult(List<Row> rows, Set<String> expected, String heldId) {}

    // One writer opens a transaction, writes an enquiry and holds it open; meanwhile many writers
    // create enquiries over HTTP and commit, and a scanner keeps resuming from the last timestamp it
    // saw. Once the scanner has completed a scan begun after the short transactions committed, the
    // long one commits, and the scanner stops after a scan begun after that commit.
    private RaceResult race(Scanner scanner) throws Exception {
        var start = Instant.now().minusSeconds(1);
        var heldWritten = new CountDownLatch(1);
        var releaseHeld = new CountDownLatch(1);
        var heldId = new CompletableFuture<String>();
        var held = CompletableFuture.runAsync(
                () -> transactions.executeWithoutResult(status -> {
                    var ids = enquiries.send(
                            callerFor(supplier.party()),
                            List.of(new NewEnquiry(
                                    new Eic(meter),
                                    new Eic(Party.CUSTOMER),
                                    Topic.DATA,
                                    Optional.empty(),
                                    RequestStatus.OPEN,
                                    Optional.of(new Comment("written by the long transaction")),
                                    Optional.empty())));
                    heldId.complete(ids.getFirst().id().toString());
                    heldWritten.countDown();
                    await(releaseHeld);
                }),
                pool);
        await(heldWritten);

        var rows = Collections.synchronizedList(new ArrayList<Row>());
        var scanning = new AtomicBoolean(true);
        var begun = new AtomicLong();
        var completed = new AtomicLong();
        var cursor = new java.util.concurrent.atomic.AtomicReference<>(start);
        var scannerDone = CompletableFuture.runAsync(
                () -> {
                    while (scanning.get()) {
                        long scan = begun.incrementAndGet();
                        var batch = scanner.scan(cursor.get());
                        rows.addAll(batch);
                        if (!batch.isEmpty()) {
                            cursor.set(batch.getLast().timestamp());
                        }
                        completed.set(scan);
                        pause(10);
                    }
                },
                pool);

        var shortIds = ConcurrentHashMap.<String>newKeySet();
        var writers = new ArrayList<CompletableFuture<Void>>();
        for (int w = 0; w < WRITER_THREADS; w++) {
            writers.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < ENQUIRIES_PER_WRITER; i++) {
                            shortIds.add(supplier.send(anEnquiry().about(meter)));
                        }
                    },
                    pool));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        // A scan begun now sees every short transaction (the v1 scan waits for the stamper): the scanner is past the
        // long one's time.
        awaitScanBegunAfter(begun.get(), completed, scannerDone);

        releaseHeld.countDown();
        held.get(30, TimeUnit.SECONDS);
        awaitScanBegunAfter(begun.get(), completed, scannerDone);
        scanning.set(false);
        scannerDone.get(30, TimeUnit.SECONDS);

        var expected = new LinkedHashSet<>(shortIds);
        expected.add(heldId.get());
        assertThat(expected).hasSize(WRITER_THREADS * ENQUIRIES_PER_WRITER + 1);
        return new RaceResult(List.copyOf(rows), expected, heldId.get());
    }

    private List<Row> scanThroughTheHub(Instant from) {
        var response = grid.scan(from.toString(), null, 0, 500);
        assertThat(response.status()).as("scan: %s", response).isEqualTo(200);
        return response.json()
                .valueStream()
                .map(row -> new Row(
                        row.get("messageRequestId").stringValue(),
                        Instant.parse(row.get("timestamp").stringValue())))
                .toList();
    }

    // What a hub stamping rows at write time and scanning time > last would serve.
    private List<Row> naiveScanByWriteTime(Instant from) {
        return jdbc.sql("""
                select id, created_at from enquiry where receiver_eic = ? and created_at > ? order by created_at limit 500
                """)
                .params(grid.party().eic(), Timestamp.from(from))
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class).toString(),
                        rs.getTimestamp(2).toInstant()))
                .list();
    }

    private static void assertInCommitOrderWithOnlyBoundaryRepeats(List<Row> rows) {
        for (int i = 1; i < rows.size(); i++) {
            var previous = rows.get(i - 1);
            var row = rows.get(i);
            if (row.equals(previous)) {
                continue; // the boundary row of a resumed scan, received once more
            }
            assertThat(row.timestamp()).as("row %d after %s", i, previous).isAfter(previous.timestamp());
        }
        var distinct = new LinkedHashSet<>(rows);
        assertThat(distinct.stream().map(Row::id).distinct().count())
                .as("one row per change: no change arrives twice with different timestamps")
                .isEqualTo(distinct.size());
    }

    private Caller callerFor(Party party) {
        var participant = participants.find(new Eic(party.eic())).orElseThrow();
        var client = new ApiClient(technicalUsers.active(party.clientId()).orElseThrow());
        return new Caller(client, participant, MarketRole.OPEN_SUPPLIER, Commodity.ELECTRICITY);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(120, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitScanBegunAfter(long scans, AtomicLong completed, CompletableFuture<Void> scanner)
            throws Exception {
        for (int i = 0; i < 12_000 && completed.get() <= scans && !scanner.isDone(); i++) {
            Thread.sleep(10);
        }
        if (scanner.isDone()) {
            scanner.get(); // the scanner failed: its failure tells why
        }
        assertThat(completed.get()).as("scans completed").isGreaterThan(scans);
    }
}
