package ee.datahub.enquiryhub.platform;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's ear on PostgreSQL's LISTEN/NOTIFY: one dedicated session listens on every channel a
 * component subscribed to and hands each notification's payload to the subscribers. This is how
 * something that happened on one instance reaches all of them (changes made visible in the feed,
 * registers changed). When the session is lost and comes back, every subscriber is told with a
 * {@code null} payload that it may have missed notifications.
 */
@Component
public class DatabaseNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);

    private final DedicatedConnections connections;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
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

    private void listen() {
        while (running) {
            try (var session = connections.open()) {
                try (var statement = session.createStatement()) {
                    for (var channel : subscribers.keySet()) {
                        statement.execute("listen " + channel);
                    }
                }
                listening = true;
                subscribers.values().forEach(list -> list.forEach(subscriber -> subscriber.accept(null)));
                var pg = session.unwrap(PGConnection.class);
                while (running) {
                    var received = pg.getNotifications(1000);
                    if (received != null) {
                        for (var notification : received) {
                            var list = subscribers.get(notification.getName());
                            if (list != null) {
                                list.forEach(subscriber -> subscriber.accept(notification.getParameter()));
                            }
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
