package ee.datahub.enquiryhub.feed;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.feed.*}, checked at start.
 *
 * @param retention how long changes stay scannable: at least 90 days (spec §6)
 * @param stampInterval how often the stamper (on the leading instance) looks for committed changes:
 *     the longest a change waits to become visible, normally; 10 ms to 1 s
 * @param freshnessWait how long a v1 scan waits for changes committed before it began to be stamped
 *     (normally one stamp interval; longer only while leadership passes to another instance)
 */
@Validated
@ConfigurationProperties("hub.feed")
public record FeedSettings(Duration retention, Duration stampInterval, Duration freshnessWait) {

    public FeedSettings {
        retention = retention == null ? Duration.ofDays(90) : retention;
        stampInterval = stampInterval == null ? Duration.ofMillis(50) : stampInterval;
        freshnessWait = freshnessWait == null ? Duration.ofSeconds(3) : freshnessWait;
    }

    @AssertTrue(message = "hub.feed.retention must be at least 90 days (the specification's floor)")
    boolean isRetentionLongEnough() {
        return retention.compareTo(Duration.ofDays(90)) >= 0;
    }

    @AssertTrue(message = "hub.feed.stamp-interval must be between 10 ms and 1 s")
    boolean isStampIntervalSane() {
        return stampInterval.compareTo(Duration.ofMillis(10)) >= 0
                && stampInterval.compareTo(Duration.ofSeconds(1)) <= 0;
    }

    @AssertTrue(message = "hub.feed.freshness-wait must be between 0 and 30 s")
    boolean isFreshnessWaitSane() {
        return !freshnessWait.isNegative() && freshnessWait.compareTo(Duration.ofSeconds(30)) <= 0;
    }
}
