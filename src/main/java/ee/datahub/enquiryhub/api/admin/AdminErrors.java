package ee.datahub.enquiryhub.api.admin;

import ee.datahub.enquiryhub.api.shared.RegisterRefusals;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.participant.RegisterRefused;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The registers' refusals to the admin API, in the error shape of the door the request came in by. */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
@Order(0)
class AdminErrors {

    @ExceptionHandler(RegisterRefused.class)
    ResponseEntity<String> refused(RegisterRefused refused, HttpServletRequest request) {
        var error = RegisterRefusals.of(refused.refusal());
        return ResponseEntity.status(error.error().status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.bodyFor(request, error));
    }
}
