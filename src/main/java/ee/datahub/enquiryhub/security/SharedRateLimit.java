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
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The authenticated API's rate limits, shared by every hub instance ({@link LeasedBuckets}): each
 * technical user ({@code hub.rate-limit.requests-per-second}, {@code burst}) and each participant, all
 * its technical users together ({@code participant-requests-per-second}, {@code participant-burst}).
 * Beyond either, 429 rate-limit-exceeded with {@code Retry-After}; counted, not logged per request.
 * Runs after authentication, inside the API filter chain.
 */
final class SharedRateLimit extends OncePerRequestFilter {

    private final LeasedBuckets clients;
    private final LeasedBuckets participants;

    SharedRateLimit(LeasedBuckets clients, LeasedBuckets participants) {
        this.clients = clients;
        this.participants = participants;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ApiClient client) {
            long wait;
            String limited;
            String what = "clientId";
            try {
                wait = clients.take(client.clientId());
                limited = client.clientId();
                var participant = client.user().participant();
                if (wait == 0 && participant.isPresent()) {
                    wait = participants.take(participant.get().value());
                    limited = participant.get().value();
                    what = "participant";
                }
            } catch (DataAccessException unreachable) {
                ErrorResponses.write(
                        request,
                        response,
                        new HubException(
                                ErrorCode.SERVICE_UNAVAILABLE,
                                "The hub cannot reach its database right now; try again shortly"));
                return;
            }
            if (wait > 0) {
                response.setHeader("Retry-After", Long.toString(wait));
                ErrorResponses.writeUnlogged(
                        request,
                        response,
                        new HubException(
                                ErrorCode.RATE_LIMIT_EXCEEDED,
                                "Too many requests from " + limited + "; retry after " + wait + " s",
                                what,
                                limited,
                                Long.toString(wait)));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
