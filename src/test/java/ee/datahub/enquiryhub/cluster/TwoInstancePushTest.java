package ee.datahub.enquiryhub.cluster;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Receiver;
import ee.datahub.enquiryhub.support.Receiver.Answer;
import ee.datahub.enquiryhub.support.SecondHub;
import ee.datahub.enquiryhub.support.SubscriptionClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two hub instances on one database deliver push subscriptions together: each subscription is
 * claimed by one instance at a time, so while nothing fails no change goes out twice, and each
 * receiver gets its changes in its feed's order, although both instances deliver and writers on
 * both write. A receiver that takes its time holds only its own subscription.
 */
class TwoInstancePushTest extends HubApiTest {

    private static final int SUBSCRIPTIONS = 8;
    private static final int CHANGES_EACH = 12;

    @Autowired
    MeterRegistry meters;

    private HubClient other;
    private ExecutorService pool;
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    /** A grid operator with a metering point, subscribed to its feed with a receiver of its own. */
    record Subscribed(Party grid, String meter, Receiver receiver, SubscriptionClient admin, String id) {}

    @BeforeEach
    void secondInstance() {
        other = SecondHub.client();
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void cleanUp() {
        pool.shutdownNow();
        cleanups.forEach(Runnable::run);
        receivers.forEach(Receiver::close);
    }

    @Test
    void bothInstancesDeliverAndNoChangeGoesOutTwiceWhileNothingFails() throws Exception {
        var subscribed = new ArrayList<Subscribed>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            var receiver = receiver();
            // a receiver that takes a moment, so that deliveries overlap and both instances take a share
            receiver.answer((n, request) -> {
                Thread.sleep(15);
                return Answer.status(204);
            });
            subscribed.add(subscribe(i % 2 == 0 ? hub : other, receiver));
        }
        double mineBefore = delivered(meters);
        double otherBefore = delivered(SecondHub.bean(MeterRegistry.class));

        var writes = new ArrayList<Future<?>>();
        for (int w = 0; w < 4; w++) {
            var client = w % 2 == 0 ? hub : other;
            int writer = w;
            writes.add(pool.submit(() -> {
                var supplier = client.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
                for (int c = writer; c < SUBSCRIPTIONS * CHANGES_EACH; c += 4) {
                    supplier.send(anEnquiry()
                            .about(subscribed.get(c % SUBSCRIPTIONS).meter())
                            .comment("Change " + c));
                }
                return null;
            }));
        }
        for (var write : writes) {
            write.get(2, TimeUnit.MINUTES);
        }
        for (var s : subscribed) {
            Receiver.await(
                    "every change delivered to " + s.grid().eic(),
                    () -> s.receiver().received().size() >= CHANGES_EACH);
        }
        // One more change each: anything that went out twice before it has arrived by now (deliveries are in order).
        var supplier = hub.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        for (var s : subscribed) {
            supplier.send(anEnquiry().about(s.meter()).comment("Sentinel"));
        }
        for (var s : subscribed) {
            Receiver.await(
                    "the sentinel delivered to " + s.grid().eic(),
                    () -> s.receiver().received().stream()
                            .anyMatch(r -> r.body().contains("Sentinel")));
        }

        for (var s : subscribed) {
            var received = s.receiver().received();
            var feed = hub.v2(s.grid(), "GRID_OPERATOR", "ELECTRICITY")
                    .follow(null)
                    .changes();
            assertThat(received.stream().map(Receiver.Received::webhookId))
                    .as("%s: no duplicates", s.grid().eic())
                    .doesNotHaveDuplicates()
                    .hasSize(CHANGES_EACH + 1);
            assertThat(received.stream().map(Receiver.Received::json).toList())
                    .as("%s: the feed, in order", s.grid().eic())
                    .isEqualTo(feed);
        }
        assertThat(delivered(meters)).as("this instance delivered").isGreaterThan(mineBefore);
        assertThat(delivered(SecondHub.bean(MeterRegistry.class)))
                .as("the other instance delivered")
                .isGreaterThan(otherBefore);
    }

    @Test
    void aSlowReceiverHoldsUpOnlyItsOwnSubscription() throws Exception {
        var release = new CountDownLatch(1);
        var slow = receiver();
        slow.answer((n, request) -> {
            release.await(30, TimeUnit.SECONDS);
            return Answer.status(204);
        });
        var fast = receiver();
        var slowSubscription = subscribe(hub, slow);
        var fastSubscription = subscribe(other, fast);
        var supplier = hub.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");

        supplier.send(anEnquiry().about(slowSubscription.meter()).comment("To the slow receiver"));
        supplier.send(anEnquiry().about(slowSubscription.meter()).comment("Behind it"));
        Receiver.await(
                "the slow receiver holding a delivery", () -> slow.received().size() == 1);
        for (int i = 0; i < 5; i++) {
            supplier.send(anEnquiry().about(fastSubscription.meter()).comment("To the fast receiver " + i));
        }
        Receiver.await(
                "every change delivered to the fast receiver",
                () -> fast.received().size() == 5);

        assertThat(release.getCount())
                .as("the slow receiver still holds its first delivery")
                .isEqualTo(1);
        assertThat(slow.received()).as("and nothing overtook it").hasSize(1);
        release.countDown();
        Receiver.await(
                "the slow receiver's changes delivered in order",
                () -> slow.received().size() >= 2);
        assertThat(slow.received().stream()
                        .map(r -> r.json().get("enquiry").get("requestComment").stringValue())
                        .distinct())
                .containsExactly("To the slow receiver", "Behind it");
    }

    private Subscribed subscribe(HubClient via, Receiver receiver) {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        var admin = new SubscriptionClient(via, grid, "GRID_OPERATOR", "ELECTRICITY");
        var id = admin.subscribe(receiver.url(), "ALL").get("id").stringValue();
        cleanups.add(() -> admin.delete(id));
        return new Subscribed(grid, meter, receiver, admin, id);
    }

    private Receiver receiver() {
        var receiver = new Receiver();
        receivers.add(receiver);
        return receiver;
    }

    private static double delivered(MeterRegistry registry) {
        var counter =
                registry.find("hub.push.deliveries").tag("outcome", "DELIVERED").counter();
        return counter == null ? 0 : counter.count();
    }
}
