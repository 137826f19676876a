package ee.datahub.enquiryhub.feed;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import ee.datahub.enquiryhub.support.SecondHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The v2 feed's wait (spec §7): a reader waiting on one instance is woken by a change committed through
 * it or through another instance, before its wait ends (the test hubs look again only after the longest
 * wait); a wait with nothing to return answers when it ends, with the same cursor; and many waiters hold
 * neither the server's threads nor the database's connections. (How soon: bench/, "wake-ups".)
 */
class LongPollTest extends HubApiTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    FeedWakeups wakeups;

    private Party supplier;
    private Party grid;
    private String meter;

    @BeforeEach
    void freshParties() {
        supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"this", "the other"})
    void aReaderIsWokenByAChangeWrittenThroughEitherInstanceBeforeItsWaitEnds(String instance) throws Exception {
        var waiter = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY");
        var writer = (instance.equals("this") ? hub : SecondHub.client()).v2(supplier, "OPEN_SUPPLIER", "ELECTRICITY");
        // A witness: a wait on a stream nobody writes to, begun before the reader's and shorter. While it
        // is unanswered, the reader's wait cannot have ended.
        var quiet = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var quietMeter = hub.registerMeteringPoint(quiet, "ELECTRICITY");
        var witness = hub.v2(quiet, "GRID_OPERATOR", "ELECTRICITY");
        for (int round = 0; round < 3; round++) {
            var cursor = waiter.follow(null).cursor();
            var quietCursor = witness.follow(null).cursor();
            int before = wakeups.waiting();
            var witnessing = CompletableFuture.supplyAsync(() -> witness.changes(quietCursor, null, 20));
            awaitWaiters(before + 1);
            var waiting = CompletableFuture.supplyAsync(() -> waiter.changes(cursor, null, 30));
            awaitWaiters(before + 2);

            var written = writer.create(anEnquiry().about(meter));
            assertThat(written.status()).isEqualTo(201);
            var heard = waiting.get(60, TimeUnit.SECONDS);
            assertThat(witnessing)
                    .as("answered while the witness still waits: woken, not timed out")
                    .isNotDone();

            assertThat(heard.status()).isEqualTo(200);
            assertThat(heard.json().get("content")).hasSize(1);
            assertThat(heard.json()
                            .get("content")
                            .get(0)
                            .get("enquiry")
                            .get("id")
                            .stringValue())
                    .isEqualTo(written.json().get("id").stringValue());
            // The witness is woken by a change of its own, and only by that.
            assertThat(writer.create(anEnquiry().about(quietMeter)).status()).isEqualTo(201);
            assertThat(witnessing.get(60, TimeUnit.SECONDS).json().get("content"))
                    .hasSize(1);
        }
    }

    @Test
    void aWaitWithNothingToReturnAnswersWhenItEndsWithTheSameCursor() {
        var reader = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY");
        var cursor = reader.follow(null).cursor();
        var answered = timed(() -> reader.changes(cursor, null, 2));
        assertThat(answered.response().status()).isEqualTo(200);
        assertThat(answered.response().json().get("content")).isEmpty();
        assertThat(answered.response().json().get("nextCursor").stringValue()).isEqualTo(cursor);
        assertThat(Duration.ofNanos(answered.endedAt() - answered.startedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void twoHundredWaitersHoldNeitherServerThreadsNorDatabaseConnections() throws Exception {
        var reader = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY");
        var cursor = reader.follow(null).cursor();
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            int before = wakeups.waiting();
            var waiting = new ArrayList<CompletableFuture<Response>>();
            // Twenty at a time: each reads once before it waits, and 200 reads at once would queue for the
            // pool's 20 connections (past its timeout on a busy machine).
            for (int i = 1; i <= 200; i++) {
                waiting.add(CompletableFuture.supplyAsync(() -> reader.changes(cursor, null, 25), pool));
                if (i % 20 == 0) {
                    awaitWaiters(before + i);
                }
            }
            // Each waiter reads once before it waits; once those reads are done, waiting holds no connection.
            var hikari = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
            for (int i = 0; i < 100 && hikari.getActiveConnections() >= 5; i++) {
                Thread.sleep(50);
            }
            System.out.printf(
                    "200 waiters: %d of %d pooled connections in use, %d waiting%n",
                    hikari.getActiveConnections(), hikari.getTotalConnections(), wakeups.waiting());
            assertThat(waiting).as("none answered yet").noneMatch(CompletableFuture::isDone);
            assertThat(wakeups.waiting()).as("all still waiting").isGreaterThanOrEqualTo(before + 200);
            assertThat(hikari.getActiveConnections())
                    .as("waiters hold no connection")
                    .isLessThan(5);
            // The hub still serves other requests at once, through the same instance.
            var supplierV2 = hub.v2(supplier, "OPEN_SUPPLIER", "ELECTRICITY");
            var created = supplierV2.create(anEnquiry().about(meter));
            assertThat(created.status()).isEqualTo(201);
            for (var future : waiting) {
                var response = future.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as("%s", response).isEqualTo(200);
                assertThat(response.json().get("content"))
                        .as("every waiter hears of the change")
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitWaiters(int count) throws InterruptedException {
        for (int i = 0; i < 300 && wakeups.waiting() < count; i++) {
            Thread.sleep(50);
        }
        assertThat(wakeups.waiting()).as("requests waiting on this instance").isGreaterThanOrEqualTo(count);
    }

    record Timed(Response response, long startedAt, long endedAt) {}

    private static Timed timed(java.util.function.Supplier<Response> request) {
        long started = System.nanoTime();
        var response = request.get();
        return new Timed(response, started, System.nanoTime());
    }
}
