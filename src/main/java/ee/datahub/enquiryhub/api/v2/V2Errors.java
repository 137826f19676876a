package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.error.DoorErrors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * API v2's errors, flat: {@code {"id", "message", "code", "traceId", "args"}}. The last door: it serves
 * every request no other door claims, so the admin API, the token endpoint and unknown paths answer
 * in this shape too, whether a filter, the security chain or a controller refuses them.
 */
@RestControllerAdvice(basePackageClasses = V2Errors.class)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class V2Errors extends DoorErrors {

    V2Errors() {
        super(path -> true, body -> body);
    }
}
