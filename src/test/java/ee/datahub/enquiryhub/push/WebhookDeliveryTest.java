package ee.datahub.enquiryhub.push;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Receiver;
import ee.datahub.enquiryhub.support.Receiver.Answer;
import ee.datahub.enquiryhub.support.SubscriptionClient;
import ee.datahub.enquiryhub.support.V2Actor;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Push deliveries end to end: the real hub delivers the changes of a grid operator's feed to a real
 * HTTP receiver on loopback, signed so that the Standard Webhooks reference implementation verifies
 * them; the body is exactly the v2 change; retries, the delivery log, rotation, replay, kinds.
 */
class WebhookDeliveryTest extends HubApiTest {

    @Autowired
    private AuditLog auditLog;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    private Party grid;
    private String meter;
    private SubscriptionClient admin;
    private V2Actor supplier;
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void freshGridOperator() {
        grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        admin = new SubscriptionClient(hub, grid, "GRID_OPERATOR", "ELECTRICITY");
        supplier = hub.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
    }

    @AfterEach
    void deleteSubscriptionsAndStopReceivers() {
        subscriptions.forEach(admin::delete);
        receivers.forEach(Receiver::close);
    }

    @Test
    void everyChangeIsDeliveredOnceInOrderAsTheV2FeedHasItWithASignatureTheReferenceImplementationVerifies()
            throws Exception {
        var receiver = receiver();
        var subscription = subscribe(receiver.url(), "ALL");
        var secret = subscription.get("secret").stringValue();

        var ids = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            ids.add(send("Enquiry " + i));
        }
        assertThat(supplier.change(ids.get(2), object("requestComment", "Changed"))
                        .status())
                .isEqualTo(200);
        assertThat(supplier.change(ids.get(4), object("requestStatus", "CANCEL"))
                        .status())
                .isEqualTo(200);
        Receiver.await("7 changes delivered", () -> receiver.received().size() >= 7);
        // A last change: whatever went out twice before it would be here by now (deliveries are in order).
        send("Sentinel");
        Receiver.await("the sentinel delivered", () -> receiver.received().size() >= 8);

        var received = receiver.received();
        var feed = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY").follow(null).changes();
        assertThat(received).hasSize(8);
        assertThat(received.stream().map(Receiver.Received::json).toList())
                .as("the v2 feed's changes, in its order")
                .isEqualTo(feed);
        assertThat(received.stream().map(Receiver.Received::webhookId).distinct())
                .hasSize(8);
        for (var delivery : received) {
            assertThatCode(() -> new Webhook(secret).verify(delivery.body(), delivery.httpHeaders()))
                    .doesNotThrowAnyException();
            assertThat(delivery.header("content-type")).startsWith("application/json");
        }
        assertThat(received.stream()
                        .map(r -> r.json().get("enquiry").get("id").stringValue())
                        .distinct()
                        .limit(5))
                .containsExactlyElementsOf(ids);

        var log = admin.deliveries(subscription.get("id").stringValue(), "size=50")
                .json();
        assertThat(log.get("totalElements").intValue()).isEqualTo(8);
        assertThat(log.get("content").valueStream().map(d -> d.get("outcome").stringValue()))
                .containsOnly("DELIVERED");
        assertThat(log.get("content").valueStream().map(d -> d.get("statusCode").intValue()))
                .containsOnly(204);
        assertThat(auditLog.forEnquiry(UUID.fromString(ids.getFirst())))
                .as("the delivery is an access to enquiry data: audited")
                .anySatisfy(entry -> {
                    assertThat(entry.clientId())
                            .contains("push:" + subscription.get("id").stringValue());
                    assertThat(entry.participant()).contains(grid.eic());
                    assertThat(entry.httpStatus()).isEqualTo(204);
                });
    }

    @Test
    void aTamperedBodyAnOldTimestampOrAnotherSecretFailsVerification() throws Exception {
        var receiver = receiver();
        var secret = subscribe(receiver.url(), "ALL").get("secret").stringValue();
        send("To be tampered with");
        Receiver.await("one change delivered", () -> receiver.received().size() >= 1);
        var delivery = receiver.received().getFirst();
        var webhook = new Webhook(secret);
        webhook.verify(delivery.body(), delivery.httpHeaders());

        assertThatThrownBy(() -> webhook.verify(
                        delivery.body().replace("To be tampered with", "Tampered with"), delivery.httpHeaders()))
                .isInstanceOf(WebhookVerificationException.class);

        long old = Instant.now().minusSeconds(600).getEpochSecond();
        var replayedLater = headers(delivery, old, delivery.header("webhook-signature"));
        assertThatThrownBy(() -> webhook.verify(delivery.body(), replayedLater))
                .isInstanceOf(WebhookVerificationException.class);
        var signedLongAgo = headers(delivery, old, webhook.sign(delivery.webhookId(), old, delivery.body()));
        assertThatThrownBy(() -> webhook.verify(delivery.body(), signedLongAgo))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("too old");

        var other = admin.subscribe(receiver().url(), "ALL");
        subscriptions.add(other.get("id").stringValue());
        assertThatThrownBy(() ->
                        new Webhook(other.get("secret").stringValue()).verify(delivery.body(), delivery.httpHeaders()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aReceiverDownForAWhileGetsEverythingInOrderAndTheLogShowsTheRetries() {
        var receiver = receiver();
        receiver.answer((n, request) -> n <= 3 ? new Answer(503, "busy, try later", Map.of()) : Answer.status(204));
        var subscription = subscribe(receiver.url(), "ALL");
        var id = subscription.get("id").stringValue();
        var first = send("First");
        Receiver.await(
                "the first change delivered after three 503s",
                () -> receiver.received().size() >= 4);
        // The receiver records a request before it answers: stopped sooner, it may lose the 204.
        Receiver.await("the first change's delivery logged", () -> delivered(id, first));

        receiver.stop();
        var second = send("Second");
        var third = send("Third");
        Receiver.await(
                "two attempts refused while nothing listens",
                () -> admin.deliveries(id, "outcome=FAILED")
                                .json()
                                .get("content")
                                .valueStream()
                                .filter(d -> d.path("error").asString().contains("refused"))
                                .count()
                        >= 2);
        receiver.restart();
        Receiver.await(
                "everything delivered",
                () -> receiver.received().stream()
                        .map(r -> r.json().get("enquiry").get("id").stringValue())
                        .toList()
                        .contains(third));
        // The receiver has the request before the hub has its answer and logs the attempt.
        Receiver.await("the last delivery logged", () -> delivered(id, third));

        var order = receiver.received().stream()
                .map(r -> r.json().get("enquiry").get("id").stringValue())
                .distinct()
                .toList();
        assertThat(order).containsExactly(first, second, third);
        var attemptsAtFirst = receiver.received().stream()
                .filter(r -> r.json().get("enquiry").get("id").stringValue().equals(first))
                .map(Receiver.Received::webhookId)
                .toList();
        assertThat(attemptsAtFirst)
                .as("every attempt at one change has its webhook-id")
                .hasSize(4)
                .containsOnly(attemptsAtFirst.getFirst());

        var log = admin.deliveries(id, "size=100")
                .json()
                .get("content")
                .valueStream()
                .toList()
                .reversed();
        var firstAttempts = log.stream()
                .filter(d -> d.get("enquiryId").stringValue().equals(first))
                .toList();
        assertThat(firstAttempts).extracting(d -> d.get("attempt").intValue()).containsExactly(1, 2, 3, 4);
        assertThat(firstAttempts)
                .extracting(d -> d.get("outcome").stringValue())
                .containsExactly("FAILED", "FAILED", "FAILED", "DELIVERED");
        assertThat(firstAttempts.getFirst().get("statusCode").intValue()).isEqualTo(503);
        assertThat(firstAttempts.getFirst().get("error").stringValue()).isEqualTo("busy, try later");
        var secondAttempts = log.stream()
                .filter(d -> d.get("enquiryId").stringValue().equals(second))
                .toList();
        assertThat(secondAttempts).extracting(d -> d.path("error").asString()).contains("the connection was refused");
        assertThat(secondAttempts.getLast().get("outcome").stringValue()).isEqualTo("DELIVERED");
        assertThat(log.getLast().get("enquiryId").stringValue()).isEqualTo(third);
        assertThat(admin.deliveries(id, "statusCode=503")
                        .json()
                        .get("totalElements")
                        .intValue())
                .isEqualTo(3);
        assertThat(admin.get(id).json().has("retrying")).as("retries over").isFalse();
    }

    @Test
    void aSubscriptionFailingForTheWholeRetryPeriodIsMarkedFailingWithItsReasonUntilItsAdminReactivatesIt() {
        var receiver = receiver();
        receiver.answer((n, request) -> new Answer(500, "receiver broken", Map.of()));
        var id = subscribe(receiver.url(), "ALL").get("id").stringValue();
        var enquiry = send("Never answered");

        Receiver.await("the subscription failing", () -> admin.status(id).equals("FAILING"));
        var failing = admin.get(id).json();
        assertThat(failing.get("failureReason").stringValue())
                .contains("receiver broken")
                .contains("activate");
        assertThat(failing.get("retrying").get("failedAttempts").intValue()).isGreaterThan(3);

        receiver.answer((n, request) -> Answer.status(200));
        var reactivated = admin.change(id, activeFlag(true));
        assertThat(reactivated.status()).as("%s", reactivated).isEqualTo(200);
        assertThat(reactivated.json().get("status").stringValue()).isEqualTo("ACTIVE");
        assertThat(reactivated.json().has("failureReason")).isFalse();
        Receiver.await(
                "the change delivered after reactivation",
                () -> admin.deliveries(id, "outcome=DELIVERED")
                                .json()
                                .get("totalElements")
                                .intValue()
                        == 1);
        assertThat(receiver.received().getLast().json().get("enquiry").get("id").stringValue())
                .isEqualTo(enquiry);
    }

    @Test
    void aReplaySendsEverythingSinceATimeAgainWithTheSameWebhookIds() {
        var receiver = receiver();
        var id = subscribe(receiver.url(), "ALL").get("id").stringValue();
        var since = Instant.now().minusSeconds(1).toString();
        send("One");
        send("Two");
        send("Three");
        Receiver.await("three changes delivered", () -> receiver.received().size() >= 3);

        var replay = admin.replay(id, since);
        assertThat(replay.status()).as("%s", replay).isEqualTo(200);
        Receiver.await(
                "three changes delivered again", () -> receiver.received().size() >= 6);

        var received = receiver.received();
        assertThat(received.subList(3, 6).stream()
                        .map(Receiver.Received::webhookId)
                        .toList())
                .isEqualTo(received.subList(0, 3).stream()
                        .map(Receiver.Received::webhookId)
                        .toList());
        assertThat(received.subList(3, 6).stream().map(Receiver.Received::body).toList())
                .isEqualTo(received.subList(0, 3).stream()
                        .map(Receiver.Received::body)
                        .toList());
    }

    @Test
    void afterARotationBothSecretsSignUntilTheOldOneExpires() throws Exception {
        var receiver = receiver();
        var created = subscribe(receiver.url(), "ALL");
        var id = created.get("id").stringValue();
        var first = created.get("secret").stringValue();

        var rotated = admin.rotate(id, object("previousSecretValidFor", "PT1H"));
        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        var second = rotated.json().get("secret").stringValue();
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(Instant.parse(rotated.json().get("previousSecretExpiresAt").stringValue()))
                .isAfter(Instant.now().plusSeconds(3500));
        assertThat(admin.get(id).json().has("secret"))
                .as("the secret is shown only when made")
                .isFalse();
        send("During the overlap");
        Receiver.await("delivered", () -> receiver.received().size() >= 1);
        var during = receiver.received().getFirst();
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(first).verify(during.body(), during.httpHeaders());
        new Webhook(second).verify(during.body(), during.httpHeaders());

        var third = admin.rotate(id, object("previousSecretValidFor", "PT0S"))
                .json()
                .get("secret")
                .stringValue();
        send("After the overlap");
        Receiver.await("delivered", () -> receiver.received().size() >= 2);
        var after = receiver.received().get(1);
        new Webhook(third).verify(after.body(), after.httpHeaders());
        assertThatThrownBy(() -> new Webhook(second).verify(after.body(), after.httpHeaders()))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(first).verify(after.body(), after.httpHeaders()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void onlyTheKindsOfChangeAskedForAreDelivered() {
        var receiver = receiver();
        subscribe(receiver.url(), "ENQUIRY_CHANGED");
        var enquiry = send("Created, not pushed");
        assertThat(supplier.change(enquiry, object("requestComment", "Changed, pushed"))
                        .status())
                .isEqualTo(200);
        var other = send("Created, not pushed either");
        assertThat(supplier.change(other, object("requestStatus", "CLOSE")).status())
                .isEqualTo(200);

        Receiver.await("two changes delivered", () -> receiver.received().size() >= 2);
        assertThat(receiver.bodies())
                .extracting(b -> b.get("reason").stringValue())
                .containsExactly("UPDATE", "UPDATE");
        assertThat(receiver.bodies())
                .extracting(b -> b.get("enquiry").get("id").stringValue())
                .containsExactly(enquiry, other);
    }

    @Test
    void aPausedSubscriptionDeliversNothingUntilItIsActivatedAndThenCatchesUp() {
        var receiver = receiver();
        var body = SubscriptionClient.body(receiver.url(), "ALL");
        body.put("active", false);
        var created = admin.create(body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().get("status").stringValue()).isEqualTo("PAUSED");
        var id = created.json().get("id").stringValue();
        subscriptions.add(id);
        var enquiry = send("While paused");
        assertThat(admin.deliveries(id, "").json().get("totalElements").intValue())
                .isZero();

        assertThat(admin.change(id, activeFlag(true)).json().get("status").stringValue())
                .isEqualTo("ACTIVE");
        Receiver.await(
                "the change made while paused delivered",
                () -> receiver.received().size() >= 1);
        assertThat(receiver.received()
                        .getFirst()
                        .json()
                        .get("enquiry")
                        .get("id")
                        .stringValue())
                .isEqualTo(enquiry);
    }

    @Test
    void aRedirectIsNotFollowedAndShownAsAFailure() {
        var elsewhere = receiver();
        var receiver = receiver();
        receiver.answer((n, request) -> new Answer(302, "", Map.of("Location", elsewhere.url())));
        var id = subscribe(receiver.url(), "ALL").get("id").stringValue();
        send("Redirected");

        Receiver.await("two attempts", () -> receiver.received().size() >= 2);
        var attempt =
                admin.deliveries(id, "outcome=FAILED").json().get("content").get(0);
        assertThat(attempt.get("statusCode").intValue()).isEqualTo(302);
        assertThat(attempt.get("error").stringValue()).contains("not followed").contains(elsewhere.url());
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void ofTheReceiversAnswerOnlyAnExcerptIsKept() {
        var receiver = receiver();
        receiver.answer((n, request) -> new Answer(500, "x".repeat(100_000), Map.of()));
        var id = subscribe(receiver.url(), "ALL").get("id").stringValue();
        send("Answered at length");

        Receiver.await(
                "an attempt logged",
                () -> admin.deliveries(id, "").json().get("totalElements").intValue() >= 1);
        var error = admin.deliveries(id, "")
                .json()
                .get("content")
                .get(0)
                .get("error")
                .stringValue();
        assertThat(error).hasSize(1024).matches("x+");
    }

    @Test
    void changesOnStreamsNoSubscriptionFollowsCostNoClaimAndANewSubscriptionIsServedAtOnce() throws Exception {
        // Each write is stamped in a run of its own and wakes the dispatcher for the grid operator's stream,
        // which no subscription follows: no claim (before, every run's wake-up ran one claim statement).
        var reader = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY");
        var cursor = reader.follow(null).cursor();
        double before = claims("streams");
        for (int i = 0; i < 5; i++) {
            send("Nobody subscribes " + i);
            cursor = reader.follow(cursor, 1).cursor();
        }
        Thread.sleep(300); // several stamping intervals: the dispatcher has long seen every run's wake-up
        assertThat(claims("streams")).isEqualTo(before);

        // An ADMIN subscribes: this instance follows the stream at once, without waiting for a sweep.
        var receiver = receiver();
        subscribe(receiver.url(), "ALL");
        send("Now somebody does");
        Receiver.await("the new change delivered", () -> receiver.received().size() >= 1);
        assertThat(claims("streams")).isGreaterThan(before);
    }

    private double claims(String reason) {
        var counter = meters.find("hub.push.claims").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private Receiver receiver() {
        var receiver = new Receiver();
        receivers.add(receiver);
        return receiver;
    }

    private JsonNode subscribe(String url, String... kinds) {
        var subscription = admin.subscribe(url, kinds);
        subscriptions.add(subscription.get("id").stringValue());
        return subscription;
    }

    private String send(String comment) {
        return supplier.send(anEnquiry().about(meter).comment(comment))
                .get("id")
                .stringValue();
    }

    private static tools.jackson.databind.node.ObjectNode activeFlag(boolean active) {
        var node = object();
        node.put("active", active);
        return node;
    }

    private static HttpHeaders headers(Receiver.Received delivery, long timestamp, String signature) {
        var headers = delivery.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        headers.put("webhook-timestamp", List.of(Long.toString(timestamp)));
        headers.put("webhook-signature", List.of(signature));
        return HttpHeaders.of(headers, (name, value) -> true);
    }

    private boolean delivered(String subscription, String enquiry) {
        return admin.deliveries(subscription, "outcome=DELIVERED")
                .json()
                .get("content")
                .valueStream()
                .anyMatch(d -> d.get("enquiryId").stringValue().equals(enquiry));
    }
}
