package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.security.WebPageHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The chain of the pages email links lead to ({@code /mail/**}): no login and no session, the pages'
 * security headers, and no CSRF token — the signed link in the path is the credential, and a mail
 * client's one-click unsubscribe (RFC 8058) posts without one.
 */
@Configuration(proxyBeanMethods = false)
class MailLinkSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain mailLinkChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/mail/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
        WebPageHeaders.apply(http);
        return http.build();
    }
}
