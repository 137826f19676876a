package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.access.AccessRefusal;
import ee.datahub.enquiryhub.access.AccessRefused;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.enquiry.Refusal;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.platform.HubTime;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Push subscriptions, as a participant's ADMIN (in that context) manages them through any door; anyone
 * else is refused before any lookup, and another context's subscription is not found. A subscription
 * delivers each change of its kinds in its stream, signed, to its URL (checked here and at each
 * delivery). Runs in the caller's transaction; a write wakes this instance's deliveries on commit.
 */
@Service
@EnableConfigurationProperties(PushSettings.class)
public class Subscriptions {

    private final SubscriptionRepository repository;
    private final Destinations destinations;
    private final ChangeFeed feed;
    private final Dispatcher dispatcher;
    private final PushSettings settings;
    private final Clock clock;

    Subscriptions(
            SubscriptionRepository repository,
            Destinations destinations,
            ChangeFeed feed,
            Dispatcher dispatcher,
            PushSettings settings,
            Clock clock) {
        this.repository = repository;
        this.destinations = destinations;
        this.feed = feed;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates a subscription, delivering the changes that become visible from now on; the answer holds its only secret. */
    public WithSecret create(Caller caller, NewSubscription request) {
        requireAdmin(caller);
        var kinds = checkedKinds(caller, request.kinds());
        var url = destinations.check(request.url());
        var now = HubTime.now(clock);
        var subscription = new Subscription(
                SubscriptionId.random(),
                1,
                caller.eic(),
                caller.role(),
                caller.commodity(),
                url,
                kinds,
                request.active() ? SubscriptionStatus.ACTIVE : SubscriptionStatus.PAUSED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                now,
                now);
        var secret = WebhookSigning.newSecret();
        var cursor = feed.endCursor(caller.eic(), caller.role(), caller.commodity());
        repository.insert(new StoredSubscription(
                subscription,
                secret,
                Optional.empty(),
                cursor,
                ChangeFeed.streamKey(caller.eic(), caller.role(), caller.commodity())));
        wakeAfterCommit();
        return new WithSecret(subscription, secret);
    }

    /** The caller's subscriptions (its participant, role and commodity), oldest first. */
    public Page<Subscription> list(Caller caller, PageRequest page) {
        requireAdmin(caller);
        return repository.page(caller.eic(), caller.role(), caller.commodity(), page);
    }

    public Subscription read(Caller caller, SubscriptionId id) {
        requireAdmin(caller);
        return found(caller, id, false).subscription();
    }

    /**
     * Changes the URL, the kinds or whether it delivers. Activating a paused or failing subscription, or
     * giving it another URL, starts its retries afresh (the next attempt is due at once).
     */
    public Subscription change(
            Caller caller, SubscriptionId id, SubscriptionChange change, Optional<Long> expectedVersion) {
        requireAdmin(caller);
        var kinds = change.kinds().map(k -> checkedKinds(caller, k));
        var url = change.url().map(destinations::check);
        var stored = found(caller, id, true);
        var s = stored.subscription();
        requireVersion(s, expectedVersion);
        var status = change.active()
                .map(active -> active ? SubscriptionStatus.ACTIVE : SubscriptionStatus.PAUSED)
                .orElse(s.status());
        var newUrl = url.orElse(s.url());
        var newKinds = kinds.orElse(s.kinds());
        boolean reactivated = status == SubscriptionStatus.ACTIVE && s.status() != SubscriptionStatus.ACTIVE;
        boolean moved = !newUrl.equals(s.url());
        if (status == s.status() && !moved && newKinds.equals(s.kinds())) {
            return s;
        }
        var now = HubTime.now(clock);
        var changed = with(
                s,
                s.version() + 1,
                newUrl,
                newKinds,
                status,
                status == SubscriptionStatus.FAILING ? s.failureReason() : Optional.empty(),
                s.previousSecretExpiresAt(),
                now);
        repository.save(
                new StoredSubscription(
                        changed, stored.secret(), stored.previousSecret(), stored.cursor(), stored.streamKey()),
                reactivated || moved);
        wakeAfterCommit();
        return read(caller, id);
    }

    public void delete(Caller caller, SubscriptionId id, Optional<Long> expectedVersion) {
        requireAdmin(caller);
        var stored = found(caller, id, true);
        requireVersion(stored.subscription(), expectedVersion);
        repository.delete(id);
    }

    /**
     * Gives the subscription a new secret; the current one keeps signing too for {@code overlap} (default
     * {@code hub.push.secret-overlap}; zero: not at all), so that receivers can switch without missing a
     * delivery. A secret that was still overlapping from an earlier rotation stops signing now.
     */
    public WithSecret rotateSecret(
            Caller caller, SubscriptionId id, Optional<Duration> overlap, Optional<Long> expectedVersion) {
        requireAdmin(caller);
        var keep = overlap.orElse(settings.secretOverlap());
        if (keep.isNegative() || keep.compareTo(PushSettings.MAX_SECRET_OVERLAP) > 0) {
            throw new SubscriptionRefused(
                    new SubscriptionRefusal.OverlapRefused(keep, PushSettings.MAX_SECRET_OVERLAP));
        }
        var stored = found(caller, id, true);
        var s = stored.subscription();
        requireVersion(s, expectedVersion);
        var now = HubTime.now(clock);
        var secret = WebhookSigning.newSecret();
        var expires = keep.isZero() ? Optional.<Instant>empty() : Optional.of(now.plus(keep));
        var changed = with(s, s.version() + 1, s.url(), s.kinds(), s.status(), s.failureReason(), expires, now);
        repository.save(
                new StoredSubscription(
                        changed, secret, expires.map(e -> stored.secret()), stored.cursor(), stored.streamKey()),
                false);
        return new WithSecret(read(caller, id), secret);
    }

    /**
     * Sends everything since a time again: moves the subscription's cursor back to before the first
     * change stamped at or after {@code since} (or forward: it is a position, not a queue). The feed
     * keeps changes for its retention; an older time is refused.
     */
    public Subscription replay(Caller caller, SubscriptionId id, Instant since, Optional<Long> expectedVersion) {
        requireAdmin(caller);
        var now = HubTime.now(clock);
        if (since.isAfter(now)) {
            throw new SubscriptionRefused(new SubscriptionRefusal.ReplayFromTheFuture(since));
        }
        var stored = found(caller, id, true);
        var s = stored.subscription();
        requireVersion(s, expectedVersion);
        String cursor;
        try {
            cursor = feed.cursorAt(s.participant(), s.role(), s.commodity(), since);
        } catch (Refused refused) {
            if (refused.refusal() instanceof Refusal.ChangePeriodBeyondRetention beyond) {
                throw new SubscriptionRefused(new SubscriptionRefusal.ReplayBeyondRetention(since, beyond.earliest()));
            }
            throw refused;
        }
        var changed = with(
                s,
                s.version() + 1,
                s.url(),
                s.kinds(),
                s.status(),
                s.failureReason(),
                s.previousSecretExpiresAt(),
                now);
        repository.save(
                new StoredSubscription(changed, stored.secret(), stored.previousSecret(), cursor, stored.streamKey()),
                false);
        wakeAfterCommit();
        return read(caller, id);
    }

    /** A page of the subscription's delivery log, newest first. */
    public Page<Delivery> deliveries(Caller caller, SubscriptionId id, DeliveryQuery query) {
        requireAdmin(caller);
        found(caller, id, false);
        return repository.deliveries(id, query);
    }

    // The participant's ADMIN in this context, or 403 (decided before any lookup).
    private static void requireAdmin(Caller caller) {
        if (!caller.actor()
                .permissionsFor(caller.eic(), caller.role(), caller.commodity())
                .contains(Permission.ADMIN)) {
            throw new AccessRefused(
                    new AccessRefusal.PermissionMissing(caller.actor().id(), Permission.ADMIN));
        }
    }

    private StoredSubscription found(Caller caller, SubscriptionId id, boolean lock) {
        return repository
                .find(id, caller.eic(), caller.role(), caller.commodity(), lock)
                .orElseThrow(() -> new SubscriptionRefused(new SubscriptionRefusal.NotFound(id)));
    }

    private static void requireVersion(Subscription s, Optional<Long> expected) {
        if (expected.isPresent() && expected.get() != s.version()) {
            throw new SubscriptionRefused(new SubscriptionRefusal.VersionConflict(s.id(), expected.get(), s.version()));
        }
    }

    // ALL alone, or kinds the caller's stream carries.
    private static Set<ChangeKind> checkedKinds(Caller caller, Set<ChangeKind> kinds) {
        var carried = ChangeKind.carriedFor(caller.role());
        var all = kinds.contains(ChangeKind.ALL);
        if (kinds.isEmpty() || (all && kinds.size() > 1) || (!all && !carried.containsAll(kinds))) {
            throw new SubscriptionRefused(new SubscriptionRefusal.KindsRefused(kinds, carried));
        }
        return kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds);
    }

    private static Subscription with(
            Subscription s,
            long version,
            URI url,
            Set<ChangeKind> kinds,
            SubscriptionStatus status,
            Optional<String> failure,
            Optional<Instant> previousSecretExpiresAt,
            Instant now) {
        return new Subscription(
                s.id(),
                version,
                s.participant(),
                s.role(),
                s.commodity(),
                url,
                kinds,
                status,
                failure,
                previousSecretExpiresAt,
                s.lastDeliveredAt(),
                s.retryingSince(),
                s.failedAttempts(),
                s.nextAttemptAt(),
                s.createdAt(),
                now);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.sweepNow();
                }
            });
        } else {
            dispatcher.sweepNow();
        }
    }
}
