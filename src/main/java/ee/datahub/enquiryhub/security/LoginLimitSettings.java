package ee.datahub.enquiryhub.security;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.login-limit.*}: failed logins at the embedded provider's login form, counted in PostgreSQL
 * (so across instances) per username, whether it exists or not ({@code username-burst} 5, then one more
 * every minute), and per client address ({@code address-burst} 30, then 12 a minute). A success
 * clears its username's failures. 0 switches a limit off.
 */
@ConfigurationProperties("hub.login-limit")
@Validated
public record LoginLimitSettings(
        Double usernameFailuresPerSecond, Double usernameBurst, Double addressFailuresPerSecond, Double addressBurst) {

    public LoginLimitSettings {
        usernameFailuresPerSecond = usernameFailuresPerSecond == null ? 1.0 / 60 : usernameFailuresPerSecond;
        usernameBurst = usernameBurst == null ? 5 : usernameBurst;
        addressFailuresPerSecond = addressFailuresPerSecond == null ? 0.2 : addressFailuresPerSecond;
        addressBurst = addressBurst == null ? 30 : addressBurst;
    }

    @AssertTrue(message = "username-failures-per-second must be 0 (off) to 100000, and username-burst at least 1")
    boolean isUsernameLimitSane() {
        return Limits.sane(usernameFailuresPerSecond, usernameBurst);
    }

    @AssertTrue(message = "address-failures-per-second must be 0 (off) to 100000, and address-burst at least 1")
    boolean isAddressLimitSane() {
        return Limits.sane(addressFailuresPerSecond, addressBurst);
    }
}
