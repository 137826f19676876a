package ee.datahub.enquiryhub.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What reaches no door's own advice (no such path or method, the error page, the admin API, the API
 * documentation): answered in the shape of the door whose path the request is on ({@link Doors}).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DefaultErrorAdvice extends ErrorAdvice {

    @Override
    protected DoorErrors doorOf(HttpServletRequest request) {
        return ErrorResponses.doorOf(request);
    }
}
