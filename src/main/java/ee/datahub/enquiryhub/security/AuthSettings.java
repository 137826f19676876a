package ee.datahub.enquiryhub.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.auth.*}: where tokens come from and what the hub accepts.
 *
 * @param embeddedIssuer true (default): the hub issues client-credentials tokens itself at
 *     {@code /oauth2/token}; false: an external OpenID Connect issuer (e.g. Keycloak) does
 * @param issuer the {@code iss} every accepted token carries
 * @param jwkSetUri the external issuer's key set (external issuer only)
 * @param audience the {@code aud} every accepted token must contain; blank: not checked
 * @param algorithms the accepted signature algorithms
 * @param tokenTtl the lifetime of tokens the embedded issuer writes
 */
@ConfigurationProperties("hub.auth")
public record AuthSettings(
        Boolean embeddedIssuer, String issuer, String jwkSetUri, String audience, List<String> algorithms, Duration tokenTtl) {

    public AuthSettings {
        embeddedIssuer = embeddedIssuer == null || embeddedIssuer;
        issuer = issuer == null ? "http://localhost:8080" : issuer;
        audience = audience == null ? "enquiry-hub" : audience;
        algorithms = algorithms == null || algorithms.isEmpty() ? List.of("RS256") : List.copyOf(algorithms);
        tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
    }
}
