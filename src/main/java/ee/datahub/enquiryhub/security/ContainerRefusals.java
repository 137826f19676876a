package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.error.Doors;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The servlet container's own refusals — requests it will not hand to the hub at all: a request line or
 * header it cannot parse, headers over its limit (8 KB), {@code %2F}, {@code %00} or {@code \} in a
 * path — answered in its door's error shape with an accurate code and a fresh trace id, and counted per
 * source, instead of Tomcat's HTML page. Installed as the host's error report valve, so it also answers
 * any other error Tomcat would render itself (nothing the hub's own error handling already answered).
 */
final class ContainerRefusals extends ErrorReportValve {

    private final RefusalCounts refusals;
    private final Doors doors;

    ContainerRefusals(RefusalCounts refusals, Doors doors) {
        this.refusals = refusals;
        this.doors = doors;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var error = errorFor(status, throwable);
        var traceId = request.getAttribute(TraceIdFilter.ATTRIBUTE) instanceof String known ? known : newTraceId();
        var body = doors.of(String.valueOf(request.getRequestURI())).body(error, traceId);
        try {
            refusals.count(
                    String.valueOf(request.getRemoteAddr()), null, error.error().code());
        } catch (RuntimeException countingFailed) {
            // never let bookkeeping break the answer
        }
        try {
            response.setStatus(error.error().status());
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            var writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone; nothing more to say
        }
    }

    private static HubException errorFor(int status, Throwable throwable) {
        var cause = throwable == null || throwable.getMessage() == null
                ? ""
                : throwable.getMessage().toLowerCase();
        return switch (status) {
            case 400 ->
                cause.contains("header") && cause.contains("too large")
                        ? new HubException(
                                ErrorCode.REQUEST_HEADER_TOO_LARGE,
                                "The request's headers are larger than the hub accepts (8 KB)",
                                "headers")
                        : cause.contains("uri") || cause.contains("target") || cause.contains("path") || cause.isEmpty()
                                ? new HubException(
                                        ErrorCode.INVALID_PATH,
                                        "The request path holds something the hub does not accept (such as %2F, %00 or a"
                                                + " backslash); send the path in its plain form",
                                        "path")
                                : new HubException(
                                        ErrorCode.MALFORMED_REQUEST, "The HTTP request could not be parsed", "request");
            case 404 -> new HubException(ErrorCode.RESOURCE_NOT_FOUND, "There is no such path", "path");
            case 405 -> new HubException(ErrorCode.METHOD_NOT_ALLOWED, "This path does not take that method", "method");
            case 413 ->
                new HubException(ErrorCode.PAYLOAD_TOO_LARGE, "The request is larger than the hub accepts", "body");
            case 414 ->
                new HubException(ErrorCode.INVALID_PATH, "The request path is longer than the hub accepts", "path");
            case 431 ->
                new HubException(
                        ErrorCode.REQUEST_HEADER_TOO_LARGE,
                        "The request's headers are larger than the hub accepts (8 KB)",
                        "headers");
            case 503 ->
                new HubException(ErrorCode.SERVICE_UNAVAILABLE, "The hub is unavailable right now; try again shortly");
            default ->
                status < 500
                        ? new HubException(
                                ErrorCode.MALFORMED_REQUEST, "The HTTP request could not be served", "request")
                        : new HubException(
                                ErrorCode.UNEXPECTED,
                                "Something went wrong in the hub; quote the traceId to the hub operator");
        };
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
