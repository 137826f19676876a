package ee.datahub.enquiryhub.security;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The hub's web interface as the one client of the embedded provider that logs people in: the
 * authorization code grant with PKCE only, a public client (no secret to keep), redirecting only back
 * to the hub's own web interface. Its client id cannot be a technical user's (those are lower case
 * without a colon), and its access tokens are not for the hub's API (no {@code enquiry-hub} audience).
 */
final class HubWebClient {

    static final String CLIENT_ID = "enquiry-hub:web";
    static final String REGISTRATION_ID = "hub";
    static final String REDIRECT_PATH = "/web/login/oauth2/code/" + REGISTRATION_ID;

    private final Environment environment;
    private final Optional<String> publicUrl;

    /**
     * @param publicUrl the hub's public base URL (e.g. {@code https://hub.example.ee}) when people reach it
     *     by a name other than localhost
     */
    HubWebClient(Environment environment, Optional<String> publicUrl) {
        this.environment = environment;
        this.publicUrl = publicUrl
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .filter(url -> !url.isBlank());
    }

    /** This instance seen from itself: the provider's token and key endpoints, for the client's back channel. */
    String localUrl() {
        var port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }

    static boolean isWebClient(String clientId) {
        return CLIENT_ID.equals(clientId);
    }

    /** Built when first asked for, once the server's port is known. */
    RegisteredClient registered() {
        // Exact redirect URIs (the provider compares them as strings; 127.0.0.1 may use any port).
        var redirects = new LinkedHashSet<String>();
        publicUrl.ifPresent(url -> redirects.add(url + REDIRECT_PATH));
        redirects.add(localUrl() + REDIRECT_PATH);
        redirects.add(localUrl().replace("localhost", "127.0.0.1") + REDIRECT_PATH);
        return RegisteredClient.withId(CLIENT_ID)
                .clientId(CLIENT_ID)
                .clientName("Enquiry hub web interface")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirects))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        .accessTokenTimeToLive(Duration.ofMinutes(5))
                        .idTokenSignatureAlgorithm(
                                org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                        .build())
                .build();
    }
}
