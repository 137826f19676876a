package ee.datahub.enquiryhub.push;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.push.*}, checked at start; each setting is described in docs/operations.md, "Push deliveries".
 * {@code allowHttpLoopback} is for development and tests only: {@code http} URLs and loopback
 * addresses are then allowed (production: {@code https} to public addresses only).
 */
@Validated
@ConfigurationProperties("hub.push")
public record PushSettings(
        Boolean enabled,
        Boolean allowHttpLoopback,
        Integer concurrency,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration sweepInterval,
        Duration lease,
        Retry retry,
        Duration deliveryLogRetention,
        Duration secretOverlap) {

    /** The longest overlap a rotation may ask for. */
    public static final Duration MAX_SECRET_OVERLAP = Duration.ofDays(7);

    /**
     * Exponential backoff: the n-th retry waits {@code firstDelay} × 2^(n−1), at most {@code maxDelay},
     * of which a random half (jitter, so that receivers coming back are not hit by every hub at once);
     * after {@code giveUpAfter} of failures the subscription is marked failing and stops.
     */
    public record Retry(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
        public Retry {
            firstDelay = firstDelay == null ? Duration.ofSeconds(5) : firstDelay;
            maxDelay = maxDelay == null ? Duration.ofHours(1) : maxDelay;
            giveUpAfter = giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
        }
    }

    public PushSettings {
        enabled = enabled == null || enabled;
        allowHttpLoopback = allowHttpLoopback != null && allowHttpLoopback;
        concurrency = concurrency == null ? 8 : concurrency;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(5) : sweepInterval;
        lease = lease == null ? Duration.ofMinutes(1) : lease;
        retry = retry == null ? new Retry(null, null, null) : retry;
        deliveryLogRetention = deliveryLogRetention == null ? Duration.ofDays(30) : deliveryLogRetention;
        secretOverlap = secretOverlap == null ? Duration.ofHours(24) : secretOverlap;
    }

    @AssertTrue(message = "hub.push.concurrency must be from 1 to 256")
    boolean isConcurrencySane() {
        return concurrency >= 1 && concurrency <= 256;
    }

    @AssertTrue(
            message = "hub.push.connect-timeout and request-timeout must be positive, the connect timeout the shorter")
    boolean isTimeoutSane() {
        return connectTimeout.isPositive()
                && requestTimeout.isPositive()
                && connectTimeout.compareTo(requestTimeout) <= 0;
    }

    @AssertTrue(
            message =
                    "hub.push.lease must be longer than twice hub.push.request-timeout (a delivery must end within its lease)")
    boolean isLeaseLongEnough() {
        return lease.compareTo(requestTimeout.multipliedBy(2)) > 0;
    }

    @AssertTrue(message = "hub.push.retry delays must be positive, the first no longer than the longest")
    boolean isRetrySane() {
        return retry.firstDelay().isPositive()
                && retry.firstDelay().compareTo(retry.maxDelay()) <= 0
                && retry.giveUpAfter().isPositive();
    }

    @AssertTrue(message = "hub.push.sweep-interval must be between 100 ms and 1 min")
    boolean isSweepSane() {
        return sweepInterval.compareTo(Duration.ofMillis(100)) >= 0
                && sweepInterval.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    @AssertTrue(message = "hub.push.secret-overlap must be from 0 to 7 days")
    boolean isOverlapSane() {
        return !secretOverlap.isNegative() && secretOverlap.compareTo(MAX_SECRET_OVERLAP) <= 0;
    }
}
