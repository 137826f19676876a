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

/**
 * The registers as every request reads them (a technical user by client id, a participant, a
 * metering point), kept in memory and forgotten on every instance the moment any register changes:
 * a register write notifies {@value #CHANNEL} in its own transaction, so every instance hears of it
 * when it commits (within milliseconds; a revoked technical user is refused everywhere at once).
 * While this instance cannot hear notifications, nothing is cached. Only what exists is cached, at
 * most {@value #MAX_ENTRIES} entries, each for at most ten minutes.
 */
@Component
class RegisterCache {

    static final String CHANNEL = "register_changed";
    private static final int MAX_ENTRIES = 100_000;

    private final DatabaseNotifications notifications;
    private final JdbcClient jdbc;
    private final Cache<String, Object> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();
    private final AtomicLong generation = new AtomicLong();

    RegisterCache(DatabaseNotifications notifications, JdbcClient jdbc) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        notifications.subscribe(CHANNEL, payload -> forgetAll());
    }

    /** The cached value, or what {@code load} reads (cached when present and no register changed meanwhile). */
    @SuppressWarnings("unchecked")
    <V> Optional<V> get(String kind, Object key, Supplier<Optional<V>> load) {
        if (!notifications.isListening()) {
            return load.get();
        }
        var name = kind + ":" + key;
        var cached = (V) entries.getIfPresent(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = generation.get();
        var loaded = load.get();
        // A change that committed while this loaded must not be overwritten by what it read before.
        if (loaded.isPresent() && generation.get() == seen && notifications.isListening()) {
            entries.put(name, loaded.get());
        }
        return loaded;
    }

    /** Tells every instance, when the current transaction commits, that a register changed. */
    void changed() {
        jdbc.sql("select pg_notify(?, '')").param(CHANNEL).query().singleRow();
    }

    private void forgetAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }
}
