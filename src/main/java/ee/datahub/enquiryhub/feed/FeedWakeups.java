package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.platform.DatabaseNotifications;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Wakes the requests waiting for changes on this instance when the stamper (on any instance) has
 * made changes visible: every instance listens on the database channel {@value #CHANNEL}
 * ({@link DatabaseNotifications}), whose notifications name the streams that got changes. Waiting
 * costs no database connection; a notification missed while the listener reconnects is made up by
 * waking everyone.
 */
@Component
class FeedWakeups {

    static final String CHANNEL = "feed_stamped";
    /** Sent instead of the stream names when they would not fit in one notification. */
    static final String EVERY_STREAM = "*";

    private final DatabaseNotifications notifications;
    private final Duration recheck;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stamped = lock.newCondition();
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private long generation;

    FeedWakeups(DatabaseNotifications notifications, FeedSettings settings) {
        this.notifications = notifications;
        this.recheck = settings.waitRecheck();
        notifications.subscribe(CHANNEL, this::woke);
    }

    /** True while this instance hears of stamping runs. */
    boolean isListening() {
        return notifications.isListening();
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

    // One waiting request: woken by a stamping run that touched its stream.
    private static final class Waiter {
        private final Semaphore signal = new Semaphore(0);

        void wake() {
            signal.release();
        }
    }

    /**
     * Waits until {@code hasChanges} holds for the stream, checking it whenever a stamping run made
     * changes of that stream visible (and every {@code hub.feed.wait-recheck} regardless), or until {@code timeout}
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
                waiter.signal.tryAcquire(Math.min(left, recheck.toNanos()), TimeUnit.NANOSECONDS);
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

    /**
     * Calls {@code listener} after every stamping run (on any instance) with the keys of the streams
     * it touched, or with an empty set when any stream may have changes (too many to name, or
     * notifications possibly missed while the listener reconnected).
     */
    void listen(Consumer<Set<String>> listener) {
        listeners.add(listener);
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
        var every = payload == null || payload.isEmpty() || payload.equals(EVERY_STREAM);
        Set<String> streams = every ? Set.of() : new HashSet<>(Arrays.asList(payload.split(",")));
        listeners.forEach(listener -> listener.accept(streams));
        if (every) {
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
}
