package ee.datahub.enquiryhub.error;

import ee.datahub.enquiryhub.platform.DatabaseProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is known to be down ({@link DatabaseProbe}), API and token requests are answered
 * 503 at once, without waiting for the pool's timeout; the probe logs the outage once. A request that
 * meets the outage before the probe does (a failover: a filter's session or audit read fails) gets
 * 503 with {@code Retry-After} too, never a 500. The gate opens with the next good probe.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseGate extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGate.class);

    private final DatabaseProbe probe;

    DatabaseGate(DatabaseProbe probe) {
        this.probe = probe;
    }

    private static boolean gated(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/oauth2/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!probe.reachable() && gated(request)) {
            unavailable(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (response.isCommitted() || !DatabaseFailures.unavailable(e)) {
                throw e;
            }
            log.warn(
                    "{} {}: the database was unavailable ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.getClass().getSimpleName());
            response.resetBuffer();
            unavailable(request, response);
        }
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        ErrorResponses.writeUnlogged(
                request,
                response,
                new HubException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "The hub cannot reach its database right now; try again shortly"));
    }
}
