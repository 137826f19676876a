package ee.datahub.enquiryhub.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reached a controller (the servlet container's own, or a filter's failure) get
 * the hub's error bodies too, never the framework's default page.
 */
@RestController
class ErrorPage implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<String> error(HttpServletRequest request) {
        // Asked for directly (GET /error), not forwarded by the container: there is no such page.
        var status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        var error = switch (status) {
            case 400 -> new HubException(ErrorCode.MALFORMED_REQUEST, "The request could not be read", "request");
            case 401 -> new HubException(ErrorCode.AUTHENTICATION, "A bearer token is required", "Authorization");
            case 403 ->
                new HubException(ErrorCode.INSUFFICIENT_PERMISSION, "This request is not allowed", "permission");
            case 404 -> new HubException(ErrorCode.RESOURCE_NOT_FOUND, "There is no such path in this API", "path");
            case 405 -> new HubException(ErrorCode.METHOD_NOT_ALLOWED, "This path does not take that method", "method");
            case 413 -> new HubException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than 1 MiB", "body");
            case 415 ->
                new HubException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be JSON", "Content-Type");
            case 503 ->
                new HubException(ErrorCode.SERVICE_UNAVAILABLE, "The hub is unavailable right now; try again shortly");
            default ->
                new HubException(
                        ErrorCode.UNEXPECTED, "Something went wrong in the hub; quote the traceId to the hub operator");
        };
        var body = ErrorResponses.bodyFor(request, error);
        return ResponseEntity.status(error.error().status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
