package ee.datahub.enquiryhub.platform;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One thread that waits for wake-ups (streams the feed stamped, every stream, a nudge) or the next
 * sweep and hands each {@link Round} to its owner, which claims work; claimed work runs on virtual
 * threads, at most {@code concurrency} at once. Used by the push and the mail dispatchers.
 */
public final class ClaimLoop {

    /** What woke the loop: {@code due} when the sweep interval has passed. */
    public record Round(Set<String> streams, boolean everyStream, boolean nudged, boolean due) {}

    private final String threadName;
    private final String workerPrefix;
    private final Duration sweepInterval;
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Set<String> wokenStreams = new HashSet<>();
    private boolean wokenEveryStream;
    private boolean nudged;

    private volatile boolean running;
    private Thread thread;
    private ExecutorService workers;

    public ClaimLoop(String threadName, String workerPrefix, int concurrency, Duration sweepInterval) {
        this.threadName = threadName;
        this.workerPrefix = workerPrefix;
        this.sweepInterval = sweepInterval;
        this.slots = new Semaphore(concurrency);
    }

    /** The feed's wake-up: these streams got changes, or (empty) any stream may have. */
    public void stamped(Set<String> streams) {
        if (streams.isEmpty()) {
            wakeEveryStream();
        } else {
            wake(streams);
        }
    }

    public void wake(Set<String> streams) {
        signal(() -> wokenStreams.addAll(streams));
    }

    public void wakeEveryStream() {
        signal(() -> wokenEveryStream = true);
    }

    /** Wakes the loop for a round that names no stream. */
    public void nudge() {
        signal(() -> nudged = true);
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean running() {
        return running;
    }

    public int freeSlots() {
        return slots.availablePermits();
    }

    /** Runs claimed work on a slot of its own; {@code then} runs once the slot is free again. */
    public void execute(Runnable work, Runnable then) {
        slots.acquireUninterruptibly();
        workers.execute(() -> {
            try {
                work.run();
            } finally {
                slots.release();
            }
            then.run();
        });
    }

    /** Waits up to the sweep interval for a slot to free. */
    public void awaitSlot() {
        try {
            if (slots.tryAcquire(sweepInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the loop; {@code round} returns whether it swept: the next sweep is due an interval later. */
    public void start(Predicate<Round> round) {
        running = true;
        workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(workerPrefix, 0).factory());
        thread = Thread.ofPlatform().name(threadName).daemon().start(() -> loop(round));
    }

    /** Stops the loop and waits up to {@code grace} for work under way. */
    public void stop(Duration grace) {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        workers.shutdown();
        try {
            workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(Predicate<Round> handler) {
        long nextSweep = System.nanoTime();
        while (running) {
            Round round;
            lock.lock();
            try {
                while (running
                        && !wokenEveryStream
                        && !nudged
                        && wokenStreams.isEmpty()
                        && System.nanoTime() < nextSweep) {
                    woken.awaitNanos(nextSweep - System.nanoTime());
                }
                if (!running) {
                    return;
                }
                round = new Round(Set.copyOf(wokenStreams), wokenEveryStream, nudged, System.nanoTime() >= nextSweep);
                wokenEveryStream = false;
                nudged = false;
                wokenStreams.clear();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            long started = System.nanoTime();
            if (handler.test(round)) {
                nextSweep = started + sweepInterval.toNanos();
            }
        }
    }
}
