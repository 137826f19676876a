package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.platform.DedicatedConnections;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes the requests waiting for changes on this instance when the stamper (on any instance) has
 * made changes visible: every instance listens on the database channel {@value #CHANNEL}, whose
 * notifications name the streams that got changes. Waiting costs no database connection; a
 * notification missed while the listener reconnects is made up by waking everyone once it is back.
 */
@Component
class FeedWakeups implements SmartLifecycle {

    static final String CHANNEL = "feed_stamped";
    /** Sent instead of the stream names when they would not fit in one notification. */
    static final String EVERY_STREAM = "*";

    private static final Logger log = LoggerFactory.getLogger(FeedWakeups.class);
    private static final Duration RECHECK = Duration.ofSeconds(5);

    private final DedicatedConnections connections;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stamped = lock.newCondition();
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private long generation;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    FeedWakeups(DedicatedConnections connections) {
        this.connections = connections;
    }

    /** True while the listener is connected (tests wait for it before they rely on wake-ups). */
    boolean isListening() {
        return listening;
    }

    /**
     * Waits until {@code done} holds, checking it after each stamping run anywhere (and every
     * {@code recheck} regardless), or until {@code timeout} passes. Returns whether it holds.
     */
    boolean await(BooleanSupplier done, Duration timeout, Duration recheck) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            lock.lock();
            try {
                seen = generation;
            } finally {
                lock.unlock();
            }
            if (done.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            lock.lock();
            try {
                long wait = Math.min(left, recheck.toNanos());
                while (generation == seen && wait > 0) {
                    wait = stamped.awaitNanos(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            } finally {
                lock.unlock();
            }
        }
    }

    /** One waiting request: woken by a stamping run that touched its stream. */
    private static final class Waiter {
        private final Semaphore signal = new Semaphore(0);

        void wake() {
            signal.release();
        }
    }

    /**
     * Waits until {@code hasChanges} holds for the stream, checking it whenever a stamping run made
     * changes of that stream visible (and every few seconds regardless), or until {@code timeout}
     * passes. Returns whether it holds. Only the waiters of the streams a run touched are woken.
     */
    boolean awaitStream(Stream stream, BooleanSupplier hasChanges, Duration timeout) {
        var waiter = new Waiter();
        var key = stream.key();
        waiters.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                // Drained before checking: a wake-up that comes after the check is not lost.
                waiter.signal.drainPermits();
                if (hasChanges.getAsBoolean()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                waiter.signal.tryAcquire(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiters.computeIfPresent(key, (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** How many requests wait on this instance (for tests and metrics). */
    int waiting() {
        return waiters.values().stream().mapToInt(Set::size).sum();
    }

    private void woke(String payload) {
        lock.lock();
        try {
            generation++;
            stamped.signalAll();
        } finally {
            lock.unlock();
        }
        if (payload == null || payload.isEmpty() || payload.equals(EVERY_STREAM)) {
            waiters.values().forEach(set -> set.forEach(Waiter::wake));
        } else {
            for (var key : payload.split(",")) {
                var set = waiters.get(key);
                if (set != null) {
                    set.forEach(Waiter::wake);
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("feed-wakeups").daemon().start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (var session = connections.open()) {
                try (var statement = session.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                listening = true;
                woke(EVERY_STREAM); // whatever was stamped while not listening
                var notifications = session.unwrap(PGConnection.class);
                while (running) {
                    var received = notifications.getNotifications(1000);
                    if (received != null) {
                        for (var notification : received) {
                            woke(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Feed wake-ups: listener lost its database session ({}); reconnecting", e.toString());
                }
            } finally {
                listening = false;
            }
            if (running) {
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
