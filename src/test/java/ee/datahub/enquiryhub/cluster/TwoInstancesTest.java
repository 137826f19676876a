package ee.datahub.enquiryhub.cluster;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Response;
import ee.datahub.enquiryhub.support.SecondHub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two hub instances on one PostgreSQL (spec §9): a token from one works on the other, retries split
 * across instances are still one write, and concurrent changes of one enquiry through both instances
 * lose no update. (The feeds under writers on both instances: {@code TwoInstanceFeedRaceTest}.)
 */
class TwoInstancesTest extends HubApiTest {

    private HubClient other;
    private Actor supplier;
    private Actor grid;
    private String meter;

    @BeforeEach
    void freshParties() {
        other = SecondHub.client();
        supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
    }

    @Test
    void aTokenFromOneInstanceIsAcceptedByTheOther() {
        var token = hub.token(supplier.party());
        var response = other.request(
                "POST",
                "/api/v1/direct-messages/search",
                Map.of(
                        "Authorization",
                        "Bearer " + token,
                        "Content-Type",
                        "application/json",
                        "x-document-identification",
                        UUID.randomUUID().toString(),
                        "x-document-date-time",
                        "2026-11-27T09:15:00Z"),
                object("marketParticipantContext", supplier.context()).toString());
        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    /** Each instance caches the register for minutes; a revocation reaches them all as it commits (bench/: how soon). */
    @Test
    void aRevokedTechnicalUserIsRefusedOnEveryInstanceLongBeforeItsCacheWouldExpire() throws Exception {
        var user = hub.technicalUser(supplier.party(), "VIEWER_DIRECT_MESSAGE");
        var onFirst = hub.as(user, "OPEN_SUPPLIER", "ELECTRICITY");
        var onSecond = other.as(user, "OPEN_SUPPLIER", "ELECTRICITY");
        // Both instances have verified the token and looked the technical user up (and remember both).
        for (int i = 0; i < 3; i++) {
            assertThat(onFirst.search(object()).status()).isEqualTo(200);
            assertThat(onSecond.search(object()).status()).isEqualTo(200);
        }
        var revoked =
                other.call("DELETE", "/api/participant/technical-users/" + user.clientId(), supplier.party(), null);
        assertThat(revoked.status()).isEqualTo(204);
        for (var instance : List.of(onFirst, onSecond)) {
            var refused = instance.search(object());
            for (int attempt = 0; refused.status() == 200 && attempt < 300; attempt++) {
                Thread.sleep(100);
                refused = instance.search(object());
            }
            assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        }
    }

    @Test
    void retriesSplitAcrossInstancesAreOneWrite() throws Exception {
        var start = Instant.now().toString();
        var documentId = UUID.randomUUID().toString();
        var body = EnquiryJson.createBody(
                        supplier.context(), List.of(anEnquiry().about(meter)))
                .toString();
        var pool = Executors.newFixedThreadPool(10);
        try {
            var futures = new ArrayList<CompletableFuture<Response>>();
            for (int i = 0; i < 10; i++) {
                var client = i % 2 == 0 ? hub : other;
                futures.add(CompletableFuture.supplyAsync(
                        () -> client.v1(
                                "POST",
                                "/api/v1/direct-messages",
                                supplier.party(),
                                body,
                                Map.of("x-document-identification", documentId)),
                        pool));
            }
            var bodies = new HashSet<String>();
            for (var future : futures) {
                var response = future.get(120, TimeUnit.SECONDS);
                assertThat(response.status()).as("%s", response).isEqualTo(201);
                bodies.add(response.body());
            }
            assertThat(bodies).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(grid.scanAll(start)).hasSize(1);
    }

    @Test
    void concurrentChangesOfOneEnquiryThroughBothInstancesLoseNoUpdate() throws Exception {
        var start = Instant.now().toString();
        var id = supplier.send(anEnquiry().about(meter));
        var onSecond = other.as(supplier.party(), "OPEN_SUPPLIER", "ELECTRICITY");
        var pool = Executors.newFixedThreadPool(10);
        try {
            var futures = new ArrayList<CompletableFuture<Response>>();
            for (int i = 0; i < 20; i++) {
                var writer = i % 2 == 0 ? supplier : onSecond;
                var comment = "comment " + i;
                futures.add(CompletableFuture.supplyAsync(
                        () -> writer.change(id, object("requestComment", comment)), pool));
            }
            for (var future : futures) {
                assertThat(future.get(120, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        var rows = grid.scanAll(start);
        var updates = rows.stream()
                .filter(r -> r.get("reason").stringValue().equals("UPDATE"))
                .toList();
        assertThat(updates).as("each of the 20 changes is one row in the feed").hasSize(20);
        assertThat(updates)
                .extracting(r -> r.get("requestComment").stringValue())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> "comment " + i)
                        .toList());
        var current = supplier.search(object("messageRequestId", id))
                .json()
                .get(0)
                .get("requestComment")
                .stringValue();
        assertThat(current)
                .as("the enquiry holds the change that was written last")
                .isEqualTo(updates.getLast().get("requestComment").stringValue());
    }
}
