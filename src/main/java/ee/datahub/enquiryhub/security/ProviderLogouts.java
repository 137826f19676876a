package ee.datahub.enquiryhub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * OpenID Connect back-channel logout: the provider posts a logout token when a person's session there
 * ends (logged out elsewhere, ended by an administrator, expired), and every web session of that
 * person ({@code sub}) ends on every instance (Spring Session in PostgreSQL). The token must be signed
 * with the provider's keys, by its issuer, for the hub's client, recent, a logout event and no nonce.
 */
final class ProviderLogouts extends OncePerRequestFilter {

    static final String PATH = "/web/logout/back-channel";
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Duration OLDEST = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(ProviderLogouts.class);

    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    ProviderLogouts(
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.registrations = registrations;
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var configured = registrations.getIfAvailable();
        var registration = configured == null ? null : configured.findByRegistrationId(HubWebClient.REGISTRATION_ID);
        var tokens = request.getParameterValues("logout_token");
        if (registration == null || tokens == null || tokens.length != 1 || tokens[0].isBlank()) {
            AuthorizationEndpointGuard.refuse(response, "invalid_request", "logout_token is required, once");
            return;
        }
        Jwt token;
        try {
            token = decoders.computeIfAbsent(registration.getRegistrationId(), id -> decoder(registration))
                    .decode(tokens[0]);
        } catch (RuntimeException refused) {
            // not signed by the provider, another issuer or client, stale, not a logout event
            AuthorizationEndpointGuard.refuse(response, "invalid_request", "The logout token is not valid");
            return;
        }
        int ended = 0;
        var webSessions = sessions.getObject();
        for (var session : webSessions.findByPrincipalName(token.getSubject()).keySet()) {
            webSessions.deleteById(session);
            ended++;
        }
        // the subject is a personal code: it is not logged
        log.info("The login provider ended a person's sessions: {} web session(s) ended", ended);
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private static JwtDecoder decoder(ClientRegistration registration) {
        var provider = registration.getProviderDetails();
        var decoder = NimbusJwtDecoder.withJwkSetUri(provider.getJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        var timestamps = new JwtTimestampValidator();
        // freshness is iat's (below); a logout token need not expire
        timestamps.setAllowEmptyExpiryClaim(true);
        OAuth2TokenValidator<Jwt> logoutToken = jwt -> {
            var iat = jwt.getIssuedAt();
            var events = jwt.getClaimAsMap("events");
            boolean valid = provider.getIssuerUri() != null
                    && provider.getIssuerUri().equals(jwt.getClaimAsString("iss"))
                    && jwt.getAudience() != null
                    && jwt.getAudience().contains(registration.getClientId())
                    && iat != null
                    && iat.isAfter(Instant.now().minus(OLDEST))
                    && iat.isBefore(Instant.now().plus(Duration.ofMinutes(1)))
                    && events != null
                    && events.containsKey(EVENT)
                    && !jwt.hasClaim("nonce")
                    && jwt.getSubject() != null
                    && !jwt.getSubject().isBlank();
            return valid
                    ? timestamps.validate(jwt)
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_request", "not a logout token", null));
        };
        decoder.setJwtValidator(logoutToken);
        return decoder;
    }
}
