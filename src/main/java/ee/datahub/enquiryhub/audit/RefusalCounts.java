package ee.datahub.enquiryhub.audit;

import ee.datahub.enquiryhub.platform.DatabaseProbe;
import ee.datahub.enquiryhub.platform.HubTime;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Requests refused before they could be attributed to a technical user (no or a bad token, the
 * per-address limit, an unparsable request) and the rate limit's 429s, counted in memory per minute,
 * source address, client id and error code and upserted into {@code refusal_count} every few seconds;
 * beyond {@link #MAX_KEYS} keys between two writes, further sources count as {@code overflow}.
 */
@Component
@EnableConfigurationProperties(RefusalSettings.class)
public class RefusalCounts {

    static final int MAX_KEYS = 50_000;
    static final String OVERFLOW = "overflow";

    private static final Logger log = LoggerFactory.getLogger(RefusalCounts.class);

    private record Key(Instant minute, String source, String clientId, String code) {}

    /** One row of {@code refusal_count}. */
    public record Refusals(Instant minute, String sourceAddress, String clientId, String errorCode, long requests) {}

    private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final DatabaseProbe database;
    private final RefusalSettings settings;

    RefusalCounts(JdbcClient jdbc, Clock clock, DatabaseProbe database, RefusalSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.database = database;
        this.settings = settings;
    }

    private static final String COUNTED = RefusalCounts.class.getName() + ".counted";

    /** Counts one refused request of this request's client address (once per request). */
    public void count(HttpServletRequest request, String clientId, String errorCode) {
        if (request.getAttribute(COUNTED) == null) {
            request.setAttribute(COUNTED, Boolean.TRUE);
            count(TraceIdFilter.clientAddressOf(request), clientId, errorCode);
        }
    }

    /** Counts one refused request; {@code clientId} may be null (not authenticated). */
    public void count(String sourceAddress, String clientId, String errorCode) {
        var key = new Key(
                clock.instant().truncatedTo(ChronoUnit.MINUTES),
                fitted(sourceAddress, 64),
                clientId == null ? "" : fitted(clientId, 100),
                fitted(errorCode, 100));
        var adder = pending.get(key);
        if (adder == null) {
            if (pending.size() >= MAX_KEYS) {
                key = new Key(key.minute(), OVERFLOW, "", key.code());
            }
            adder = pending.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.increment();
    }

    /** Writes what was counted since the last write (every {@code hub.refusals.flush-interval}). */
    @Scheduled(
            fixedDelayString = "${hub.refusals.flush-interval:5s}",
            initialDelayString = "${hub.refusals.flush-interval:5s}")
    public void flush() {
        if (pending.isEmpty() || !database.reachable()) {
            return;
        }
        var keys = new ArrayList<Key>();
        var counts = new ArrayList<Long>();
        pending.forEach((key, adder) -> {
            long n = adder.sumThenReset();
            if (n == 0) {
                pending.remove(key, adder);
            } else {
                keys.add(key);
                counts.add(n);
            }
        });
        if (keys.isEmpty()) {
            return;
        }
        try {
            jdbc.sql("""
                    insert into refusal_count as r (minute, source_address, client_id, error_code, requests)
                    select cast(m as timestamptz), s, c, e, n
                      from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                  cast(? as bigint[])) as t(m, s, c, e, n)
                    on conflict (minute, source_address, client_id, error_code)
                    do update set requests = r.requests + excluded.requests
                    """)
                    .params(
                            keys.stream().map(k -> HubTime.format(k.minute())).toArray(String[]::new),
                            keys.stream().map(Key::source).toArray(String[]::new),
                            keys.stream().map(Key::clientId).toArray(String[]::new),
                            keys.stream().map(Key::code).toArray(String[]::new),
                            counts.toArray(Long[]::new))
                    .update();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not write {} refusal counters; keeping them for the next attempt: {}",
                    keys.size(),
                    e.getClass().getSimpleName());
            for (int i = 0; i < keys.size(); i++) {
                pending.computeIfAbsent(keys.get(i), k -> new LongAdder()).add(counts.get(i));
            }
        }
    }

    /** The counters of one source address, oldest first (operations and tests). */
    public List<Refusals> forSource(String sourceAddress) {
        return jdbc.sql("""
                select minute, source_address, client_id, error_code, requests from refusal_count
                 where source_address = ? order by minute, error_code, client_id
                """)
                .param(sourceAddress)
                .query((rs, n) -> new Refusals(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5)))
                .list();
    }

    /** Forgets counters older than {@code hub.refusals.retention}. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT3M")
    void purgeExpired() {
        if (!database.reachable()) {
            return;
        }
        int purged = jdbc.sql("delete from refusal_count where minute < ?")
                .param(HubTime.db(clock.instant().minus(settings.retention())))
                .update();
        if (purged > 0) {
            log.info("Purged {} refusal counters older than {}", purged, settings.retention());
        }
    }

    private static String fitted(String text, int length) {
        var value = text == null ? "" : text;
        return value.length() <= length ? value : value.substring(0, length);
    }
}
