package ee.datahub.enquiryhub.error;

import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub's error bodies: the error response V1 for {@code /api/v1/**}, the flat V2 shape elsewhere.
 * Only the code and trace id are logged; the message may quote personal data and goes to the client only.
 */
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ERROR_CODE = ErrorResponses.class.getName() + ".code";

    private ErrorResponses() {}

    /** The code of the error this request was answered with, if any (for the audit log). */
    public static java.util.Optional<String> errorCodeOf(HttpServletRequest request) {
        return java.util.Optional.ofNullable((String) request.getAttribute(ERROR_CODE));
    }

    /** The V1 body: {@code {"id", "cause": {"message", "code", "traceId", "args"}}}. */
    public static String v1(HubException error, String traceId) {
        var root = JSON.createObjectNode();
        root.put("id", UUID.randomUUID().toString());
        fill(root.putObject("cause"), error, traceId);
        return JSON.writeValueAsString(root);
    }

    /** The V2 body: {@code {"id", "message", "code", "traceId", "args"}}. */
    public static String v2(HubException error, String traceId) {
        var root = JSON.createObjectNode();
        root.put("id", UUID.randomUUID().toString());
        fill(root, error, traceId);
        return JSON.writeValueAsString(root);
    }

    /** The body for this request's API version. */
    public static String bodyFor(HttpServletRequest request, HubException error) {
        logged(error, TraceIdFilter.traceIdOf(request));
        return unloggedBodyFor(request, error);
    }

    /**
     * The body, without the log line: for refusals that are counted in aggregate instead (a flood of
     * them must not fill the log; see audit.RefusalCounts).
     */
    public static String unloggedBodyFor(HttpServletRequest request, HubException error) {
        var traceId = TraceIdFilter.traceIdOf(request);
        request.setAttribute(ERROR_CODE, error.error().code());
        return isV1(request) ? v1(error, traceId) : v2(error, traceId);
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HubException error)
            throws IOException {
        write(request, response, error, bodyFor(request, error));
    }

    /** Writes the error without a log line (see {@link #unloggedBodyFor}). */
    public static void writeUnlogged(HttpServletRequest request, HttpServletResponse response, HubException error)
            throws IOException {
        write(request, response, error, unloggedBodyFor(request, error));
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, HubException error, String body)
            throws IOException {
        response.setStatus(error.error().status());
        if (error.error().status() == 503 && !response.containsHeader("Retry-After")) {
            // unavailable for a moment (the database, a failover, a full instance): clients retry shortly
            response.setHeader("Retry-After", "1");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            response.getWriter().write(body);
        } catch (IllegalStateException streamTaken) {
            // a page had begun writing through the stream when it failed (DatabaseGate answers in its place)
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** True for requests to API v1, also when the container forwarded them to its error page. */
    public static boolean isV1(HttpServletRequest request) {
        var original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        var uri = original instanceof String forwarded ? forwarded : request.getRequestURI();
        return uri.substring(request.getContextPath().length()).startsWith("/api/v1/");
    }

    static void logged(HubException error, String traceId) {
        if (error.error().status() >= 500) {
            log.warn(
                    "Answered {} {} (trace {})",
                    error.error().status(),
                    error.error().code(),
                    traceId);
        } else {
            log.info(
                    "Answered {} {} (trace {})",
                    error.error().status(),
                    error.error().code(),
                    traceId);
        }
    }

    private static void fill(ObjectNode node, HubException error, String traceId) {
        node.put("message", error.getMessage());
        node.put("code", error.error().code());
        node.put("traceId", traceId);
        var args = node.putArray("args");
        error.args().forEach(args::add);
    }
}
