package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guessing at the embedded provider's login form ({@link LoginLimitSettings}): a failure takes one from
 * its username's bucket and its address's, in PostgreSQL ({@code rate_limit_take}); an attempt finding
 * either empty is refused before any password is looked at, alike whether the user exists or not; a
 * success clears its username's. Successes write nothing shared, so an office's logins never queue on
 * their address's bucket; one attempt per username at a time per instance, so its count holds exactly.
 */
final class LoginAttempts extends OncePerRequestFilter {

    private static final int STRIPES = 256;

    private final JdbcClient jdbc;
    private final LoginLimitSettings settings;
    private final RefusalCounts refusals;
    private final String loginPage;
    private final ReentrantLock[] usernames = new ReentrantLock[STRIPES];

    LoginAttempts(JdbcClient jdbc, LoginLimitSettings settings, RefusalCounts refusals, String loginPage) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.refusals = refusals;
        this.loginPage = loginPage;
        for (int i = 0; i < STRIPES; i++) {
            usernames[i] = new ReentrantLock();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && loginPage.equals(request.getRequestURI()
                        .substring(request.getContextPath().length())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var username = usernameKey(request);
        // A lock, not synchronized: requests run on virtual threads, which the database calls would pin.
        var attempt = usernames[Math.floorMod(username.hashCode(), STRIPES)];
        attempt.lock();
        try {
            long wait;
            try {
                wait = Math.max(
                        waitFor(addressKey(request), settings.addressFailuresPerSecond(), settings.addressBurst()),
                        waitFor(username, settings.usernameFailuresPerSecond(), settings.usernameBurst()));
            } catch (DataAccessException unreachable) {
                ErrorResponses.write(
                        request,
                        response,
                        new HubException(
                                ErrorCode.SERVICE_UNAVAILABLE,
                                "The login cannot be checked right now; try again shortly"));
                return;
            }
            if (wait > 0) {
                refusals.count(request, null, "login.locked");
                response.sendRedirect(
                        request.getContextPath() + loginPage + "?locked=" + Math.max(1, (wait + 59) / 60));
                return;
            }
            chain.doFilter(request, response);
        } finally {
            attempt.unlock();
        }
    }

    /** After a login succeeded: its username's failures are forgotten (its address's are not). */
    AuthenticationSuccessHandler onSuccess(AuthenticationSuccessHandler then) {
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            jdbc.sql("delete from rate_limit_bucket where bucket_key = ?")
                    .param(usernameKey(request))
                    .update();
            then.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * After a login failed: one failure from its address's and its username's buckets, and a counted
     * refusal of its source (never with the username, which may be a mistyped password).
     */
    AuthenticationFailureHandler onFailure(AuthenticationFailureHandler then) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            try {
                take(addressKey(request), settings.addressFailuresPerSecond(), settings.addressBurst());
                take(usernameKey(request), settings.usernameFailuresPerSecond(), settings.usernameBurst());
            } catch (DataAccessException unreachable) {
                // the failure is answered all the same; the next attempt finds the database or is a 503
            }
            refusals.count(request, null, "login.failed");
            then.onAuthenticationFailure(request, response, failure);
        };
    }

    /** The whole seconds until the bucket holds a failure's worth again; 0 when it does (read, not taken). */
    private long waitFor(String key, double perSecond, double burst) {
        if (perSecond <= 0) {
            return 0;
        }
        double tokens = jdbc.sql("""
                select least(?, tokens + greatest(0, extract(epoch from clock_timestamp() - refilled_at)) * ?)
                  from rate_limit_bucket where bucket_key = ?
                """)
                .params(burst, perSecond, key)
                .query(Double.class)
                .optional()
                .orElse(burst);
        return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    private void take(String key, double perSecond, double burst) {
        if (perSecond > 0) {
            jdbc.sql("select granted from rate_limit_take(?, ?, ?, 1)")
                    .params(key, perSecond, burst)
                    .query(Integer.class)
                    .single();
        }
    }

    private static String addressKey(HttpServletRequest request) {
        return "login-address:" + TraceIdFilter.clientAddressOf(request);
    }

    /** A hash of the username as typed (trimmed, in lower case): what was typed may be a password. */
    private static String usernameKey(HttpServletRequest request) {
        var username = request.getParameter("username");
        var typed = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(typed.getBytes(StandardCharsets.UTF_8));
            return "login-user:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
