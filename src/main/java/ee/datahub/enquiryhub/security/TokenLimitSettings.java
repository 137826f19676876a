package ee.datahub.enquiryhub.security;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.token-limit.*}: the embedded token endpoint's limits, per instance: per client id
 * ({@code client-requests-per-second} 0.1, i.e. 6 a minute, {@code client-burst} 10: a client needs a
 * token every few minutes) and per client address ({@code address-requests-per-second} 2,
 * {@code address-burst} 40). Each attempt costs a bcrypt check, so these bound both guessing secrets and
 * burning CPU. 0 switches a limit off.
 */
@ConfigurationProperties("hub.token-limit")
@Validated
public record TokenLimitSettings(
        Double clientRequestsPerSecond, Double clientBurst, Double addressRequestsPerSecond, Double addressBurst) {

    public TokenLimitSettings {
        clientRequestsPerSecond = clientRequestsPerSecond == null ? 0.1 : clientRequestsPerSecond;
        clientBurst = clientBurst == null ? 10 : clientBurst;
        addressRequestsPerSecond = addressRequestsPerSecond == null ? 2 : addressRequestsPerSecond;
        addressBurst = addressBurst == null ? 40 : addressBurst;
    }

    @AssertTrue(message = "client-requests-per-second must be 0 (off) to 100000, and client-burst at least 1")
    boolean isClientLimitSane() {
        return Limits.sane(clientRequestsPerSecond, clientBurst);
    }

    @AssertTrue(message = "address-requests-per-second must be 0 (off) to 100000, and address-burst at least 1")
    boolean isAddressLimitSane() {
        return Limits.sane(addressRequestsPerSecond, addressBurst);
    }
}
