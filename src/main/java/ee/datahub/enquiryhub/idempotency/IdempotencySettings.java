package ee.datahub.enquiryhub.idempotency;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.idempotency.retention}: how long the outcome of a write is kept for retries; the spec's
 * floor is 30 days, and a hub configured below it does not start.
 */
@ConfigurationProperties("hub.idempotency")
@Validated
public record IdempotencySettings(Duration retention) {

    public static final Duration FLOOR = Duration.ofDays(30);

    public IdempotencySettings {
        retention = retention == null ? FLOOR : retention;
    }

    /** Binds and checks the setting at start, whoever reads it. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IdempotencySettings.class)
    static class Registration {}

    @AssertTrue(message = "retention must be at least 30 days (the spec's promise to retrying clients)")
    boolean isRetentionAboveTheFloor() {
        return retention.compareTo(FLOOR) >= 0;
    }
}
