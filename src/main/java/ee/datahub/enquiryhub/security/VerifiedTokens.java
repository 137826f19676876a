package ee.datahub.enquiryhub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verified tokens, remembered until they expire, so that a client reusing its token (as it should)
 * costs one signature check per token, not one per request. A token is only remembered once fully
 * verified; on every use its expiry is checked again; what it grants is still looked up in the
 * register on every request (a revoked technical user's remembered token is refused at once).
 */
final class VerifiedTokens implements JwtDecoder {

    private static final int MAX_TOKENS = 20_000;

    private final JwtDecoder verifying;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifying, Clock clock) {
        this.verifying = verifying;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        var known = verified.getIfPresent(token);
        if (known != null && known.getExpiresAt() != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        // Not remembered, or expired: the full verification says why it is refused.
        var jwt = verifying.decode(token);
        if (jwt.getExpiresAt() != null) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private Duration untilExpiry(Jwt jwt) {
        var expiresAt = jwt.getExpiresAt() == null ? Instant.EPOCH : jwt.getExpiresAt();
        var left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
