package ee.datahub.enquiryhub.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's ear on PostgreSQL's LISTEN/NOTIFY: one dedicated session listens on every subscribed
 * channel and hands each payload to the subscribers ({@code null} after the session was lost: some may
 * have been missed). {@link #awaitEveryInstance} returns once every instance's listener has handled what
 * was committed before it, so that a register change holds everywhere before it is answered.
 */
@Component
public class DatabaseNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    /** How a listening session names itself in {@code pg_stat_activity}, once its LISTENs are in force. */
    static final String LISTENER_NAME = "enquiry-hub (listening)";

    private static final String BARRIER = "hub_barrier";
    private static final String BARRIER_HEARD = "hub_barrier_heard";
    private static final Duration RECOUNT = Duration.ofMillis(100);

    private final DedicatedConnections connections;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final ReentrantLock barrierLock = new ReentrantLock();
    private Connection barrierSession;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    DatabaseNotifications(DedicatedConnections connections) {
        this.connections = connections;
    }

    /** Calls {@code subscriber} with each payload sent on {@code channel}, or null after a gap. Before start only. */
    public void subscribe(String channel, Consumer<String> subscriber) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("channel names are lower-case words: " + channel);
        }
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** True while the session listens: notifications sent now will arrive. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("database-notifications").daemon().start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        barrierLock.lock();
        try {
            closeBarrierSession();
        } finally {
            barrierLock.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Before the web server takes requests, so that caches and waiters can rely on it.
        return Integer.MAX_VALUE / 2;
    }

    /**
     * Returns once every hub instance that listens now has handled every notification committed before
     * this call: each listening session answers a barrier notification after those, in commit order. A
     * listener that has not answered within {@code bound} has its session ended, so that its instance
     * stops trusting what it heard (it listens again, and its subscribers are told of the gap). Returns
     * the number of listeners that answered; a barrier that cannot reach the database is logged.
     */
    public int awaitEveryInstance(Duration bound) {
        barrierLock.lock();
        try {
            try {
                return barrier(barrierSession(), bound);
            } catch (SQLException | RuntimeException lost) {
                // the kept session may have died meanwhile (a database restart): once more on a new one
                closeBarrierSession();
                return barrier(barrierSession(), bound);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Database notifications: could not confirm that every instance has heard ({})", e.toString());
            closeBarrierSession();
            return 0;
        } finally {
            barrierLock.unlock();
        }
    }

    private Connection barrierSession() throws SQLException {
        if (barrierSession == null || barrierSession.isClosed()) {
            barrierSession = connections.open();
            barrierSession.setAutoCommit(true);
            try (var statement = barrierSession.createStatement()) {
                statement.execute("listen " + BARRIER_HEARD);
            }
        }
        return barrierSession;
    }

    private static int barrier(Connection session, Duration bound) throws SQLException {
        var pending = listeners(session);
        int listeners = pending.size();
        if (pending.isEmpty()) {
            return 0;
        }
        var token = UUID.randomUUID().toString();
        notify(session, BARRIER, token);
        var pg = session.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + bound.toNanos();
        long recount = System.nanoTime() + RECOUNT.toNanos();
        while (!pending.isEmpty()) {
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            if (now >= recount) {
                // A listener that went away (its instance stopped or lost its session) will not answer.
                pending.retainAll(listeners(session));
                recount = now + RECOUNT.toNanos();
                continue;
            }
            // at least 1 ms: 0 would wait for ever
            int wait = (int) Math.max(1, (Math.min(deadline, recount) - now) / 1_000_000);
            var received = pg.getNotifications(wait);
            if (received != null) {
                for (var heard : received) {
                    // answers to an earlier barrier that gave up on them carry another token
                    if (BARRIER_HEARD.equals(heard.getName()) && token.equals(heard.getParameter())) {
                        pending.remove(heard.getPID());
                    }
                }
            }
        }
        for (int pid : pending) {
            log.warn(
                    "Database notifications: the listener of session {} did not confirm within {}; ending that"
                            + " session so that its instance stops trusting its caches",
                    pid,
                    bound);
            try (var terminate = session.prepareStatement("select pg_terminate_backend(?)")) {
                terminate.setInt(1, pid);
                terminate.execute();
            } catch (SQLException refused) {
                // another role's session (only the hub's own role may end its sessions)
                log.warn("Database notifications: could not end session {} ({})", pid, refused.toString());
            }
        }
        return listeners - pending.size();
    }

    private void closeBarrierSession() {
        if (barrierSession != null) {
            try {
                barrierSession.close();
            } catch (SQLException ignored) {
                // gone already
            }
            barrierSession = null;
        }
    }

    private static Set<Integer> listeners(Connection session) throws SQLException {
        var pids = new HashSet<Integer>();
        try (var query = session.prepareStatement("""
                select pid from pg_stat_activity where application_name = ? and datname = current_database()
                """)) {
            query.setString(1, LISTENER_NAME);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
        }
        return pids;
    }

    private static void notify(Connection session, String channel, String payload) throws SQLException {
        try (var statement = session.prepareStatement("select pg_notify(?, ?)")) {
            statement.setString(1, channel);
            statement.setString(2, payload);
            statement.execute();
        }
    }

    /** Hands a notification to its subscribers; a barrier is answered once those before it were handed on. */
    private void deliver(Connection session, PGNotification notification) throws SQLException {
        if (BARRIER.equals(notification.getName())) {
            notify(session, BARRIER_HEARD, notification.getParameter());
            return;
        }
        var list = subscribers.get(notification.getName());
        if (list != null) {
            list.forEach(subscriber -> subscriber.accept(notification.getParameter()));
        }
    }

    private void listen() {
        while (running) {
            try (var session = connections.open()) {
                try (var statement = session.createStatement()) {
                    for (var channel : subscribers.keySet()) {
                        statement.execute("listen " + channel);
                    }
                    statement.execute("listen " + BARRIER);
                    // Named only now: a barrier counts this session once it hears every channel.
                    statement.execute("set application_name = '" + LISTENER_NAME + "'");
                }
                listening = true;
                subscribers.values().forEach(list -> list.forEach(subscriber -> subscriber.accept(null)));
                var pg = session.unwrap(PGConnection.class);
                while (running) {
                    var received = pg.getNotifications(1000);
                    if (received != null) {
                        for (var notification : received) {
                            deliver(session, notification);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Database notifications: the listening session was lost ({}); reconnecting", e.toString());
                }
            } finally {
                if (listening) {
                    listening = false;
                    subscribers.values().forEach(list -> list.forEach(subscriber -> subscriber.accept(null)));
                }
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
