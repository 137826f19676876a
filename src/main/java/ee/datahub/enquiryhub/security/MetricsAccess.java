package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The actuator's endpoints other than health ({@link MetricsSettings}): open to this machine where so
 * configured, else to a bearer token that is the scrape token (compared in constant time) or the hub
 * operator's; 401 without either, 403 for another technical user's token. Wherever the actuator is
 * served: on the hub's port or on its own management port.
 */
final class MetricsAccess extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final MetricsSettings settings;
    private final JwtDecoder tokens;
    private final TechnicalUsers technicalUsers;

    MetricsAccess(MetricsSettings settings, JwtDecoder tokens, TechnicalUsers technicalUsers) {
        this.settings = settings;
        this.tokens = tokens;
        this.technicalUsers = technicalUsers;
    }

    /** The actuator's endpoints but its health probes (which load balancers read without credentials). */
    static boolean isProtected(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/actuator")
                && !path.equals("/actuator/health")
                && !path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (settings.openOnLoopback() && isLoopback(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, "The metrics need a bearer token: the scrape token or the hub operator's");
            return;
        }
        var token = header.substring(BEARER.length()).strip();
        if (!settings.scrapeToken().isEmpty()
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8),
                        settings.scrapeToken().getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        boolean hubOperator;
        try {
            var jwt = tokens.decode(token);
            hubOperator = Stream.of(jwt.getClaimAsString("azp"), jwt.getClaimAsString("client_id"))
                    .filter(id -> id != null && !id.isBlank())
                    .findFirst()
                    .flatMap(technicalUsers::active)
                    .filter(user -> user.permissions().contains(Permission.HUB_OPERATOR))
                    .isPresent();
        } catch (RuntimeException notOurs) {
            // not a token at all, another issuer's, expired, or the issuer's keys out of reach
            refuse(request, response, "The bearer token is neither the scrape token nor a valid token of the hub");
            return;
        }
        if (!hubOperator) {
            ErrorResponses.write(
                    request,
                    response,
                    new HubException(
                            ErrorCode.INSUFFICIENT_PERMISSION,
                            "Only the hub operator and the metrics scraper read the metrics",
                            "permission"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ErrorResponses.writeUnlogged(
                request, response, new HubException(ErrorCode.AUTHENTICATION, message, "Authorization"));
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            // an address as Tomcat reports it (never a name, so no lookup)
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
