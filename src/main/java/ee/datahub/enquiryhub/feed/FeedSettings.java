package ee.datahub.enquiryhub.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.feed.retention}: how long changes stay scannable (at least 90 days);
 * {@code hub.feed.stamp-interval}: how often the sequencer stamps committed changes in the background.
 */
@ConfigurationProperties("hub.feed")
public record FeedSettings(Duration retention, Duration stampInterval) {

    public FeedSettings {
        retention = retention == null ? Duration.ofDays(90) : retention;
        stampInterval = stampInterval == null ? Duration.ofMillis(200) : stampInterval;
    }
}
