package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Names the authenticated technical user in the request's audit entry, whatever the request is. */
final class AuditedClient extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ApiClient client) {
            AuditTrail.of(request)
                    .client(
                            client.clientId(),
                            client.user().participant().map(Eic::value).orElse(null));
        }
        chain.doFilter(request, response);
    }
}
