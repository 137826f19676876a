package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.person.People;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.function.SingletonSupplier;

/**
 * The default start's login for people: the embedded provider's login form (the page is the web
 * interface's {@code ProviderLoginPage}; failed logins limited by {@link LoginAttempts}), and the hub's
 * web interface as the provider's client. The login at the provider is kept in the session under its own
 * key, apart from the web interface's (which the provider's id token establishes), so each side sees only
 * its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.auth.embedded-issuer", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(LoginLimitSettings.class)
class EmbeddedWebLogin {

    static final String LOGIN_PAGE = "/idp/login";
    private static final String CONTEXT_KEY = "ee.datahub.enquiryhub.security.EMBEDDED_PROVIDER_LOGIN";

    /** Where the provider keeps who logged in at its login page: the session, under its own key. */
    static SecurityContextRepository providerLogins() {
        var repository = new HttpSessionSecurityContextRepository();
        repository.setSpringSecurityContextKey(CONTEXT_KEY);
        return repository;
    }

    /**
     * The authorization request the login page interrupted, resumed after the login. Only a browser's
     * request to the authorization endpoint is kept (a session is created for nothing else), on the hub's
     * own address ({@link WebAddresses#canonical}).
     */
    static RequestCache interruptedAuthorizations(WebAddresses addresses) {
        var cache = new HttpSessionRequestCache() {
            @Override
            public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
                super.saveRequest(addresses.canonical(request), response);
            }
        };
        cache.setMatchingRequestParameterName(null);
        cache.setRequestMatcher(browserAtTheAuthorizationEndpoint());
        return cache;
    }

    /**
     * A person's browser at the authorization endpoint (it asks for HTML by name): sent to the login
     * page. Anything else the provider refuses the OAuth2 way (a token request without a client, say).
     */
    static RequestMatcher browserAtTheAuthorizationEndpoint() {
        var html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return new AndRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/oauth2/authorize"), html);
    }

    @Bean
    HubWebClient hubWebClient(WebAddresses addresses) {
        return new HubWebClient(addresses);
    }

    /** The demo people's logins (the embedded provider's only users). */
    @Bean
    UserDetailsService embeddedPeople(People people) {
        return username -> people.embeddedLogin(username)
                .map(login -> User.withUsername(login.username())
                        .password(login.passwordHash())
                        .authorities("PERSON")
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such person"));
    }

    /**
     * The web interface's side: its one registration, the embedded provider. The browser is sent to the
     * provider's authorization endpoint on the host it already uses; the code is exchanged and the id
     * token verified over this instance's own port.
     */
    @Bean
    ClientRegistrationRepository clientRegistrations(HubWebClient webClient, AuthSettings settings) {
        var registration =
                SingletonSupplier.of(() -> ClientRegistration.withRegistrationId(HubWebClient.REGISTRATION_ID)
                        .clientId(HubWebClient.CLIENT_ID)
                        .clientName("Enquiry hub")
                        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .redirectUri("{baseUrl}" + HubWebClient.REDIRECT_PATH)
                        .scope(OidcScopes.OPENID, OidcScopes.PROFILE)
                        .authorizationUri("/oauth2/authorize")
                        .tokenUri(webClient.localUrl() + "/oauth2/token")
                        .jwkSetUri(webClient.localUrl() + "/oauth2/jwks")
                        .issuerUri(settings.issuer())
                        .userNameAttributeName(IdTokenClaimNames.SUB)
                        .build());
        return registrationId -> HubWebClient.REGISTRATION_ID.equals(registrationId) ? registration.get() : null;
    }

    /** The provider's login page and its form. */
    @Bean
    @Order(0)
    SecurityFilterChain embeddedProviderLoginChain(
            HttpSecurity http,
            UserDetailsService embeddedPeople,
            WebAddresses addresses,
            JdbcClient jdbc,
            LoginLimitSettings limits,
            RefusalCounts refusals,
            PasswordEncoder passwords)
            throws Exception {
        var interrupted = interruptedAuthorizations(addresses);
        var resumed = new SavedRequestAwareAuthenticationSuccessHandler();
        resumed.setRequestCache(interrupted);
        var attempts = new LoginAttempts(jdbc, limits, refusals, LOGIN_PAGE);
        // Its own manager without a parent: a failure was checked a second time by the global one.
        var checked = new DaoAuthenticationProvider(embeddedPeople);
        checked.setPasswordEncoder(passwords);
        http.securityMatcher("/idp/**")
                .authenticationManager(new ProviderManager(checked))
                .securityContext(context -> context.securityContextRepository(providerLogins()))
                .requestCache(cache -> cache.requestCache(interrupted))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .formLogin(form -> form.loginPage(LOGIN_PAGE)
                        .loginProcessingUrl(LOGIN_PAGE)
                        .successHandler(attempts.onSuccess(resumed))
                        .failureHandler(
                                attempts.onFailure(new SimpleUrlAuthenticationFailureHandler(LOGIN_PAGE + "?error"))))
                // failed logins limited per username and address, before the password is looked at
                .addFilterBefore(attempts, UsernamePasswordAuthenticationFilter.class)
                // A login form whose CSRF token expired with its session: a fresh form, saying so.
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, denied) ->
                        response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?expired")));
        WebPageHeaders.apply(http);
        return http.build();
    }
}
