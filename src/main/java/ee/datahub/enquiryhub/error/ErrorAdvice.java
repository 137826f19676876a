package ee.datahub.enquiryhub.error;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps whatever escapes a controller to an error body in {@link #doorOf the door's} shape. Client
 * errors keep their code; a database that cannot be reached is a 503; anything else is a 500 whose
 * details go only to the log. Each door's advice extends this ({@link DoorErrors}).
 */
public abstract class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    /** The door whose shape this request's errors take. */
    protected abstract DoorErrors doorOf(HttpServletRequest request);

    @ExceptionHandler(HubException.class)
    ResponseEntity<String> refused(HubException error, HttpServletRequest request) {
        return answer(request, error);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<String> noSuchPath(HttpServletRequest request) {
        return answer(
                request,
                new HubException(
                        ErrorCode.RESOURCE_NOT_FOUND,
                        "There is no " + request.getMethod() + " " + request.getRequestURI() + " in this API",
                        "path",
                        request.getRequestURI()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<String> wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(
                request,
                new HubException(
                        ErrorCode.METHOD_NOT_ALLOWED,
                        request.getRequestURI() + " does not take " + e.getMethod(),
                        "method",
                        e.getMethod()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> wrongMediaType(HttpServletRequest request) {
        return answer(
                request,
                new HubException(
                        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "The request body must be JSON (Content-Type: application/json)",
                        "Content-Type"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpServletRequest request) {
        return answer(
                request, new HubException(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON", "body"));
    }

    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class
    })
    ResponseEntity<String> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.error("Database unavailable: {}", e.getClass().getName());
        return answer(
                request,
                new HubException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "The hub cannot reach its database right now; try again shortly"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(
                request,
                new HubException(
                        ErrorCode.UNEXPECTED,
                        "Something went wrong in the hub; quote the traceId to the hub operator"));
    }

    /** The error as this request's answer, in its door's shape. */
    protected final ResponseEntity<String> answer(HttpServletRequest request, HubException error) {
        var answer = ResponseEntity.status(error.error().status()).contentType(MediaType.APPLICATION_JSON);
        if (error.error().status() == 503) {
            answer.header("Retry-After", "1");
        }
        return answer.body(ErrorResponses.bodyFor(request, error, doorOf(request)));
    }
}
