package ee.datahub.enquiryhub.feed;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.feed.*}, checked at start: the {@code retention} of changes (at least 90 days, spec §6); the
 * {@code stamp-interval} of the stamper on the leading instance (10 ms to 1 s); the {@code freshness-wait}
 * of a v1 scan for changes committed before it began (0 to 30 s); the {@code wait-recheck} of a waiting v2
 * read, should a notification be missed (1 s to 5 min).
 */
@Validated
@ConfigurationProperties("hub.feed")
public record FeedSettings(Duration retention, Duration stampInterval, Duration freshnessWait, Duration waitRecheck) {

    public FeedSettings {
        retention = retention == null ? Duration.ofDays(90) : retention;
        stampInterval = stampInterval == null ? Duration.ofMillis(50) : stampInterval;
        freshnessWait = freshnessWait == null ? Duration.ofSeconds(3) : freshnessWait;
        waitRecheck = waitRecheck == null ? Duration.ofSeconds(5) : waitRecheck;
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

    @AssertTrue(message = "hub.feed.wait-recheck must be between 1 s and 5 min")
    boolean isWaitRecheckSane() {
        return waitRecheck.compareTo(Duration.ofSeconds(1)) >= 0 && waitRecheck.compareTo(Duration.ofMinutes(5)) <= 0;
    }
}
