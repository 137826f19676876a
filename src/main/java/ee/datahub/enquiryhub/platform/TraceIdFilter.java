package ee.datahub.enquiryhub.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a trace id before anything else runs: the caller's {@code x-b3-traceid} when it
 * is a valid B3 id, otherwise a fresh one. The id is in every log line of the request (MDC
 * {@code traceId}) and in every error answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String ATTRIBUTE = TraceIdFilter.class.getName() + ".traceId";
    private static final Pattern B3_TRACE_ID = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{32}");

    /** The trace id of the request being served. */
    public static String traceIdOf(HttpServletRequest request) {
        var id = request.getAttribute(ATTRIBUTE);
        return id == null ? newTraceId() : id.toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var given = request.getHeader("x-b3-traceid");
        var traceId = given != null && B3_TRACE_ID.matcher(given).matches() ? given : newTraceId();
        request.setAttribute(ATTRIBUTE, traceId);
        MDC.put("traceId", traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("traceId");
        }
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
