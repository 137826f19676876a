package ee.datahub.enquiryhub.error;

import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Error answers in the shape of the door the request came in by ({@link Doors}), for code that answers
 * outside a controller. Only the code and trace id are logged; the message may quote personal data and
 * goes to the client only. The code is handed to the request's audit trail.
 */
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String DOOR = ErrorResponses.class.getName() + ".door";

    private ErrorResponses() {}

    static void enteredBy(HttpServletRequest request, DoorErrors door) {
        request.setAttribute(DOOR, door);
    }

    /** The door this request came in by (also when the container forwarded it to its error page). */
    static DoorErrors doorOf(HttpServletRequest request) {
        if (request.getAttribute(DOOR) instanceof DoorErrors door) {
            return door;
        }
        throw new IllegalStateException("The request passed no door: " + request.getRequestURI());
    }

    /** The body for this request's door. */
    public static String bodyFor(HttpServletRequest request, HubException error) {
        return bodyFor(request, error, doorOf(request));
    }

    static String bodyFor(HttpServletRequest request, HubException error, DoorErrors door) {
        logged(error, TraceIdFilter.traceIdOf(request));
        return unloggedBodyFor(request, error, door);
    }

    private static String unloggedBodyFor(HttpServletRequest request, HubException error, DoorErrors door) {
        AuditTrail.of(request).answered(error.error().code());
        return door.body(error, TraceIdFilter.traceIdOf(request));
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HubException error)
            throws IOException {
        write(response, error, bodyFor(request, error));
    }

    /**
     * Writes the error without a log line: for refusals that are counted in aggregate instead (a flood
     * of them must not fill the log; see audit.RefusalCounts).
     */
    public static void writeUnlogged(HttpServletRequest request, HttpServletResponse response, HubException error)
            throws IOException {
        write(response, error, unloggedBodyFor(request, error, doorOf(request)));
    }

    private static void write(HttpServletResponse response, HubException error, String body) throws IOException {
        response.setStatus(error.error().status());
        if (error.error().status() == 503 && !response.containsHeader("Retry-After")) {
            // unavailable for a moment (the database, a failover, a full instance): clients retry shortly
            response.setHeader("Retry-After", "1");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            // The stream: behind the audit filter's buffer it is the one already in use.
            response.getOutputStream().write(bytes);
        } catch (IllegalStateException writerTaken) {
            // a page had begun writing through the writer when it failed (DatabaseGate answers in its place)
            response.getWriter().write(body);
        }
    }

    /** An error body: a fresh {@code id}, and the error's message, code, traceId and args where {@code placement} puts them. */
    static String body(HubException error, String traceId, UnaryOperator<ObjectNode> placement) {
        var root = JSON.createObjectNode();
        root.put("id", UUID.randomUUID().toString());
        var node = placement.apply(root);
        node.put("message", error.getMessage());
        node.put("code", error.error().code());
        node.put("traceId", traceId);
        var args = node.putArray("args");
        error.args().forEach(args::add);
        return JSON.writeValueAsString(root);
    }

    private static void logged(HubException error, String traceId) {
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
}
