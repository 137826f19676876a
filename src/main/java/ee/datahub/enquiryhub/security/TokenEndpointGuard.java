package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * In front of the embedded issuer's token endpoint: limits machine clients' attempts per address and
 * client id ({@link TokenLimitSettings}; 429 with {@code Retry-After}), the web login's code exchanges
 * (no secret to check, each code once) only per address as generously as any API request; records every
 * outcome, an issued token as an audit entry (never the secret), a refusal as a counted one with its
 * OAuth error. A token whose issuance cannot be audited is not handed out (503).
 */
final class TokenEndpointGuard extends OncePerRequestFilter {

    static final String ACTION = "POST /oauth2/token";

    private static final Logger log = LoggerFactory.getLogger(TokenEndpointGuard.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalBuckets addresses;
    private final LocalBuckets clients;
    private final LocalBuckets webLogins;
    private final AuditLog auditLog;
    private final RefusalCounts refusals;
    private final TechnicalUsers technicalUsers;

    TokenEndpointGuard(
            TokenLimitSettings settings,
            PreAuthLimitSettings webLoginSettings,
            AuditLog auditLog,
            RefusalCounts refusals,
            TechnicalUsers technicalUsers) {
        this.addresses = new LocalBuckets(settings.addressRequestsPerSecond(), settings.addressBurst(), 100_000);
        this.clients = new LocalBuckets(settings.clientRequestsPerSecond(), settings.clientBurst(), 100_000);
        this.webLogins = new LocalBuckets(
                webLoginSettings.requestsPerSecond(), webLoginSettings.burst(), webLoginSettings.maxAddresses());
        this.auditLog = auditLog;
        this.refusals = refusals;
        this.technicalUsers = technicalUsers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && "/oauth2/token"
                        .equals(request.getRequestURI()
                                .substring(request.getContextPath().length())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var address = TraceIdFilter.clientAddressOf(request);
        var clientId = clientIdOf(request);
        long wait;
        if (isWebLogin(request, clientId)) {
            // People's logins do not queue behind machine clients' limits: the web client is public (no
            // secret costs a bcrypt check here) and a code works once; guessing is limited at the login form.
            wait = webLogins.take(address);
        } else {
            wait = addresses.take(address);
            if (wait == 0 && clientId.isPresent()) {
                wait = clients.take(clientId.get());
            }
        }
        if (wait > 0) {
            refusals.count(request, clientId.orElse(null), ErrorCode.RATE_LIMIT_EXCEEDED.code());
            response.setHeader("Retry-After", Long.toString(wait));
            ErrorResponses.writeUnlogged(
                    request,
                    response,
                    new HubException(
                            ErrorCode.RATE_LIMIT_EXCEEDED,
                            "Too many token requests; retry after " + wait + " s",
                            "client_id",
                            clientId.orElse(""),
                            Long.toString(wait)));
            return;
        }
        var buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        } finally {
            record(request, buffered, clientId);
            buffered.copyBodyToResponse();
        }
    }

    private void record(HttpServletRequest request, ContentCachingResponseWrapper response, Optional<String> clientId)
            throws IOException {
        if (response.getStatus() != 200) {
            refusals.count(request, clientId.orElse(null), "oauth2." + oauthError(response));
            return;
        }
        try {
            var participant = clientId.flatMap(technicalUsers::active)
                    .flatMap(user -> user.participant())
                    .map(Eic::value);
            var trail = AuditTrail.of(request)
                    .request(TraceIdFilter.requestIdOf(request), TraceIdFilter.clientAddressOf(request))
                    .client(clientId.orElse(null), participant.orElse(null))
                    .action(ACTION)
                    .viewed();
            auditLog.append(trail, TraceIdFilter.traceIdOf(request), ACTION, 200);
        } catch (RuntimeException e) {
            log.error("Could not audit a token issuance; withholding the token: {}", e.toString());
            response.resetBuffer();
            ErrorResponses.write(
                    request,
                    response,
                    new HubException(
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "The hub cannot record this token issuance right now; try again shortly"));
        }
    }

    private static String oauthError(ContentCachingResponseWrapper response) {
        try {
            var error = JSON.readTree(response.getContentAsByteArray()).get("error");
            if (error != null && error.isString() && error.stringValue().matches("[a-z_]{1,40}")) {
                return error.stringValue();
            }
        } catch (RuntimeException notJson) {
            // fall through: name the status instead
        }
        return String.valueOf(response.getStatus());
    }

    private static boolean isWebLogin(HttpServletRequest request, Optional<String> clientId) {
        return clientId.filter(HubWebClient::isWebClient).isPresent()
                && request.getHeader("Authorization") == null
                && "authorization_code".equals(request.getParameter("grant_type"));
    }

    /** The client id the request claims: HTTP Basic (form-url-encoded, RFC 6749 §2.3.1) or the client_id field. */
    static Optional<String> clientIdOf(HttpServletRequest request) {
        var authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                var decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(fitted(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8)));
                }
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
            return Optional.empty();
        }
        return Optional.ofNullable(request.getParameter("client_id"))
                .filter(id -> !id.isBlank())
                .map(TokenEndpointGuard::fitted);
    }

    private static String fitted(String clientId) {
        return clientId.length() <= 100 ? clientId : clientId.substring(0, 100);
    }
}
