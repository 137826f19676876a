package ee.datahub.enquiryhub.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Token buckets shared by every hub instance, held in PostgreSQL ({@code rate_limit_bucket}): an instance
 * leases a chunk of tokens at a time ({@code leaseFraction} of the per-second rate, at least 1) in one
 * statement ({@code rate_limit_take}) and serves requests from the lease in memory. Requests served may exceed
 * (or fall short of) {@code burst + rate × T} by {@code n × (chunk − 1)} for n instances; a refused key is
 * refused locally until a chunk has refilled. The reasoning: docs/operations.md, section 12 "Limits".
 */
final class LeasedBuckets {

    private final JdbcClient jdbc;
    private final String prefix;
    private final double perSecond;
    private final double burst;
    private final int chunk;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    LeasedBuckets(JdbcClient jdbc, String prefix, double perSecond, double burst, double leaseFraction) {
        this.jdbc = jdbc;
        this.prefix = prefix;
        this.perSecond = perSecond;
        this.burst = burst;
        this.chunk = (int) Math.max(1, Math.min(Math.floor(burst), Math.floor(perSecond * leaseFraction)));
    }

    boolean enabled() {
        return perSecond > 0;
    }

    int chunk() {
        return chunk;
    }

    /**
     * Takes one token for the key: 0 when taken, else the whole seconds until the client may retry (at
     * least 1). Throws {@link org.springframework.dao.DataAccessException} when the database cannot be asked.
     */
    long take(String key) {
        if (!enabled()) {
            return 0;
        }
        var lease = leases.computeIfAbsent(key, k -> new Lease());
        // A lock, not synchronized: requests run on virtual threads, which (on Java 21) a database call
        // inside a synchronized block would pin to their carrier.
        lease.lock.lock();
        try {
            if (lease.tokens > 0) {
                lease.tokens--;
                return 0;
            }
            long now = System.nanoTime();
            if (now < lease.refusedUntil) {
                return seconds((lease.refusedUntil - now) / 1e9);
            }
            var grant = jdbc.sql("select granted, retry_after from rate_limit_take(?, ?, ?, ?)")
                    .params(prefix + key, perSecond, burst, chunk)
                    .query((rs, n) -> new Grant(rs.getInt(1), rs.getDouble(2)))
                    .single();
            if (grant.granted() > 0) {
                lease.tokens = grant.granted() - 1;
                return 0;
            }
            double wait = Math.max(grant.retryAfter(), chunk / perSecond);
            lease.refusedUntil = now + (long) (wait * 1e9);
            return seconds(grant.retryAfter());
        } finally {
            lease.lock.unlock();
        }
    }

    private static long seconds(double wait) {
        return Math.max(1, (long) Math.ceil(wait));
    }

    private record Grant(int granted, double retryAfter) {}

    private static final class Lease {
        private final ReentrantLock lock = new ReentrantLock();
        private int tokens;
        private long refusedUntil;
    }
}
