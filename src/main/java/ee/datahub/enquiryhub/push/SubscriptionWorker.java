package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.platform.HubTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers a claimed subscription's changes in order, one at a time, each body the {@link DeliveryBody},
 * signed the Standard Webhooks way; a delivery is recorded (cursor, log, audit) in one transaction, so a
 * change goes out at least once and, while nothing fails, once. A failed attempt is retried with backoff
 * while the changes behind wait; after {@code hub.push.retry.give-up-after} it fails until its ADMIN acts.
 */
@Component
class SubscriptionWorker {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionWorker.class);
    // How many changes one read of the stream returns.
    private static final int READ = 20;
    // How many changes one claim delivers before it lets the subscription go (others may claim it then).
    private static final int PER_CLAIM = 200;

    private final SubscriptionRepository repository;
    private final ChangeFeed feed;
    private final WebhookClient client;
    private final DeliveryBody bodies;
    private final AuditLog auditLog;
    private final PushSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    SubscriptionWorker(
            SubscriptionRepository repository,
            ChangeFeed feed,
            WebhookClient client,
            DeliveryBody bodies,
            AuditLog auditLog,
            PushSettings settings,
            Clock clock,
            PlatformTransactionManager transactionManager,
            MeterRegistry meters) {
        this.repository = repository;
        this.feed = feed;
        this.client = client;
        this.bodies = bodies;
        this.auditLog = auditLog;
        this.settings = settings;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
    }

    /**
     * Delivers what is due for a subscription claimed with its lease token, until nothing is left, an
     * attempt fails, its ADMIN stops it, or {@value #PER_CLAIM} changes went out; then lets it go.
     */
    void deliver(StoredSubscription claimed, BooleanSupplier running) {
        var token = claimed.leaseToken();
        var current = claimed;
        int sent = 0;
        while (running.getAsBoolean() && sent < PER_CLAIM) {
            var s = current.subscription();
            List<ChangeFeed.Numbered> changes;
            try {
                changes = feed.following(s.participant(), s.role(), s.commodity(), Optional.of(current.cursor()), READ);
            } catch (Refused refused) {
                // Its cursor left the feed's retention (paused or failing for that long): nothing can be delivered in
                // order.
                log.warn("Push: subscription {} stopped: its position is older than the change feed keeps", s.id());
                repository.stop(
                        s.id(),
                        token,
                        "Its position in the change feed is older than the feed keeps; replay from a"
                                + " time within the retention, then activate it again");
                return;
            }
            if (changes.isEmpty()) {
                break;
            }
            String passedOver = null;
            boolean reread = false;
            for (var change : changes) {
                if (!current.wants(ChangeKind.of(change.change()))) {
                    passedOver = change.cursor();
                    continue;
                }
                var attempt = attempt(current, change);
                var now = HubTime.now(clock);
                if (attempt.outcome() != DeliveryOutcome.DELIVERED) {
                    failed(current, token, change, attempt, now);
                    return;
                }
                var after = delivered(current, token, change, attempt, now);
                sent++;
                if (after.isEmpty()) {
                    return;
                }
                passedOver = null;
                reread = !after.get().cursor().equals(change.cursor());
                current = after.get();
                if (current.subscription().status() != SubscriptionStatus.ACTIVE || reread || sent >= PER_CLAIM) {
                    break;
                }
            }
            if (passedOver != null) {
                var now = HubTime.now(clock);
                var after = repository.advance(current, token, passedOver, false, now, now.plus(settings.lease()));
                if (after.isEmpty()) {
                    return;
                }
                current = after.get();
            }
            if (current.subscription().status() != SubscriptionStatus.ACTIVE) {
                break;
            }
        }
        repository.release(current.id(), token, HubTime.now(clock).plus(settings.sweepInterval()));
    }

    /** True when the stream has changes after the subscription's cursor now (checked after letting it go: none is left behind). */
    boolean hasMoreFor(StoredSubscription subscription) {
        try {
            var s = subscription.subscription();
            return repository
                    .current(s.id())
                    .filter(c -> c.subscription().status() == SubscriptionStatus.ACTIVE)
                    .map(c -> !feed.following(s.participant(), s.role(), s.commodity(), Optional.of(c.cursor()), 1)
                            .isEmpty())
                    .orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    // The outcome of one attempt, as the log keeps it.
    private record Attempt(
            DeliveryOutcome outcome,
            Optional<Integer> status,
            Optional<Long> latency,
            Optional<String> error,
            boolean sent,
            Instant at,
            String webhookId) {}

    private Attempt attempt(StoredSubscription subscription, ChangeFeed.Numbered change) {
        var s = subscription.subscription();
        var webhookId = webhookId(s.id(), change.number());
        var at = HubTime.now(clock);
        long timestamp = at.getEpochSecond();
        var body = bodies.of(change.change());
        var headers = new LinkedHashMap<String, String>();
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put(
                "webhook-signature",
                WebhookSigning.signatures(subscription.signingSecrets(at), webhookId, timestamp, body));
        var result = client.post(s.url(), headers, body.getBytes(StandardCharsets.UTF_8));
        return switch (result) {
            case WebhookClient.Result.Answered a
            when a.status() >= 200 && a.status() < 300 ->
                new Attempt(
                        DeliveryOutcome.DELIVERED,
                        Optional.of(a.status()),
                        Optional.of(a.latency().toMillis()),
                        Optional.empty(),
                        true,
                        at,
                        webhookId);
            case WebhookClient.Result.Answered a ->
                new Attempt(
                        DeliveryOutcome.FAILED,
                        Optional.of(a.status()),
                        Optional.of(a.latency().toMillis()),
                        Optional.of(answerError(a)),
                        true,
                        at,
                        webhookId);
            case WebhookClient.Result.Failed f ->
                new Attempt(
                        DeliveryOutcome.FAILED,
                        Optional.empty(),
                        Optional.of(f.latency().toMillis()),
                        Optional.of(f.error()),
                        f.sent(),
                        at,
                        webhookId);
            case WebhookClient.Result.Refused r -> {
                // The host only, never the URL's path or query (which may carry a receiver's token), and no payload.
                log.warn("Push: delivery {} of subscription {} refused: {}", webhookId, s.id(), r.reason());
                yield new Attempt(
                        DeliveryOutcome.REFUSED,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("refused, not sent: " + r.reason()),
                        false,
                        at,
                        webhookId);
            }
        };
    }

    private static String answerError(WebhookClient.Result.Answered a) {
        if (a.status() >= 300 && a.status() < 400) {
            return WebhookClient.text(("redirect " + a.status()
                            + (a.location().map(l -> " to " + l).orElse(""))
                            + " not followed (the hub does not follow redirects: register the final URL)")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return a.excerpt().isEmpty() ? "answered " + a.status() : a.excerpt();
    }

    private Optional<StoredSubscription> delivered(
            StoredSubscription subscription, UUID token, ChangeFeed.Numbered change, Attempt attempt, Instant now) {
        meters.counter("hub.push.deliveries", "outcome", attempt.outcome().name())
                .increment();
        return transactions.execute(status -> {
            var after = repository.advance(subscription, token, change.cursor(), true, now, now.plus(settings.lease()));
            if (after.isPresent()) {
                record(subscription, change, attempt);
            }
            return after;
        });
    }

    private void failed(
            StoredSubscription subscription, UUID token, ChangeFeed.Numbered change, Attempt attempt, Instant now) {
        meters.counter("hub.push.deliveries", "outcome", attempt.outcome().name())
                .increment();
        var s = subscription.subscription();
        var since = s.retryingSince().orElse(now);
        var giveUp = !now.isBefore(since.plus(settings.retry().giveUpAfter()));
        var failing = giveUp
                ? Optional.of(WebhookClient.text(("No delivery succeeded since " + HubTime.format(since)
                                + " (" + (s.failedAttempts() + 1) + " attempts); the last: "
                                + attempt.error().orElse("failed")
                                + ". Fix the receiver, then activate the subscription again.")
                        .getBytes(StandardCharsets.UTF_8)))
                : Optional.<String>empty();
        transactions.executeWithoutResult(status -> {
            if (repository.failed(s.id(), token, now, now.plus(backoff(s.failedAttempts() + 1)), failing)) {
                record(subscription, change, attempt);
            }
        });
        if (failing.isPresent()) {
            log.warn("Push: subscription {} marked failing after retrying since {}", s.id(), HubTime.format(since));
        }
    }

    // The log entry, and — when the change may have left the hub — the audit entry of this access to enquiry
    // data.
    private void record(StoredSubscription subscription, ChangeFeed.Numbered change, Attempt attempt) {
        var s = subscription.subscription();
        var row = change.change();
        repository.log(
                s.id(),
                new Delivery(
                        0,
                        attempt.at(),
                        attempt.webhookId(),
                        row.timestamp(),
                        row.enquiry().id().value(),
                        row.answer().map(AnswerId::value),
                        s.failedAttempts() + 1,
                        attempt.outcome(),
                        attempt.status(),
                        attempt.latency(),
                        attempt.error()));
        if (attempt.sent()) {
            var trail = AuditTrail.ofBackgroundWork()
                    .client("push:" + s.id(), s.participant().value())
                    .context(s.role().name(), s.commodity().name())
                    .action("PUSH " + attempt.outcome().name().toLowerCase(java.util.Locale.ROOT) + " to subscription")
                    .enquiries(List.of(row.enquiry().id().value()))
                    .answers(row.answer().map(AnswerId::value).stream().toList())
                    .viewed();
            auditLog.appendWithin(
                    trail, attempt.webhookId(), "PUSH", attempt.status().orElse(0));
        }
    }

    /** The wait before the n-th retry: first × 2^(n−1), at most max, of which a random half (jitter). */
    Duration backoff(int failures) {
        var retry = settings.retry();
        long first = retry.firstDelay().toMillis();
        long max = retry.maxDelay().toMillis();
        long delay = failures >= 40 ? max : Math.min(max, first << Math.min(failures - 1, 40));
        long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    /** The {@code webhook-id}: the same for every attempt at (and every replay of) one change of one subscription. */
    static String webhookId(SubscriptionId subscription, long number) {
        return "msg_" + subscription.value().toString().replace("-", "") + "_" + number;
    }
}
