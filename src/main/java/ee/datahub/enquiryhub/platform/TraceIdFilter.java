package ee.datahub.enquiryhub.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names every request before anything else runs. Its trace id is the caller's {@code x-b3-traceid}
 * when that is a well-formed B3 id (16 or 32 lower-case hex digits), otherwise a fresh one; since a
 * caller may reuse any id, even another's, the hub also gives each request its own request id, which
 * no caller chooses: answered as {@code x-request-id}, stored in the audit log. Both are in every log
 * line of the request (MDC {@code traceId}, {@code requestId}) and the trace id in every error answer.
 * The client's address ({@link ClientAddressSettings}) is resolved here once too, and a request that
 * carries {@code X-Forwarded-For} while no proxy is trusted is warned of loudly (once an hour).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnableConfigurationProperties(ClientAddressSettings.class)
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String ATTRIBUTE = TraceIdFilter.class.getName() + ".traceId";
    public static final String REQUEST_ID_HEADER = "x-request-id";
    private static final String REQUEST_ID = TraceIdFilter.class.getName() + ".requestId";
    private static final String CLIENT_ADDRESS = TraceIdFilter.class.getName() + ".clientAddress";
    private static final Pattern B3_TRACE_ID = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");
    /** What an address may look like (IPv4, IPv6, with port or zone); anything else is not used. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]%]{2,60}");

    private static final Logger log = LoggerFactory.getLogger(TraceIdFilter.class);
    private static final long WARN_AGAIN_AFTER = TimeUnit.HOURS.toNanos(1);

    private final int trustedProxyHops;
    private final AtomicLong forwardedWarnedAt = new AtomicLong();
    private final AtomicLong forwardedIgnored = new AtomicLong();

    TraceIdFilter(ClientAddressSettings settings) {
        this.trustedProxyHops = settings.trustedProxyHops();
    }

    /** The trace id of the request being served. */
    public static String traceIdOf(HttpServletRequest request) {
        var id = request.getAttribute(ATTRIBUTE);
        return id == null ? newId() : id.toString();
    }

    /** The hub's own id of the request being served (empty when it did not pass this filter). */
    public static String requestIdOf(HttpServletRequest request) {
        var id = request.getAttribute(REQUEST_ID);
        return id == null ? "" : id.toString();
    }

    /** The client's address as resolved for this request (the TCP peer when it did not pass this filter). */
    public static String clientAddressOf(HttpServletRequest request) {
        var address = request.getAttribute(CLIENT_ADDRESS);
        return address == null ? String.valueOf(request.getRemoteAddr()) : address.toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var given = request.getHeader("x-b3-traceid");
        var traceId = given != null && B3_TRACE_ID.matcher(given).matches() ? given : newId();
        var requestId = newId();
        request.setAttribute(ATTRIBUTE, traceId);
        request.setAttribute(REQUEST_ID, requestId);
        request.setAttribute(CLIENT_ADDRESS, clientAddress(request));
        response.setHeader(REQUEST_ID_HEADER, requestId);
        MDC.put("traceId", traceId);
        MDC.put("requestId", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("traceId");
            MDC.remove("requestId");
        }
    }

    private String clientAddress(HttpServletRequest request) {
        var peer = String.valueOf(request.getRemoteAddr());
        if (trustedProxyHops == 0) {
            if (request.getHeader("X-Forwarded-For") != null) {
                forwardedButNoProxyTrusted(peer);
            }
            return peer;
        }
        var hops = new ArrayList<String>();
        Collections.list(request.getHeaders("X-Forwarded-For"))
                .forEach(header -> java.util.Arrays.stream(header.split(","))
                        .map(String::trim)
                        .forEach(hops::add));
        if (hops.size() < trustedProxyHops) {
            return peer;
        }
        var seen = hops.get(hops.size() - trustedProxyHops);
        return ADDRESS.matcher(seen).matches() ? seen : peer;
    }

    /**
     * Behind a load balancer left at {@code trusted-proxy-hops=0} every client has the balancer's address:
     * they share one per-address limit, and the audit log names the balancer. Said at the first such
     * request, then at most once an hour with the count since.
     */
    private void forwardedButNoProxyTrusted(String peer) {
        long seen = forwardedIgnored.incrementAndGet();
        long now = System.nanoTime();
        long warned = forwardedWarnedAt.get();
        if ((warned == 0 || now - warned > WARN_AGAIN_AFTER) && forwardedWarnedAt.compareAndSet(warned, now)) {
            log.warn(
                    "Requests come with X-Forwarded-For (this one from {}; {} so far), but no proxy is trusted"
                            + " (hub.client-address.trusted-proxy-hops=0): every client behind that proxy has its"
                            + " address, shares one per-address limit and is audited as it. Behind a load balancer"
                            + " that appends to X-Forwarded-For, set HUB_CLIENT_ADDRESS_TRUSTED_PROXY_HOPS to the"
                            + " number of such proxies (docs/operations.md, section 1)",
                    peer,
                    seen);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
