package ee.datahub.enquiryhub.security;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in this instance's memory, one per key (a client address, a client id): for limits that
 * must cost nothing shared, because whoever trips them has not authenticated and could otherwise make
 * the database work. At most {@code maxKeys} buckets are kept; when that many exist, the full ones
 * (idle long enough to have refilled, so forgetting them changes nothing) are dropped first, and if
 * none is full the key shares one overflow bucket with every other new key until space frees up.
 */
final class LocalBuckets {

    private static final String OVERFLOW = "\u0000overflow";

    private final double perSecond;
    private final double burst;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    LocalBuckets(double perSecond, double burst, int maxKeys) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxKeys = maxKeys;
    }

    boolean enabled() {
        return perSecond > 0;
    }

    /** Takes one token for the key: 0 when taken, else the whole seconds until one is there (at least 1). */
    long take(String key) {
        if (!enabled()) {
            return 0;
        }
        long now = System.nanoTime();
        var bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                forgetFullBuckets(now);
            }
            bucket = buckets.size() >= maxKeys
                    ? buckets.computeIfAbsent(OVERFLOW, k -> new Bucket(burst, now))
                    : buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        return bucket.take(perSecond, burst, now);
    }

    private void forgetFullBuckets(long now) {
        buckets.entrySet().removeIf(entry -> entry.getValue().fullAt(perSecond, burst, now));
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized long take(double perSecond, double burst, long now) {
            refill(perSecond, burst, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized boolean fullAt(double perSecond, double burst, long now) {
            refill(perSecond, burst, now);
            return tokens >= burst;
        }

        private void refill(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}
