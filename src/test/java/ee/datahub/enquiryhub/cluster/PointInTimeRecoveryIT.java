package ee.datahub.enquiryhub.cluster;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.ErrorCodes;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.V2Actor;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Point-in-time recovery with pgBackRest (tools/ha-cluster.sh): a full backup taken while writers
 * write, WAL archived, the database restored to a chosen time into a fresh PostgreSQL and a hub
 * started on it. Clients then see the writes after that time gone; sent again with their original
 * document ids, each is carried out once; a cursor issued after that time is refused, clearly, rather
 * than followed past changes the hub no longer has; one issued before it carries on exactly.
 */
@Tag("ha-cluster") // failsafe runs these alone, one at a time (pom.xml)
class PointInTimeRecoveryIT {

    private static final Path LOGS = Path.of("target", "recovery-it");

    /** One write a client made: its document id and body, and the enquiry the hub answered with. */
    record Write(String document, String body, String enquiry) {}

    private static HaCluster cluster;
    private static HubProcess hub;
    private static boolean passed;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = HaCluster.start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            if (cluster != null) {
                if (passed) {
                    cluster.passed();
                }
                cluster.close();
            }
        }
    }

    @Test
    void aDatabaseRestoredToATimeLosesWhatCameAfterAndClientsSeeItClearly() throws Exception {
        var began = Instant.now();
        int port = HubApiTest.freePort();
        var settings = new ArrayList<>(cluster.hubSettings(cluster.jdbcUrl() + "?targetServerType=primary"));
        settings.addAll(List.of("--hub.auth.issuer=http://localhost:" + port, "--hub.auth.token-ttl=60m"));
        hub = HubProcess.start(port, LOGS.resolve("hub.log"), settings);
        var client = new HubClient(hub.url());
        var admin = client.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = client.registerMeteringPoint(admin, "ELECTRICITY");
        var grid = client.v2(client.technicalUser(admin, "EDITOR_DIRECT_MESSAGE"), "GRID_OPERATOR", "ELECTRICITY");
        var supplier = client.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");

        // Writers write while the full backup is taken.
        var before = new CopyOnWriteArrayList<Write>();
        var writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        var writer = Thread.ofVirtual().start(() -> {
            while (writing.get()) {
                before.add(create(supplier, meter, "before the point " + before.size()));
            }
        });
        Thread.sleep(2_000);
        int backupBegan = before.size();
        cluster.run("backup");
        int duringBackup = before.size() - backupBegan;
        Thread.sleep(1_000);
        writing.set(false);
        writer.join();
        var followed = grid.follow(null, before.size());
        var cursorBefore = followed.cursor();

        // The point: nothing in flight around it.
        Thread.sleep(1_500);
        var point = Instant.now();
        Thread.sleep(1_500);

        var after = new ArrayList<Write>();
        for (int i = 0; i < 10; i++) {
            after.add(create(supplier, meter, "after the point " + i));
        }
        var cursorAfter = grid.follow(cursorBefore, after.size()).cursor();
        cluster.run("archive");
        hub.close();
        hub = null;

        var restoreBegan = Instant.now();
        cluster.run(
                "restore",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx").format(point.atOffset(ZoneOffset.UTC)));
        var restoredUrl = "jdbc:postgresql://127.0.0.1:" + cluster.port("RESTORED_PORT") + "/enquiry_hub";
        settings = new ArrayList<>(cluster.hubSettings(restoredUrl));
        settings.addAll(List.of("--hub.auth.issuer=http://localhost:" + port, "--hub.auth.token-ttl=60m"));
        hub = HubProcess.start(port, LOGS.resolve("hub-restored.log"), settings);
        System.out.printf(
                "PointInTimeRecoveryIT: %d writes before the point (%d during the full backup), %d after;"
                        + " restored and the hub up again in %d s%n",
                before.size(),
                duringBackup,
                after.size(),
                Duration.between(restoreBegan, Instant.now()).toSeconds());

        var restored = new HubClient(hub.url());
        var supplierNow = restored.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var gridNow = restored.v2(grid.party(), "GRID_OPERATOR", "ELECTRICITY");
        try (var db = cluster.superuser(restoredUrl)) {
            for (var write : before) {
                assertThat(exists(db, write.enquiry()))
                        .as("acknowledged before the point")
                        .isTrue();
            }
            for (var write : after) {
                assertThat(exists(db, write.enquiry()))
                        .as("written after the point")
                        .isFalse();
            }
        }
        // The cursor issued after the point names changes the restored feed does not have.
        assertRefusedAsRestored(gridNow.changes(cursorAfter, 100, null));

        // A client sends again what it wrote after the point, with the original document ids, twice.
        var resent = new ArrayList<String>();
        for (var write : after) {
            var first = resend(supplierNow, write);
            assertThat(first.status()).as("sent again: %s", first).isEqualTo(201);
            var again = resend(supplierNow, write);
            assertThat(again.status()).as("sent a third time: %s", again).isEqualTo(201);
            assertThat(again.json().get("id").stringValue())
                    .as("the repetition replays the outcome")
                    .isEqualTo(first.json().get("id").stringValue());
            resent.add(first.json().get("id").stringValue());
        }
        // A write from before the point is still remembered: its repetition replays, nothing new.
        var old = before.getFirst();
        var replay = resend(supplierNow, old);
        assertThat(replay.json().get("id").stringValue()).isEqualTo(old.enquiry());
        try (var db = cluster.superuser(restoredUrl)) {
            for (var id : resent) {
                assertThat(exists(db, id)).isTrue();
            }
            assertThat(count(db, "select count(*) from enquiry where request_comment like 'after the point %'"))
                    .as("each write sent again carried out once")
                    .isEqualTo(after.size());
            assertThat(count(db, "select count(*) from enquiry where request_comment like 'before the point %'"))
                    .isEqualTo(before.size());
        }

        // Now the re-sent writes took the lost changes' numbers: a cursor that named one by number alone
        // would be followed, silently skipping changes this client never saw. It is refused still.
        assertRefusedAsRestored(gridNow.changes(cursorAfter, 100, null));
        var fromBefore = gridNow.follow(cursorBefore, after.size());
        assertThat(fromBefore.changes())
                .extracting(change -> change.get("enquiry").get("id").stringValue())
                .as("the cursor from before the point carries on exactly")
                .containsExactlyElementsOf(resent);
        var unknown = gridNow.changes("AAAA" + cursorBefore.substring(4), 100, null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorMessage()).contains("not issued by the hub");
        passed = true;
        System.out.printf(
                "PointInTimeRecoveryIT: %d s in all%n",
                Duration.between(began, Instant.now()).toSeconds());
    }

    private static void assertRefusedAsRestored(ee.datahub.enquiryhub.support.Response answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(ErrorCodes.INVALID_VALUE);
        assertThat(answer.args()).containsExactly("after");
        assertThat(answer.errorMessage()).contains("restored to an earlier point in time");
    }

    private static Write create(V2Actor supplier, String meter, String comment) {
        var document = UUID.randomUUID().toString();
        var body = anEnquiry().about(meter).comment(comment).json().toString();
        var response = supplier.request("POST", V2Actor.BASE, body, Map.of("x-document-identification", document));
        assertThat(response.status()).as("create: %s", response).isEqualTo(201);
        return new Write(document, body, response.json().get("id").stringValue());
    }

    private static ee.datahub.enquiryhub.support.Response resend(V2Actor supplier, Write write) {
        return supplier.request(
                "POST", V2Actor.BASE, write.body(), Map.of("x-document-identification", write.document()));
    }

    private static boolean exists(java.sql.Connection db, String id) throws SQLException {
        try (var statement = db.prepareStatement("select 1 from enquiry where id = ?")) {
            statement.setObject(1, UUID.fromString(id));
            try (var result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static long count(java.sql.Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
