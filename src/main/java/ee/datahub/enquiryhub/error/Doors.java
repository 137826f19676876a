package ee.datahub.enquiryhub.error;

import ee.datahub.enquiryhub.audit.AuditRefusal;
import ee.datahub.enquiryhub.audit.AuditRefused;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The doors, in their order: a request belongs to the first whose paths it is on. Runs first, so that
 * every answer before a controller (filters, security, the error page) takes that door's shape; an
 * access the audit log cannot record ({@link AuditRefused}) is answered here, 503 in that shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class Doors extends OncePerRequestFilter {

    private final List<DoorErrors> doors;

    Doors(List<DoorErrors> doors) {
        this.doors = List.copyOf(doors);
    }

    /** The door of a request path (without the context path). */
    public DoorErrors of(String path) {
        return doors.stream()
                .filter(door -> door.serves(path))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No door serves " + path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ErrorResponses.enteredBy(
                request,
                of(request.getRequestURI().substring(request.getContextPath().length())));
        try {
            chain.doFilter(request, response);
        } catch (AuditRefused refused) {
            ErrorResponses.write(
                    request,
                    response,
                    switch (refused.refusal()) {
                        case AuditRefusal.Unrecorded unrecorded ->
                            new HubException(
                                    ErrorCode.SERVICE_UNAVAILABLE,
                                    "The hub cannot record this access right now; try again shortly");
                    });
        }
    }
}
