package ee.datahub.enquiryhub.security;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The hub's web interface as the one client of the embedded provider that logs people in: the
 * authorization code grant with PKCE only, a public client (no secret to keep), redirecting only back
 * to the hub's own web interface ({@link WebAddresses}). Its client id cannot be a technical user's (those are lower case
 * without a colon), and its access tokens are not for the hub's API (no {@code enquiry-hub} audience).
 */
final class HubWebClient {

    static final String CLIENT_ID = "enquiry-hub:web";
    static final String REGISTRATION_ID = "hub";
    static final String REDIRECT_PATH = "/web/login/oauth2/code/" + REGISTRATION_ID;

    private final WebAddresses addresses;

    HubWebClient(WebAddresses addresses) {
        this.addresses = addresses;
    }

    /** This instance seen from itself: the provider's token and key endpoints, for the client's back channel. */
    String localUrl() {
        return addresses.localUrl();
    }

    static boolean isWebClient(String clientId) {
        return CLIENT_ID.equals(clientId);
    }

    /** The redirect URIs the provider accepts, each compared as a whole string (port included). */
    Set<String> redirectUris() {
        var redirects = new LinkedHashSet<String>();
        addresses.own().forEach(base -> redirects.add(base + REDIRECT_PATH));
        return redirects;
    }

    /** Built when first asked for, once the server's port is known. */
    RegisteredClient registered() {
        return RegisteredClient.withId(CLIENT_ID)
                .clientId(CLIENT_ID)
                .clientName("Enquiry hub web interface")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirectUris()))
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
