package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.security.WebAddresses;
import ee.datahub.enquiryhub.security.WebLoginRedirects;
import ee.datahub.enquiryhub.security.WebPageHeaders;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * The web interface's own filter chain, before the API's and the open one, for {@code /web/**} only:
 * login through OpenID Connect (authorization code with PKCE; the embedded provider by default, any
 * provider by configuration), CSRF protection on every form, sessions in PostgreSQL (Spring Session,
 * so any instance serves any person; the session id changes at login), the page headers of
 * {@link WebPageHeaders}, and logout.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    static final String LOGIN = "/web/oauth2/authorization/hub";

    @Bean
    @Order(-1)
    SecurityFilterChain webChain(
            HttpSecurity http,
            ObjectProvider<ClientRegistrationRepository> configured,
            Visitors visitors,
            RefusalPage refusals,
            WebAddresses addresses,
            @Value("${hub.web.provider-origin:}") String providerOrigin)
            throws Exception {
        var registrations = configured.getIfAvailable();
        if (registrations == null) {
            // An external issuer without a web login configured (docs/operations.md): no web interface.
            http.securityMatcher("/web/**")
                    .authorizeHttpRequests(authorize -> authorize.anyRequest().denyAll())
                    .exceptionHandling(exceptions ->
                            exceptions.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.NOT_FOUND)));
            return http.build();
        }
        // PKCE for every provider; redirect URIs on the hub's own address, never a forged Host
        var authorizationRequests =
                WebLoginRedirects.authorizationRequests(registrations, "/web/oauth2/authorization", addresses);
        var logoutSuccess = WebLoginRedirects.logoutSuccess(registrations, "/web/signed-out", addresses);

        http.securityMatcher("/web/**")
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/web/signed-out", "/web/login-failed")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2Login(login -> login.loginPage(LOGIN)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri("/web/login/oauth2/code/*"))
                        .defaultSuccessUrl("/web/", true)
                        .failureUrl("/web/login-failed"))
                .exceptionHandling(exceptions -> exceptions
                        // htmx's requests of an expired session get a 401, not a login page to swap in, and
                        // reload the page (htmx's HX-Refresh), which leads the person to log in again
                        .defaultAuthenticationEntryPointFor(
                                (request, response, refused) -> {
                                    response.setHeader(WebAdvice.HX_REFRESH, "true");
                                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                                },
                                new RequestHeaderRequestMatcher("HX-Request"))
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint(LOGIN), request -> true)
                        .accessDeniedHandler(refusals))
                .logout(logout -> logout.logoutUrl("/web/logout")
                        .logoutSuccessHandler(logoutSuccess)
                        .invalidateHttpSession(true)
                        .deleteCookies("SESSION"))
                .addFilterBefore(new AuditedPerson(visitors), AuthorizationFilter.class);
        var formTargets = new ArrayList<String>();
        if (!providerOrigin.isBlank()) {
            formTargets.add(providerOrigin);
        }
        WebPageHeaders.apply(http, formTargets);
        return http.build();
    }
}
