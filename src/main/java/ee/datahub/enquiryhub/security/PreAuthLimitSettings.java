package ee.datahub.enquiryhub.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.pre-auth-limit.*}: every API request, before its token is looked at, is counted against
 * its client address ({@code hub.client-address}): on average {@code requests-per-second} (200), bursts
 * of {@code burst} (400), per instance and in memory, so that a flood costs neither the database nor a
 * token check. Generous, since several participants may call from one address (a service provider);
 * 0 switches it off. {@code max-addresses} bounds the memory it takes.
 */
@ConfigurationProperties("hub.pre-auth-limit")
@Validated
public record PreAuthLimitSettings(
        Double requestsPerSecond,
        Double burst,
        @Min(100) @Max(10_000_000) Integer maxAddresses) {

    public PreAuthLimitSettings {
        requestsPerSecond = requestsPerSecond == null ? 200 : requestsPerSecond;
        burst = burst == null ? 400 : burst;
        maxAddresses = maxAddresses == null ? 100_000 : maxAddresses;
    }

    @AssertTrue(message = "requests-per-second must be 0 (off) to 100000, and burst at least 1")
    boolean isLimitSane() {
        return Limits.sane(requestsPerSecond, burst);
    }
}
