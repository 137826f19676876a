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
 * A bound on the API requests one instance works on at once ({@link CapacitySettings}). Requests run on
 * virtual threads, so the server accepts every connection: without a bound, an overload queued without
 * end for database connections, each waiter holding its request in memory, and every one of them was
 * answered late. With it, a request waits at most {@code queue-wait} for a place and is otherwise
 * answered 503 service-unavailable with {@code Retry-After: 1} at once, having done nothing (a write
 * retried with the same document id is written once); the instance's memory stays flat and the requests
 * it takes are served at its normal speed. The bound is the instance's own capacity, so it is kept in
 * the instance. Inside the audit filter, which counts these refusals per source and minute.
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

    /** A long-poll of the v2 feed: it waits without a thread or a connection, and must not take a place meanwhile. */
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
