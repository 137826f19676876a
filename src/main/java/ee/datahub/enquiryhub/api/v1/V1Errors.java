package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.error.DoorErrors;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * API v1's errors: the error response V1, {@code {"id", "cause": {"message", "code", "traceId", "args"}}},
 * for every request under {@code /api/v1/}, whether a filter, the security chain or a controller refuses it.
 */
@RestControllerAdvice(basePackageClasses = V1Errors.class)
@Order(1)
class V1Errors extends DoorErrors {

    V1Errors() {
        super(path -> path.startsWith("/api/v1/"), body -> body.putObject("cause"));
    }
}
