package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.platform.HubTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's share of the deliveries. It claims due subscriptions ({@link SubscriptionRepository#claim}:
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so that no two instances deliver to one subscription at
 * once, and none waits for another), at most as many as it has free slots ({@code hub.push.concurrency}),
 * and hands each to a {@link SubscriptionWorker} on a virtual thread: a slow receiver holds only its
 * own subscription's slot.
 *
 * <p>It claims when the feed says which streams got changes (after every stamping run, on any
 * instance: only those streams' subscriptions, except those waiting for a retry), when an ADMIN
 * changed a subscription here, and on a periodic sweep ({@code hub.push.sweep-interval}) of those
 * whose time has come: retries, and — once a sweep interval after it was last looked at — each
 * subscription, for changes whose notification this instance may have missed. Least recently looked
 * at first, so that none is starved.
 *
 * <p>A stamping run's wake-up claims only for streams that an active subscription follows, as this
 * instance last read them (on every sweep, and at once when an ADMIN changed a subscription here): a
 * hub without subscriptions for the streams a run touched runs no statement for it. A subscription
 * made on another instance since the last read is claimed there at once and here by the next sweep;
 * its cursor keeps every change for it meanwhile.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final MeterRegistry meters;
    private final SubscriptionRepository repository;
    private final SubscriptionWorker worker;
    private final PushSettings settings;
    private final Clock clock;
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Set<String> wokenStreams = new HashSet<>();
    private boolean wokenEveryStream;
    private boolean sweepNow;
    /** The streams active subscriptions follow, read on each sweep; null until the first. */
    private Set<String> followed;

    private volatile boolean running;
    private Thread thread;
    private ExecutorService workers;

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
        this.slots = new Semaphore(settings.concurrency());
        feed.whenStamped(streams -> {
            if (streams.isEmpty()) {
                wakeEveryStream();
            } else {
                wake(streams);
            }
        });
    }

    /** Claims again soon for the subscriptions of these streams. */
    void wake(Set<String> streams) {
        lock.lock();
        try {
            wokenStreams.addAll(streams);
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Claims again soon for the subscriptions of every stream (notifications may have been missed). */
    void wakeEveryStream() {
        lock.lock();
        try {
            wokenEveryStream = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sweeps soon: claims every subscription whose time has come (an ADMIN just changed one). */
    void sweepNow() {
        lock.lock();
        try {
            sweepNow = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isDelivering() {
        return running;
    }

    private void loop() {
        long nextSweep = System.nanoTime();
        while (running) {
            Set<String> streams;
            boolean every;
            boolean sweep;
            lock.lock();
            try {
                while (running
                        && !wokenEveryStream
                        && !sweepNow
                        && wokenStreams.isEmpty()
                        && System.nanoTime() < nextSweep) {
                    woken.awaitNanos(nextSweep - System.nanoTime());
                }
                if (!running) {
                    return;
                }
                every = wokenEveryStream;
                sweep = sweepNow || System.nanoTime() >= nextSweep;
                streams = every ? Set.of() : Set.copyOf(wokenStreams);
                wokenEveryStream = false;
                sweepNow = false;
                wokenStreams.clear();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (sweep) {
                nextSweep = System.nanoTime() + settings.sweepInterval().toNanos();
            }
            try {
                if (sweep || followed == null) {
                    followed = new HashSet<>(repository.activeStreams());
                }
                if (every) {
                    if (!followed.isEmpty()) {
                        claim(SubscriptionRepository.Claim.EVERY_STREAM, Set.of());
                    }
                } else if (!streams.isEmpty()) {
                    var wanted = new HashSet<>(streams);
                    wanted.retainAll(followed);
                    if (!wanted.isEmpty()) {
                        claim(SubscriptionRepository.Claim.STREAMS, wanted);
                    }
                }
                if (sweep) {
                    claim(SubscriptionRepository.Claim.SWEEP, Set.of());
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Push: claiming deliveries failed ({}); trying again on the next sweep", e.toString());
                }
            }
        }
    }

    /**
     * Claims while slots are free and something is due, each subscription at most once per pass; what
     * could not be claimed for want of slots is claimed when one frees.
     */
    private void claim(SubscriptionRepository.Claim kind, Set<String> streams) {
        var done = new java.util.HashSet<SubscriptionId>();
        while (running) {
            int free = slots.availablePermits();
            if (free == 0) {
                // Asked again once a slot frees up.
                switch (kind) {
                    case STREAMS -> wake(streams);
                    case EVERY_STREAM -> wakeEveryStream();
                    case SWEEP -> sweepNow();
                }
                awaitSlot();
                return;
            }
            var now = HubTime.now(clock);
            meters.counter("hub.push.claims", "reason", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
            var claimed =
                    repository.claim(kind, streams, done, free, UUID.randomUUID(), now, now.plus(settings.lease()));
            log.debug("Push: claimed {} of {} ({} {})", claimed.size(), free, kind, streams);
            for (var subscription : claimed) {
                done.add(subscription.id());
                followed.add(subscription.streamKey());
                slots.acquireUninterruptibly();
                workers.execute(() -> {
                    try {
                        worker.deliver(subscription, this::isDelivering);
                    } catch (RuntimeException e) {
                        log.warn(
                                "Push: delivering for subscription {} stopped ({}); it is tried again",
                                subscription.id(),
                                e.toString());
                        release(subscription);
                    } finally {
                        slots.release();
                    }
                    if (worker.hasMoreFor(subscription)) {
                        wake(Set.of(subscription.streamKey()));
                    }
                });
            }
            if (claimed.size() < free) {
                return;
            }
        }
    }

    /** Lets a subscription go after an unexpected failure (if the database is gone too, its lease expires instead). */
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

    private void awaitSlot() {
        try {
            if (slots.tryAcquire(settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Push: this instance does not deliver (hub.push.enabled=false)");
            return;
        }
        running = true;
        workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("push-delivery-", 0).factory());
        thread = Thread.ofPlatform().name("push-dispatcher").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        workers.shutdown();
        try {
            // Deliveries under way end within their timeout; each then releases its subscription.
            workers.awaitTermination(
                    settings.requestTimeout().plus(Duration.ofSeconds(2)).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
