package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.platform.ClaimLoop;
import ee.datahub.enquiryhub.platform.HubTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's share of the deliveries: claims due subscriptions ({@code FOR UPDATE SKIP LOCKED} and
 * a lease), at most as many as it has free slots ({@code hub.push.concurrency}), and hands each to a
 * {@link SubscriptionWorker} on a virtual thread. It claims on the feed's wake-ups for the streams
 * active subscriptions follow, when an ADMIN changed one, and on a sweep (docs/design/push.md).
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final MeterRegistry meters;
    private final SubscriptionRepository repository;
    private final SubscriptionWorker worker;
    private final PushSettings settings;
    private final Clock clock;
    private final ClaimLoop loop;
    // The streams active subscriptions follow, read on each sweep; null until the first.
    private Set<String> followed;

    Dispatcher(
            SubscriptionRepository repository,
            SubscriptionWorker worker,
            ChangeFeed feed,
            PushSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.meters = meters;
        this.repository = repository;
        this.worker = worker;
        this.settings = settings;
        this.clock = clock;
        this.loop =
                new ClaimLoop("push-dispatcher", "push-delivery-", settings.concurrency(), settings.sweepInterval());
        feed.whenStamped(loop::stamped);
    }

    /** Sweeps soon: claims every subscription whose time has come (an ADMIN just changed one). */
    void sweepNow() {
        loop.nudge();
    }

    boolean isDelivering() {
        return loop.running();
    }

    private boolean round(ClaimLoop.Round round) {
        boolean every = round.everyStream();
        boolean sweep = round.nudged() || round.due();
        try {
            if (sweep || followed == null) {
                followed = new HashSet<>(repository.activeStreams());
            }
            if (every) {
                if (!followed.isEmpty()) {
                    claim(SubscriptionRepository.Claim.EVERY_STREAM, Set.of());
                }
            } else if (!round.streams().isEmpty()) {
                var wanted = new HashSet<>(round.streams());
                wanted.retainAll(followed);
                if (!wanted.isEmpty()) {
                    claim(SubscriptionRepository.Claim.STREAMS, wanted);
                }
            }
            if (sweep) {
                claim(SubscriptionRepository.Claim.SWEEP, Set.of());
            }
        } catch (RuntimeException e) {
            if (loop.running()) {
                log.warn("Push: claiming deliveries failed ({}); trying again on the next sweep", e.toString());
            }
        }
        return sweep;
    }

    // Claims while slots are free and something is due, each subscription at most once per pass; what
    // could not be claimed for want of slots is claimed when one frees.
    private void claim(SubscriptionRepository.Claim kind, Set<String> streams) {
        var done = new HashSet<SubscriptionId>();
        while (loop.running()) {
            int free = loop.freeSlots();
            if (free == 0) {
                // Asked again once a slot frees up.
                switch (kind) {
                    case STREAMS -> loop.wake(streams);
                    case EVERY_STREAM -> loop.wakeEveryStream();
                    case SWEEP -> sweepNow();
                }
                loop.awaitSlot();
                return;
            }
            var now = HubTime.now(clock);
            meters.counter("hub.push.claims", "reason", kind.name().toLowerCase(Locale.ROOT))
                    .increment();
            var claimed =
                    repository.claim(kind, streams, done, free, UUID.randomUUID(), now, now.plus(settings.lease()));
            log.debug("Push: claimed {} of {} ({} {})", claimed.size(), free, kind, streams);
            for (var subscription : claimed) {
                done.add(subscription.id());
                followed.add(subscription.streamKey());
                loop.execute(
                        () -> {
                            try {
                                worker.deliver(subscription, this::isDelivering);
                            } catch (RuntimeException e) {
                                log.warn(
                                        "Push: delivering for subscription {} stopped ({}); it is tried again",
                                        subscription.id(),
                                        e.toString());
                                release(subscription);
                            }
                        },
                        () -> {
                            if (worker.hasMoreFor(subscription)) {
                                loop.wake(Set.of(subscription.streamKey()));
                            }
                        });
            }
            if (claimed.size() < free) {
                return;
            }
        }
    }

    // Lets a subscription go after an unexpected failure (if the database is gone too, its lease expires instead).
    private void release(StoredSubscription subscription) {
        try {
            repository.release(
                    subscription.id(),
                    subscription.leaseToken(),
                    HubTime.now(clock).plus(settings.sweepInterval()));
        } catch (RuntimeException e) {
            log.warn(
                    "Push: could not let subscription {} go ({}); its lease expires in {}",
                    subscription.id(),
                    e.toString(),
                    settings.lease());
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Push: this instance does not deliver (hub.push.enabled=false)");
            return;
        }
        loop.start(this::round);
    }

    @Override
    public void stop() {
        // Deliveries under way end within their timeout; each then releases its subscription.
        loop.stop(settings.requestTimeout().plus(Duration.ofSeconds(2)));
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }
}
