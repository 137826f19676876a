package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request with more than one {@code Authorization} header is refused (400 malformed-request) before
 * anything reads one of them: which credential it means is ambiguous, and the parts of the hub (and the
 * proxies in front of it) would not all pick the same. Inside the audit filter, which counts the refusals.
 */
@Component
@Order(-160)
class SingleAuthorization extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
        if (headers != null && headers.hasMoreElements()) {
            headers.nextElement();
            if (headers.hasMoreElements()) {
                ErrorResponses.writeUnlogged(
                        request,
                        response,
                        new HubException(
                                ErrorCode.MALFORMED_REQUEST,
                                "The request has more than one Authorization header; send exactly one",
                                "Authorization"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
