package ee.datahub.enquiryhub.security;

import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.auth.*}: where tokens come from and what the hub accepts. {@code embeddedIssuer} (default true):
 * the hub issues client-credentials tokens at {@code /oauth2/token}; false: an external OpenID Connect issuer
 * (e.g. Keycloak) does, its key set at {@code jwkSetUri}. An accepted token carries {@code issuer} as {@code iss}
 * and {@code audience} in {@code aud} (blank: not checked), signed with one of {@code algorithms};
 * {@code tokenTtl} is the lifetime of the embedded issuer's tokens.
 */
@ConfigurationProperties("hub.auth")
@Validated
public record AuthSettings(
        Boolean embeddedIssuer,
        String issuer,
        String jwkSetUri,
        String audience,
        List<String> algorithms,
        Duration tokenTtl) {

    public AuthSettings {
        embeddedIssuer = embeddedIssuer == null || embeddedIssuer;
        issuer = issuer == null ? "http://localhost:8080" : issuer;
        audience = audience == null ? "enquiry-hub" : audience;
        algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256") : List.copyOf(algorithms);
        tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
    }

    private static final Set<String> SIGNATURE_ALGORITHMS =
            Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512");

    @AssertTrue(message = "issuer must be an absolute http(s) URL, exactly as the tokens' iss claim writes it")
    boolean isIssuerAUrl() {
        return absoluteHttpUrl(issuer);
    }

    @AssertTrue(message = "jwk-set-uri must be an absolute http(s) URL when the issuer is external")
    boolean isJwkSetUriGivenForAnExternalIssuer() {
        return embeddedIssuer || absoluteHttpUrl(jwkSetUri);
    }

    @AssertTrue(
            message =
                    "algorithms must be asymmetric signature algorithms (RS, ES or PS 256/384/512); none, HS* are refused")
    boolean isEveryAlgorithmAsymmetric() {
        return SIGNATURE_ALGORITHMS.containsAll(algorithms);
    }

    @AssertTrue(message = "token-ttl must be between 1 minute and 1 hour")
    boolean isTokenTtlSane() {
        return tokenTtl.compareTo(Duration.ofMinutes(1)) >= 0 && tokenTtl.compareTo(Duration.ofHours(1)) <= 0;
    }

    static boolean absoluteHttpUrl(String text) {
        try {
            var uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
