package ee.datahub.enquiryhub.security;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.rate-limit.*}: the authenticated API's limits, shared by all instances — each technical
 * user's average requests per second and burst, each participant's (all its technical users together),
 * and the share of a second's rate an instance leases at a time ({@code lease-fraction}, 0.1). A rate of
 * 0 switches that limit off.
 */
@ConfigurationProperties("hub.rate-limit")
@Validated
public record RateLimitSettings(
        Double requestsPerSecond,
        Double burst,
        Double participantRequestsPerSecond,
        Double participantBurst,
        Double leaseFraction) {

    public RateLimitSettings {
        requestsPerSecond = requestsPerSecond == null ? 50 : requestsPerSecond;
        burst = burst == null ? 200 : burst;
        participantRequestsPerSecond = participantRequestsPerSecond == null ? 100 : participantRequestsPerSecond;
        participantBurst = participantBurst == null ? 400 : participantBurst;
        leaseFraction = leaseFraction == null ? 0.1 : leaseFraction;
    }

    @AssertTrue(message = "requests-per-second must be 0 (off) to 100000, and burst at least 1")
    boolean isClientLimitSane() {
        return Limits.sane(requestsPerSecond, burst);
    }

    @AssertTrue(message = "participant-requests-per-second must be 0 (off) to 100000, and participant-burst at least 1")
    boolean isParticipantLimitSane() {
        return Limits.sane(participantRequestsPerSecond, participantBurst);
    }

    @AssertTrue(message = "lease-fraction must be above 0 and at most 1")
    boolean isLeaseFractionSane() {
        return leaseFraction > 0 && leaseFraction <= 1;
    }
}
