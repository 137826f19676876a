package ee.datahub.enquiryhub.audit;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.refusals.*}: how often counted refusals are written ({@code flush-interval}, 5 s) and how
 * long their counters are kept ({@code retention}, 90 days, at least 1 day).
 */
@ConfigurationProperties("hub.refusals")
@Validated
public record RefusalSettings(Duration flushInterval, Duration retention) {

    public RefusalSettings {
        flushInterval = flushInterval == null ? Duration.ofSeconds(5) : flushInterval;
        retention = retention == null ? Duration.ofDays(90) : retention;
    }

    @AssertTrue(message = "flush-interval must be between 100 ms and 1 min")
    boolean isFlushIntervalSane() {
        return flushInterval.compareTo(Duration.ofMillis(100)) >= 0
                && flushInterval.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    @AssertTrue(message = "retention must be at least 1 day")
    boolean isRetentionSane() {
        return retention.compareTo(Duration.ofDays(1)) >= 0;
    }
}
