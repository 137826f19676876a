package ee.datahub.enquiryhub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the username typed into the embedded provider's login form in the session (before the
 * provider checks it), so that the form shown after a failed login has it filled in again; only the
 * password is to be typed anew. The login page takes it out when it shows it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.auth.embedded-issuer", havingValue = "true", matchIfMissing = true)
class LoginFormMemory {

    private static final String ATTRIBUTE = LoginFormMemory.class.getName() + ".username";
    // the people register's subject length: no username is longer
    private static final int MAX_LENGTH = 200;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> loginFormMemoryFilter() {
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var typed = request.getParameter("username");
                if (typed != null && typed.length() <= MAX_LENGTH) {
                    request.getSession().setAttribute(ATTRIBUTE, typed.strip());
                }
                chain.doFilter(request, response);
            }

            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"POST".equals(request.getMethod()) || !"/idp/login".equals(request.getRequestURI());
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.addUrlPatterns("/idp/login");
        // after the session store's filter (the session in PostgreSQL), before Spring Security's chain,
        // which answers the login post itself
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1000);
        return registration;
    }

    /** The username typed at the last failed login of this session, taken out of it. */
    static Optional<String> takeTyped(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        var typed = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return typed instanceof String text ? Optional.of(text) : Optional.empty();
    }
}
