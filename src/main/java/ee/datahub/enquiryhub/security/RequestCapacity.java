package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A bound on the API requests one instance works on at once ({@link CapacitySettings}): a request waits at
 * most {@code queue-wait} for a place, else is answered 503 with {@code Retry-After: 1} at once, having done
 * nothing. Virtual threads accept every connection: without the bound an overload queued without end for
 * database connections. It is the instance's own capacity, so it is kept in the instance; it runs inside the
 * audit filter, which counts these refusals (docs/operations.md, section 12 "Limits").
 */
@Component
@Order(-140)
@EnableConfigurationProperties(CapacitySettings.class)
class RequestCapacity extends OncePerRequestFilter {

    private final Semaphore places;
    private final long waitNanos;

    RequestCapacity(CapacitySettings settings) {
        this.places = settings.maxConcurrentRequests() == 0 ? null : new Semaphore(settings.maxConcurrentRequests());
        this.waitNanos = settings.queueWait().toNanos();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return places == null || !path.startsWith("/api/") || waitsForChanges(request);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    // a v2 long-poll waits without a thread or a connection: it must not hold a place meanwhile
    private static boolean waitsForChanges(HttpServletRequest request) {
        if (!request.getRequestURI().endsWith("/changes")) {
            return false; // and no other request's parameters are parsed here (a form body would be read)
        }
        var wait = request.getParameter("wait");
        return wait != null && !wait.isEmpty() && !"0".equals(wait);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean placed;
        try {
            placed = places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            placed = false;
        }
        if (!placed) {
            response.setHeader("Retry-After", "1");
            ErrorResponses.writeUnlogged(
                    request,
                    response,
                    new HubException(
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "The hub is serving as many requests as it can right now; nothing was done, try again in a second"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }
}
