package ee.datahub.enquiryhub.participant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ee.datahub.enquiryhub.platform.DatabaseNotifications;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The registers as every request reads them (a technical user, a participant, a metering point), in
 * memory. A register change returns only once every instance has forgotten them all: it notifies
 * {@value #CHANNEL} in its transaction and, after the commit, waits for every listening instance to
 * confirm ({@link DatabaseNotifications#awaitEveryInstance}). Nothing is cached while this instance
 * cannot hear; at most {@value #MAX_ENTRIES} entries, each for at most ten minutes.
 */
@Component
class RegisterCache {

    static final String CHANNEL = "register_changed";
    /** The longest a change waits for the other instances before ending the sessions of the silent ones. */
    static final Duration CONFIRMATION = Duration.ofSeconds(5);

    private static final int MAX_ENTRIES = 100_000;

    private final DatabaseNotifications notifications;
    private final JdbcClient jdbc;
    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();
    private final AtomicLong generation = new AtomicLong();

    RegisterCache(DatabaseNotifications notifications, JdbcClient jdbc) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        notifications.subscribe(CHANNEL, payload -> forgetAll());
    }

    private record Entry(long generation, Object value) {}

    /**
     * The cached value, or what {@code load} reads. What is read is kept only when this instance was
     * listening when the read began and nothing was forgotten meanwhile; an entry is used only while no
     * change has been heard since it was read.
     */
    @SuppressWarnings("unchecked")
    <V> Optional<V> get(String kind, Object key, Supplier<Optional<V>> load) {
        long current = generation.get();
        if (!notifications.isListening()) {
            return load.get();
        }
        var name = kind + ":" + key;
        var cached = entries.getIfPresent(name);
        if (cached != null && cached.generation() == current) {
            return Optional.of((V) cached.value());
        }
        var loaded = load.get();
        if (loaded.isPresent() && generation.get() == current) {
            entries.put(name, new Entry(current, loaded.get()));
        }
        return loaded;
    }

    /**
     * Tells every instance that a register changed: when the current transaction commits (at once
     * without one), and before the caller goes on, every instance has forgotten what it cached.
     */
    void changed() {
        jdbc.sql("select pg_notify(?, '')").param(CHANNEL).query().singleRow();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    confirm();
                }
            });
        } else {
            confirm();
        }
    }

    private void confirm() {
        forgetAll();
        notifications.awaitEveryInstance(CONFIRMATION);
    }

    private void forgetAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }
}
