package ee.datahub.enquiryhub.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a task on exactly one hub instance at a time: the one whose dedicated database session holds
 * a PostgreSQL advisory lock. The other instances try to take the lock every second, so when the
 * leader dies (its session ends and the lock with it) another takes over within about a second. The
 * task runs on the lock's own session, so it can only ever run where the lock is held.
 */
public final class Leadership implements SmartLifecycle {

    /** One round of the leader's work, on the session that holds the lock. */
    @FunctionalInterface
    public interface Round {
        void run(Connection session) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String name;
    private final long lockKey;
    private final DedicatedConnections connections;
    private final Duration interval;
    private final Round onTakeover;
    private final Round round;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nudged = lock.newCondition();
    private volatile boolean running;
    private volatile boolean leader;
    private boolean nudge;
    private Thread thread;

    /**
     * @param onTakeover runs once each time this instance becomes the leader
     * @param round runs every {@code interval} (or sooner, when {@link #nudge()}d) while it leads
     */
    public Leadership(
            String name,
            long lockKey,
            DedicatedConnections connections,
            Duration interval,
            Round onTakeover,
            Round round) {
        this.name = name;
        this.lockKey = lockKey;
        this.connections = connections;
        this.interval = interval;
        this.onTakeover = onTakeover;
        this.round = round;
    }

    public boolean isLeader() {
        return leader;
    }

    /** Asks the leader (if this instance is it) to run its next round now; elsewhere does nothing. */
    public void nudge() {
        if (!leader) {
            return; // a follower's pause is its wait before trying the lock again: not cut short
        }
        lock.lock();
        try {
            nudge = true;
            nudged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try (var session = connections.open()) {
                session.setAutoCommit(true);
                while (running) {
                    if (!leader) {
                        leader = tryLock(session);
                        if (!leader) {
                            pause(RETRY);
                            continue;
                        }
                        log.info("{}: this instance now leads", name);
                        onTakeover.run(session);
                    }
                    round.run(session);
                    pause(interval);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("{}: database session lost ({}); retrying", name, e.toString());
                }
            } finally {
                if (leader) {
                    log.info("{}: this instance no longer leads", name);
                }
                leader = false;
            }
            if (running) {
                pause(RETRY);
            }
        }
    }

    private boolean tryLock(Connection session) throws SQLException {
        try (var statement = session.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, lockKey);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void pause(Duration duration) {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (!nudge && nanos > 0 && running) {
                nanos = nudged.awaitNanos(nanos);
            }
            nudge = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = running && !Thread.currentThread().isInterrupted();
        } finally {
            lock.unlock();
        }
    }
}
