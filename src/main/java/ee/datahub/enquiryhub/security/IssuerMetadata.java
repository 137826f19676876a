package ee.datahub.enquiryhub.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded issuer's metadata (RFC 8414), naming only what it serves: the client-credentials grant
 * at the token endpoint (client secrets by HTTP Basic or form fields), the authorization code with
 * PKCE (S256) for the web interface's one public client, and the key set. The URLs derive from the
 * configured issuer, never from the request's {@code Host}.
 */
@RestController
@ConditionalOnProperty(name = "hub.auth.embedded-issuer", havingValue = "true", matchIfMissing = true)
final class IssuerMetadata {

    private final Map<String, Object> metadata;

    IssuerMetadata(AuthSettings settings) {
        var issuer = settings.issuer();
        var base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        var document = new LinkedHashMap<String, Object>();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", base + SecurityConfiguration.EmbeddedIssuer.AUTHORIZATION_ENDPOINT);
        document.put("token_endpoint", base + SecurityConfiguration.EmbeddedIssuer.TOKEN_ENDPOINT);
        document.put(
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        document.put("jwks_uri", base + SecurityConfiguration.EmbeddedIssuer.JWK_SET_ENDPOINT);
        document.put("grant_types_supported", List.of("client_credentials", "authorization_code"));
        document.put("response_types_supported", List.of("code"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("scopes_supported", List.of("openid", "profile"));
        document.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
        this.metadata = Collections.unmodifiableMap(document);
    }

    @GetMapping("/.well-known/oauth-authorization-server")
    Map<String, Object> metadata() {
        return metadata;
    }
}
