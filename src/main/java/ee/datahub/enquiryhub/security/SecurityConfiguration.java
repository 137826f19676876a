package ee.datahub.enquiryhub.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.error.Doors;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.person.People;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * The filter chains: the embedded token issuer's endpoints (default start only), the APIs (bearer
 * tokens, shared rate limits), the metrics ({@link MetricsAccess}), and the rest (API docs, health) open;
 * the web interface's ({@code web.WebSecurity}) and the embedded provider's login ({@link EmbeddedWebLogin})
 * come first. Refusals of the firewall and the servlet container are in the hub's error shape too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    AuthSettings.class,
    RateLimitSettings.class,
    TokenLimitSettings.class,
    MetricsSettings.class
})
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder(MeterRegistry meters) {
        return new CountingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(), meters);
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(RefusalCounts refusals) {
        return new RejectedRequests(refusals);
    }

    /** Spring's default firewall, with its header tests written without regular expressions ({@link HeaderCharacters}). */
    @Bean
    HttpFirewall firewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedValue);
        return firewall;
    }

    /**
     * No observations of Spring Security's filters, authentications and authorisations: each filter of the
     * chain was wrapped in an observation even with their recording switched off, a sixth of a create's
     * CPU at first (docs/benchmark.md). The HTTP server's observation and its metrics stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Tomcat's own refusals in the hub's shape: this valve replaces the host's error report valve. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerRefusals(RefusalCounts refusals, Doors doors) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        for (var valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.getPipeline().addValve(new ContainerRefusals(refusals, doors));
                        host.setErrorReportValveClass(ContainerRefusals.class.getName());
                    }
                });
            }
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(
            HttpSecurity http,
            JwtDecoder jwtDecoder,
            TechnicalUsers technicalUsers,
            RateLimitSettings rateLimit,
            JdbcClient jdbc)
            throws Exception {
        var errors = new ErrorAnswers();
        var limits = new SharedRateLimit(
                new LeasedBuckets(
                        jdbc, "client:", rateLimit.requestsPerSecond(), rateLimit.burst(), rateLimit.leaseFraction()),
                new LeasedBuckets(
                        jdbc,
                        "participant:",
                        rateLimit.participantRequestsPerSecond(),
                        rateLimit.participantBurst(),
                        rateLimit.leaseFraction()));
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/api/operator/**")
                        .hasAuthority(Permission.HUB_OPERATOR.name())
                        .requestMatchers("/api/participant/**")
                        .hasAuthority(Permission.ADMIN.name())
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> jwt.decoder(jwtDecoder)
                                .jwtAuthenticationConverter(new TechnicalUserTokens(technicalUsers)))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .withObjectPostProcessor(answeringEveryFailure(errors)))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .addFilterBefore(new AuditedClient(), AuthorizationFilter.class)
                .addFilterAfter(limits, AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Spring's bearer-token filter rethrows an {@link org.springframework.security.authentication.AuthenticationServiceException}
     * (the issuer's key set or the register of technical users cannot be read) instead of answering
     * it, which ended as a 500; so every failure goes to {@link ErrorAnswers}, which answers those with 503.
     */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> answeringEveryFailure(ErrorAnswers errors) {
        var failures = new AuthenticationEntryPointFailureHandler(errors);
        failures.setRethrowAuthenticationServiceException(false);
        return new ObjectPostProcessor<>() {
            @Override
            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                filter.setAuthenticationFailureHandler(failures);
                return filter;
            }
        };
    }

    /** The login provider's back-channel logouts ({@link ProviderLogouts}), before the web interface's chain. */
    @Bean
    @Order(-2)
    SecurityFilterChain providerLogoutChain(
            HttpSecurity http,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<FindByIndexNameSessionRepository<?>> sessions)
            throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, ProviderLogouts.PATH))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .addFilterBefore(new ProviderLogouts(registrations, sessions), AuthorizationFilter.class);
        return http.build();
    }

    /** The actuator but its health probes: {@link MetricsAccess}, on whichever port the actuator is served. */
    @Bean
    @Order(2)
    SecurityFilterChain metricsChain(
            HttpSecurity http, MetricsSettings settings, JwtDecoder jwtDecoder, TechnicalUsers technicalUsers)
            throws Exception {
        http.securityMatcher(MetricsAccess::isProtected)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .addFilterBefore(new MetricsAccess(settings, jwtDecoder, technicalUsers), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain openChain(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
        return http.build();
    }

    /**
     * Verifies tokens: signature by the issuer's key, then {@link TokenClaimsValidator} (issuer exactly,
     * expiry required, audience). The {@code iss} claim is kept as written: Spring's default converts it
     * to a URL and back, which lower-cases the scheme and so let {@code HTTP://…} pass for {@code http://…}.
     */
    static JwtDecoder verifying(NimbusJwtDecoder nimbus, AuthSettings settings, Clock clock) {
        nimbus.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of("iss", claim -> claim)));
        nimbus.setJwtValidator(new TokenClaimsValidator(settings.issuer(), settings.audience(), clock));
        return new VerifiedTokens(new CodedJwtDecoder(nimbus, new HashSet<>(settings.algorithms())), clock);
    }

    /** The default start: the hub issues client-credentials tokens for its technical users itself. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "hub.auth.embedded-issuer", havingValue = "true", matchIfMissing = true)
    static class EmbeddedIssuer {

        static final String TOKEN_ENDPOINT = "/oauth2/token";
        static final String JWK_SET_ENDPOINT = "/oauth2/jwks";
        static final String AUTHORIZATION_ENDPOINT = "/oauth2/authorize";

        private static final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> EXACT_REDIRECT_URI =
                AuthorizationEndpointGuard::exactRedirectUri;

        @Bean
        SigningKeys signingKeys(JdbcClient jdbc, Clock clock) {
            return new SigningKeys(jdbc, clock);
        }

        @Bean
        JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
            return (selector, context) -> selector.select(new JWKSet(keys.current()));
        }

        @Bean
        JwtDecoder jwtDecoder(SigningKeys keys, AuthSettings settings, Clock clock) {
            // Built on first use: the key is read from the database, after the migrations have run.
            var verifying = new AtomicReference<JwtDecoder>();
            return token -> {
                if (verifying.get() == null) {
                    verifying.compareAndSet(
                            null,
                            verifying(
                                    NimbusJwtDecoder.withPublicKey(keys.publicKey())
                                            .signatureAlgorithm(SignatureAlgorithm.RS256)
                                            .build(),
                                    settings,
                                    clock));
                }
                return verifying.get().decode(token);
            };
        }

        @Bean
        RegisteredClientRepository registeredClientRepository(
                TechnicalUsers technicalUsers, AuthSettings settings, HubWebClient webClient) {
            return new HubClients(webClient, new TechnicalUserClients(technicalUsers, settings.tokenTtl()));
        }

        @Bean
        OAuth2AuthorizationService authorizationService(
                JdbcOperations jdbc, RegisteredClientRepository clients, Clock clock) {
            return new WebLoginAuthorizations(jdbc, clients, clock);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings(AuthSettings settings) {
            return AuthorizationServerSettings.builder()
                    .issuer(settings.issuer())
                    .build();
        }

        /**
         * Keycloak-shaped claims: {@code azp} and {@code client_id} name the client, {@code aud} the hub.
         * The web interface's tokens keep their own audience (the web client), so that the API refuses
         * them; its id token names the person ({@code name}).
         */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(AuthSettings settings, People people) {
            return context -> {
                var clientId = context.getRegisteredClient().getClientId();
                if (HubWebClient.isWebClient(clientId)) {
                    if (OidcParameterNames.ID_TOKEN.equals(
                            context.getTokenType().getValue())) {
                        people.find(context.getPrincipal().getName())
                                .ifPresent(person -> context.getClaims().claim(StandardClaimNames.NAME, person.name()));
                    }
                    context.getJwsHeader().algorithm(SignatureAlgorithm.RS256);
                    return;
                }
                context.getClaims().claim("azp", clientId).claim("client_id", clientId);
                if (!settings.audience().isBlank()) {
                    context.getClaims().audience(List.of(settings.audience()));
                }
                context.getJwsHeader().algorithm(SignatureAlgorithm.RS256);
            };
        }

        /**
         * Only what the hub's clients use: the token endpoint (client credentials for technical users; the
         * authorization code with PKCE for the web interface's one client), the authorization endpoint
         * (a person's browser, sent to the provider's login page) and the key set; its metadata is
         * {@link IssuerMetadata}. The authorization server's other endpoints (device flow,
         * introspection, revocation, OpenID Connect discovery and user info) are not routed here, so
         * they are plain 404s.
         */
        @Bean
        @Order(1)
        SecurityFilterChain tokenEndpointChain(
                HttpSecurity http,
                RegisteredClientRepository clients,
                PasswordEncoder passwords,
                TokenLimitSettings limits,
                PreAuthLimitSettings webLoginLimits,
                AuditLog auditLog,
                RefusalCounts refusals,
                TechnicalUsers technicalUsers,
                HubWebClient webClient,
                WebAddresses addresses)
                throws Exception {
            var authorizations = new AuthorizationEndpointGuard(webClient);
            http.securityMatcher(new OrRequestMatcher(
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, TOKEN_ENDPOINT),
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, JWK_SET_ENDPOINT),
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, AUTHORIZATION_ENDPOINT),
                    PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, AUTHORIZATION_ENDPOINT)));
            http.oauth2AuthorizationServer(authorizationServer -> authorizationServer
                    // OpenID Connect: the web interface's code brings an id token naming the person. Its
                    // other endpoints (discovery, user info, logout) are outside this chain's matcher: 404.
                    .oidc(Customizer.withDefaults())
                    .authorizationEndpoint(endpoint -> endpoint.errorResponseHandler(authorizations)
                            .authenticationProviders(providers -> providers.forEach(provider -> {
                                if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                                    codes.setAuthenticationValidator(EXACT_REDIRECT_URI.andThen(
                                            OAuth2AuthorizationCodeRequestAuthenticationValidator
                                                    .DEFAULT_SCOPE_VALIDATOR));
                                }
                            })))
                    .clientAuthentication(authentication -> authentication.authenticationProviders(providers ->
                            providers.replaceAll(provider -> provider instanceof ClientSecretAuthenticationProvider
                                    ? new EqualCostClientSecrets(provider, clients, passwords)
                                    : provider))));
            http.authorizeHttpRequests(authorize -> authorize
                            .requestMatchers(HttpMethod.GET, JWK_SET_ENDPOINT)
                            .permitAll()
                            .anyRequest()
                            .authenticated())
                    .csrf(csrf -> csrf.disable())
                    // A person's browser at the authorization endpoint: sent to the login page, and back
                    // once logged in there (EmbeddedWebLogin). Token requests create no session.
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                    .securityContext(context -> context.securityContextRepository(EmbeddedWebLogin.providerLogins()))
                    .requestCache(cache -> cache.requestCache(EmbeddedWebLogin.interruptedAuthorizations(addresses)))
                    .exceptionHandling(exceptions -> exceptions
                            .defaultAuthenticationEntryPointFor(
                                    new LoginUrlAuthenticationEntryPoint(EmbeddedWebLogin.LOGIN_PAGE),
                                    EmbeddedWebLogin.browserAtTheAuthorizationEndpoint())
                            .defaultAuthenticationEntryPointFor(new ErrorAnswers(), request -> true))
                    .addFilterBefore(
                            new TokenEndpointGuard(limits, webLoginLimits, auditLog, refusals, technicalUsers),
                            AbstractPreAuthenticatedProcessingFilter.class)
                    .addFilterBefore(authorizations, AbstractPreAuthenticatedProcessingFilter.class);
            return http.build();
        }
    }

    /** Production: tokens from an external OpenID Connect issuer (e.g. Keycloak), keys from its JWK set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "hub.auth.embedded-issuer", havingValue = "false")
    static class ExternalIssuer {

        @Bean
        JwtDecoder jwtDecoder(AuthSettings settings, Clock clock) {
            var builder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri());
            settings.algorithms().forEach(alg -> builder.jwsAlgorithm(SignatureAlgorithm.from(alg)));
            return verifying(builder.build(), settings, clock);
        }
    }
}
