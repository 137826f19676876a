package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each technical user to {@code hub.rate-limit.requests-per-second} API requests on average,
 * with bursts of up to {@code hub.rate-limit.burst}; beyond that a 429 with {@code Retry-After}.
 * Runs after authentication, inside the API filter chain. The buckets are per instance: behind a load
 * balancer of n instances a client may reach up to n times the rate, which is acceptable for a limit
 * that protects the service rather than meters it.
 */
final class RateLimit extends OncePerRequestFilter {

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimit(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        /** Takes one token; returns 0 on success, else the seconds until one is available. */
        synchronized long take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (perSecond > 0 && authentication != null && authentication.getPrincipal() instanceof ApiClient client) {
            long now = System.nanoTime();
            long wait = buckets.computeIfAbsent(client.clientId(), id -> new Bucket(burst, now)).take(perSecond, burst, now);
            if (wait > 0) {
                response.setHeader("Retry-After", Long.toString(wait));
                ErrorResponses.write(request, response, new HubException(ErrorCode.RATE_LIMIT_EXCEEDED,
                        "Too many requests from " + client.clientId() + "; retry after " + wait + " s",
                        "clientId", client.clientId(), Long.toString(wait)));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
