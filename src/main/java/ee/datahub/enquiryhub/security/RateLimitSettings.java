package ee.datahub.enquiryhub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.rate-limit.*}: each technical user's average requests per second and burst, per
 * instance; {@code requests-per-second: 0} switches the limit off.
 */
@ConfigurationProperties("hub.rate-limit")
public record RateLimitSettings(Double requestsPerSecond, Double burst) {

    public RateLimitSettings {
        requestsPerSecond = requestsPerSecond == null ? 50 : requestsPerSecond;
        burst = burst == null ? 200 : burst;
    }
}
