package ee.datahub.enquiryhub.cluster;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.SecondHub;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revocation against writers on two instances: writers on both send creates and searches with a
 * technical user's token while it is revoked on one of them, in some rounds while both instances'
 * listeners work through a backlog of notifications (a busy instance). Every request sent after the
 * revocation's 204 arrived is refused (401), on both instances, in every round. The same race with the
 * naive cache (the revocation commits and notifies, and nobody waits for the instances to hear it)
 * accepts requests sent after the commit, which shows the race can catch a loss. And the revocation's answer waits
 * for a slow instance (here a listening session the test holds) until it has heard, and ends the session
 * of one that never answers.
 */
class RevocationRaceTest extends HubApiTest {

    private static final int WRITERS_PER_INSTANCE = 4;
    private static final int SPRINTERS_PER_INSTANCE = 6;
    private static final int ROUNDS = 4;
    private static final int NAIVE_ROUNDS = 5;
    /** Notifications queued before the revocation: an instance whose listener is busy for a while. */
    private static final int BACKLOG = 100_000;

    private static final int SENDS_AFTER_REVOCATION = 3;
    private static final Duration PHASE = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private HubClient other;
    private Party supplier;
    private String meter;

    /** One request of a writer: where it went, when it was sent (this JVM's clock) and its answer. */
    record Sent(String instance, long sentAt, int status) {}

    /** What a round's writers sent, and when the revocation had taken effect for the revoker. */
    record Round(List<Sent> sent, long revokedAt) {

        List<Sent> after() {
            return sent.stream().filter(s -> s.sentAt() > revokedAt).toList();
        }

        List<Sent> acceptedAfter() {
            return after().stream().filter(s -> s.status() / 100 == 2).toList();
        }
    }

    @BeforeEach
    void freshParties() {
        other = SecondHub.client();
        supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
    }

    @Test
    void everyRequestSentAfterTheRevocationsAnswerIsRefusedOnBothInstances() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            var revoker = round % 2 == 0 ? hub : other;
            boolean busy = round >= 2;
            var result = race(user -> {
                if (busy) {
                    busyListeners();
                }
                long asked = System.nanoTime();
                var revoked =
                        revoker.call("DELETE", "/api/participant/technical-users/" + user.clientId(), supplier, null);
                long answered = System.nanoTime();
                assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
                System.out.printf("revocation answered after %d ms%n", (answered - asked) / 1_000_000);
                return answered;
            });
            System.out.printf(
                    "revocation round %d (revoked on %s%s): %d requests, %d sent after the 204, %d of them accepted%n",
                    round,
                    revoker == hub ? "first" : "second",
                    busy ? ", listeners busy" : "",
                    result.sent().size(),
                    result.after().size(),
                    result.acceptedAfter().size());
            assertThat(result.after())
                    .as("requests sent after the revocation's 204, on both instances")
                    .extracting(Sent::instance)
                    .contains("first", "second");
            assertThat(result.after())
                    .as("every request sent after the revocation's 204 is refused")
                    .allSatisfy(sent -> assertThat(sent.status()).as("%s", sent).isEqualTo(401));
        }
    }

    @Test
    void theNaiveCacheAcceptsRequestsSentAfterTheRevocationCommitted() throws Exception {
        var tx = new TransactionTemplate(transactions);
        int rounds = 0;
        int accepted = 0;
        while (accepted == 0 && rounds < NAIVE_ROUNDS) {
            rounds++;
            var result = race(user -> {
                tx.executeWithoutResult(status -> {
                    // the listeners hear the revocation after the backlog, as on a busy instance
                    busyListeners();
                    jdbc.sql("update technical_user set revoked_at = now() where client_id = ?")
                            .param(user.clientId())
                            .update();
                    jdbc.sql("select pg_notify('register_changed', '')").query().singleRow();
                });
                return System.nanoTime();
            });
            accepted = result.acceptedAfter().size();
            System.out.printf(
                    "naive round %d: %d sent after the commit, %d accepted (%s)%n",
                    rounds, result.after().size(), accepted, result.acceptedAfter());
        }
        assertThat(accepted)
                .as("the naive cache accepted requests sent after the revocation committed (in %d rounds)", rounds)
                .isPositive();
    }

    @Test
    void theRevocationIsAnsweredOnlyAfterASlowInstanceHasHeardIt() throws Exception {
        var user = hub.technicalUser(supplier, "VIEWER_DIRECT_MESSAGE");
        try (var slow = instanceListener()) {
            var revocation = CompletableFuture.supplyAsync(() -> {
                var response =
                        hub.call("DELETE", "/api/participant/technical-users/" + user.clientId(), supplier, null);
                return new Sent("first", System.nanoTime(), response.status());
            });
            var barrier = awaitBarrier(slow);
            // The slow instance takes its time before it says it has heard everything before the barrier.
            Thread.sleep(300);
            long heardAt = System.nanoTime();
            try (var answer = slow.prepareStatement("select pg_notify('hub_barrier_heard', ?)")) {
                answer.setString(1, barrier.getParameter());
                answer.execute();
            }
            var answered = revocation.get(1, TimeUnit.MINUTES);
            assertThat(answered.status()).isEqualTo(204);
            assertThat(answered.sentAt())
                    .as("the 204 arrived after the slow instance had heard")
                    .isGreaterThan(heardAt);
        }
    }

    @Test
    void anInstanceThatNeverConfirmsHasItsSessionEndedAndTheRevocationIsStillAnswered() throws Exception {
        var user = hub.technicalUser(supplier, "VIEWER_DIRECT_MESSAGE");
        try (var silent = instanceListener()) {
            var revoked = hub.call("DELETE", "/api/participant/technical-users/" + user.clientId(), supplier, null);
            assertThat(revoked.status()).isEqualTo(204);
            assertThatThrownBy(() -> silent.createStatement().execute("select 1"))
                    .as("the silent listener's session was ended, so its instance stops trusting its cache")
                    .isInstanceOf(SQLException.class);
        }
    }

    /** Notifications every listener handles before what comes next: a nudge each, which costs little. */
    private void busyListeners() {
        // distinct payloads: PostgreSQL folds equal ones of one transaction
        jdbc.sql("select count(pg_notify('feed_stamp_wanted', 'revocation-race-' || g)) from generate_series(1, ?) g")
                .param(BACKLOG)
                .query(Long.class)
                .single();
    }

    /**
     * A session that listens as a hub instance's does and names itself so (DatabaseNotifications), as the
     * hub's runtime role: instances share it, and only its own sessions may be ended by it.
     */
    private static Connection instanceListener() throws SQLException {
        var session =
                DriverManager.getConnection("jdbc:postgresql://localhost:" + DB_PORT + "/postgres", "hub_app", "");
        try (var statement = session.createStatement()) {
            statement.execute("listen hub_barrier");
            statement.execute("set application_name = 'enquiry-hub (listening)'");
        }
        return session;
    }

    private static PGNotification awaitBarrier(Connection session) throws SQLException {
        long deadline = System.nanoTime() + PHASE.toNanos();
        while (System.nanoTime() < deadline) {
            var received = session.unwrap(PGConnection.class).getNotifications(500);
            if (received != null && received.length > 0) {
                return received[0];
            }
        }
        throw new AssertionError("no barrier notification within " + PHASE);
    }

    /**
     * A fresh technical user, its token used by writers on both instances; once every writer has been
     * served, {@code revoke} revokes it and returns when that took effect. The writers go on until each
     * has sent a few requests after that, and sprinters waiting on both instances send one search each
     * the moment it returns.
     */
    private Round race(Function<Party, Long> revoke) throws Exception {
        var user = hub.technicalUser(supplier, "EDITOR_DIRECT_MESSAGE");
        hub.token(user);
        other.token(user);
        var sent = new ConcurrentLinkedQueue<Sent>();
        var stop = new AtomicBoolean();
        var served = new CountDownLatch(2 * WRITERS_PER_INSTANCE);
        var revokedAt = new AtomicLong(Long.MAX_VALUE);
        var late = new CountDownLatch(2 * WRITERS_PER_INSTANCE);
        var go = new CountDownLatch(1);
        var sprinted = new CountDownLatch(2 * SPRINTERS_PER_INSTANCE);
        var pool = Executors.newFixedThreadPool(2 * (WRITERS_PER_INSTANCE + SPRINTERS_PER_INSTANCE));
        try {
            for (int s = 0; s < 2 * SPRINTERS_PER_INSTANCE; s++) {
                var client = s % 2 == 0 ? hub : other;
                var instance = s % 2 == 0 ? "first" : "second";
                var actor = client.as(user, "OPEN_SUPPLIER", "ELECTRICITY");
                pool.submit(() -> {
                    go.await();
                    long sentAt = System.nanoTime();
                    var response = actor.search(object("customerEic", Party.CUSTOMER));
                    sent.add(new Sent(instance, sentAt, response.status()));
                    sprinted.countDown();
                    return null;
                });
            }
            for (int w = 0; w < 2 * WRITERS_PER_INSTANCE; w++) {
                var client = w % 2 == 0 ? hub : other;
                var instance = w % 2 == 0 ? "first" : "second";
                boolean creates = w % 4 < 2;
                var actor = client.as(user, "OPEN_SUPPLIER", "ELECTRICITY");
                pool.submit(() -> {
                    boolean wasServed = false;
                    int afterRevocation = 0;
                    while (!stop.get()) {
                        long sentAt = System.nanoTime();
                        var response = creates
                                ? actor.create(anEnquiry().about(meter))
                                : actor.search(object("customerEic", Party.CUSTOMER));
                        sent.add(new Sent(instance, sentAt, response.status()));
                        if (!wasServed && response.status() / 100 == 2) {
                            wasServed = true;
                            served.countDown();
                        }
                        if (sentAt > revokedAt.get() && ++afterRevocation == SENDS_AFTER_REVOCATION) {
                            late.countDown();
                        }
                    }
                    return null;
                });
            }
            assertThat(served.await(PHASE.toSeconds(), TimeUnit.SECONDS))
                    .as("every writer was served before the revocation")
                    .isTrue();
            revokedAt.set(revoke.apply(user));
            go.countDown();
            assertThat(late.await(PHASE.toSeconds(), TimeUnit.SECONDS))
                    .as("every writer went on after the revocation")
                    .isTrue();
            assertThat(sprinted.await(PHASE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            stop.set(true);
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        return new Round(new ArrayList<>(sent), revokedAt.get());
    }
}
