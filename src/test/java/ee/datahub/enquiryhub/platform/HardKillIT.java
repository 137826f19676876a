package ee.datahub.enquiryhub.platform;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.PackagedHub;
import ee.datahub.enquiryhub.support.Party;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The default start, as the README runs it: the packaged hub with its embedded PostgreSQL. Killed hard
 * (SIGKILL) right after a write was acknowledged, it starts again on the same data directory (stopping the
 * PostgreSQL its previous life left running) with the write intact. Stopped gracefully (SIGTERM) while a
 * request is in progress, it finishes it before its PostgreSQL stops: the restarted hub, when there is one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardKillIT {

    // The held change waits for the test's row lock longer than a statement may take in production.
    private static final String[] HOLDING = {"--hub.database.statement-timeout=30s", "--hub.database.socket-timeout=60s"
    };

    private final PackagedHub packaged = new PackagedHub("hard-kill");
    private final Path dataDir = packaged.dataDir;
    private final int port = packaged.port;
    private final int dbPort = packaged.dbPort;
    private Process hub;

    @AfterAll
    void stopEverything() throws Exception {
        packaged.stop(hub);
    }

    @Test
    @Order(1)
    void aHubKilledHardKeepsEveryAcknowledgedWriteAndStartsAgain() throws Exception {
        hub = start();
        assertThat(setting("fsync")).as("the default start's fsync").isEqualTo("on");
        assertThat(setting("synchronous_commit"))
                .as("the default start's synchronous_commit")
                .isEqualTo("on");
        var client = new HubClient("http://localhost:" + port);
        var supplier = client.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var id = supplier.send(anEnquiry().comment("written just before the kill"));

        hub.destroyForcibly();
        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")))
                .as("the embedded PostgreSQL outlived the killed JVM")
                .isTrue();

        hub = start(HOLDING);
        var restarted = new HubClient("http://localhost:" + port);
        var thread =
                restarted.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY").search(object("messageRequestId", id));
        assertThat(thread.status()).isEqualTo(200);
        assertThat(thread.json()).hasSize(1);
        assertThat(thread.json().get(0).get("requestComment").stringValue()).isEqualTo("written just before the kill");
    }

    @Test
    @Order(2)
    void aHubAskedToStopFinishesTheRequestInProgressBeforeItsDatabaseStops() throws Exception {
        if (hub == null || !hub.isAlive()) {
            hub = start(HOLDING);
        }
        var client = new HubClient("http://localhost:" + port);
        var supplier = client.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var id = supplier.send(anEnquiry().comment("before the stop"));
        var v2 = client.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");

        try (var lock =
                DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "")) {
            lock.setAutoCommit(false);
            try (var statement = lock.prepareStatement("select 1 from enquiry where id = ?::uuid for update")) {
                statement.setString(1, id);
                statement.executeQuery();
            }
            var inProgress = CompletableFuture.supplyAsync(
                    () -> v2.change(id, object("requestComment", "changed while stopping")));
            for (int attempt = 0; attempt < 200 && waitingForLocks(lock) == 0; attempt++) {
                Thread.sleep(50);
            }
            assertThat(waitingForLocks(lock))
                    .as("the change waits for the test's row lock")
                    .isEqualTo(1);

            hub.destroy(); // SIGTERM
            Thread.sleep(1_000);
            assertThat(hub.isAlive())
                    .as("the hub waits for the request in progress")
                    .isTrue();
            lock.commit();

            var answer = inProgress.get(60, TimeUnit.SECONDS);
            assertThat(answer.status())
                    .as("the request in progress at the stop: %s", answer)
                    .isEqualTo(200);
        }
        assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")))
                .as("the hub stopped its PostgreSQL on the way out")
                .isFalse();
        assertThat(Files.readString(packaged.lastLog())).doesNotContain("is not running; restarting");
    }

    // As the hub's own sessions see it (its runtime role): the server's, the database's and the role's settings.
    private String setting(String name) throws SQLException {
        try (var connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + dbPort + "/postgres", "hub_app", "");
                var statement = connection.createStatement();
                var result = statement.executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    private static long waitingForLocks(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("select count(*) from pg_locks where not granted")) {
            result.next();
            return result.getLong(1);
        }
    }

    private Process start(String... settings) throws Exception {
        return packaged.start(settings);
    }
}
