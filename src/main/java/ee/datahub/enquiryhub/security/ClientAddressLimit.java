package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The pre-authentication limit ({@link PreAuthLimitSettings}): API requests beyond their client
 * address's allowance get 429 rate-limit-exceeded before their token is even parsed. Inside the audit
 * filter, which counts these refusals per source and minute rather than logging each.
 */
@Component
@Order(-150)
@EnableConfigurationProperties(PreAuthLimitSettings.class)
class ClientAddressLimit extends OncePerRequestFilter {

    private final LocalBuckets addresses;

    ClientAddressLimit(PreAuthLimitSettings settings) {
        this.addresses = new LocalBuckets(settings.requestsPerSecond(), settings.burst(), settings.maxAddresses());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !addresses.enabled()
                || !request.getRequestURI()
                        .substring(request.getContextPath().length())
                        .startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var address = TraceIdFilter.clientAddressOf(request);
        long wait = addresses.take(address);
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            ErrorResponses.writeUnlogged(
                    request,
                    response,
                    new HubException(
                            ErrorCode.RATE_LIMIT_EXCEEDED,
                            "Too many requests from " + address + "; retry after " + wait + " s",
                            "clientAddress",
                            address,
                            Long.toString(wait)));
            return;
        }
        chain.doFilter(request, response);
    }
}
