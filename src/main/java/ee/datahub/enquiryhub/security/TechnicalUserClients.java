package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.participant.TechnicalUsers;
import java.time.Duration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The embedded issuer's clients are the hub's technical users: client-credentials grant only, secret
 * by HTTP Basic or form fields (as Keycloak accepts), scope {@code openid}. Read from the database on
 * every token request, so every hub instance knows every client and a revoked one gets no token.
 */
final class TechnicalUserClients implements RegisteredClientRepository {

    private final TechnicalUsers technicalUsers;
    private final Duration tokenTtl;

    TechnicalUserClients(TechnicalUsers technicalUsers, Duration tokenTtl) {
        this.technicalUsers = technicalUsers;
        this.tokenTtl = tokenTtl;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        // Technical users are created through the hub's own register, never by the token endpoint.
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return technicalUsers
                .secretHash(clientId)
                .map(hash -> RegisteredClient.withId(clientId)
                        .clientId(clientId)
                        .clientSecret(hash)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scope("openid")
                        .tokenSettings(TokenSettings.builder()
                                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                                .accessTokenTimeToLive(tokenTtl)
                                .build())
                        .build())
                .orElse(null);
    }
}
