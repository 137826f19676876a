package ee.datahub.enquiryhub.error;

import ee.datahub.enquiryhub.platform.DatabaseProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is known to be down ({@link DatabaseProbe}), API and token requests are answered
 * 503 service-unavailable at once, without waiting for the connection pool's timeout: a client learns
 * of the outage in milliseconds and a flood of retries costs nothing. Not logged per request (the
 * probe logs the outage once). Recovery needs no one: the gate opens with the next good probe.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseGate extends OncePerRequestFilter {

    private final DatabaseProbe probe;

    DatabaseGate(DatabaseProbe probe) {
        this.probe = probe;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/oauth2/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (probe.reachable()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", "1");
        ErrorResponses.writeUnlogged(
                request,
                response,
                new HubException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "The hub cannot reach its database right now; try again shortly"));
    }
}
