package ee.datahub.enquiryhub.security;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * What the embedded provider keeps between requests: nothing for client-credentials tokens
 * (self-contained JWTs, see {@link StatelessAuthorizations}), and the web login's authorizations (the
 * code, then the tokens it was exchanged for) in the database, so that a code one instance issued is
 * redeemed on any. Old ones are purged.
 */
final class WebLoginAuthorizations implements OAuth2AuthorizationService {

    /** Kept well past the code's and tokens' lifetimes, for the provider's logout and id-token lookups. */
    static final Duration KEPT = Duration.ofHours(12);

    private final OAuth2AuthorizationService stateless = new StatelessAuthorizations();
    // Built on first use: it reads the table's column types, which exist once the migrations ran.
    private final Supplier<JdbcOAuth2AuthorizationService> stored;
    private final JdbcClient jdbc;
    private final Clock clock;

    WebLoginAuthorizations(JdbcOperations jdbcOperations, RegisteredClientRepository clients, Clock clock) {
        this.stored = SingletonSupplier.of(() -> new JdbcOAuth2AuthorizationService(jdbcOperations, clients));
        this.jdbc = JdbcClient.create(jdbcOperations);
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            stateless.save(authorization);
        } else {
            stored.get().save(authorization);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            stored.get().remove(authorization);
        }
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return stored.get().findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return stored.get().findByToken(token, tokenType);
    }

    /** Deletes web login authorizations older than {@link #KEPT}. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT3M")
    void purge() {
        jdbc.sql("delete from oauth2_authorization where authorization_code_issued_at < ?")
                .param(java.sql.Timestamp.from(clock.instant().minus(KEPT)))
                .update();
    }
}
