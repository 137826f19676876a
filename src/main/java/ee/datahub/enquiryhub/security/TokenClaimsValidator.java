package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims a verified token must carry, each failure named by the code the 401 answers with: {@code iss}
 * exactly the configured issuer (raw, not normalised as a URL: see {@link SecurityConfiguration});
 * {@code exp} present and not past ({@code authentication}: get a new token); {@code nbf}, when present, not
 * in the future; {@code aud} holding the hub's audience if one is set. Clocks may differ by {@link #CLOCK_SKEW}.
 */
final class TokenClaimsValidator implements OAuth2TokenValidator<Jwt> {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final String issuer;
    private final String audience;
    private final Clock clock;

    TokenClaimsValidator(String issuer, String audience, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        var errors = new ArrayList<OAuth2Error>();
        var now = clock.instant();
        var iss = token.getClaims().get("iss");
        if (iss == null || !issuer.equals(iss.toString())) {
            errors.add(error(ErrorCode.JWT_PROCESSING, "The token was not issued by this hub's issuer"));
        }
        if (token.getExpiresAt() == null) {
            errors.add(error(
                    ErrorCode.JWT_PROCESSING,
                    "The token has no expiry (exp); the hub accepts only tokens that expire"));
        } else if (now.minus(CLOCK_SKEW).isAfter(token.getExpiresAt())) {
            errors.add(error(ErrorCode.AUTHENTICATION, "The token has expired; get a new one"));
        }
        if (token.getNotBefore() != null && now.plus(CLOCK_SKEW).isBefore(token.getNotBefore())) {
            errors.add(error(ErrorCode.JWT_PROCESSING, "The token is not valid yet (nbf)"));
        }
        if (!audience.isBlank()
                && (token.getAudience() == null || !token.getAudience().contains(audience))) {
            errors.add(error(ErrorCode.JWT_PROCESSING, "The token was not issued for this hub (audience)"));
        }
        return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
    }

    private static OAuth2Error error(ErrorCode code, String description) {
        return new OAuth2Error(code.code(), description, null);
    }

    /** The code of a failure this validator reported, if it is one. */
    static java.util.Optional<ErrorCode> codeOf(OAuth2Error error) {
        for (var code : ErrorCode.values()) {
            if (code.code().equals(error.getErrorCode())) {
                return java.util.Optional.of(code);
            }
        }
        return java.util.Optional.empty();
    }
}
