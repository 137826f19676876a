package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.audit.AuditTrail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the logged-in person ({@code person:<subject>}) and the context it acts in in the request's
 * audit entry, as {@code AuditedClient} names a technical user.
 */
final class AuditedPerson extends OncePerRequestFilter {

    private final Visitors visitors;

    AuditedPerson(Visitors visitors) {
        this.visitors = visitors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        visitors.of(request).ifPresent(visitor -> {
            var trail = AuditTrail.of(request);
            var acting = visitor.actingFor();
            trail.client(
                    visitor.person().id(),
                    acting.map(context -> context.participant().value()).orElse(null));
            acting.ifPresent(context ->
                    trail.context(context.role().name(), context.commodity().name()));
        });
        chain.doFilter(request, response);
    }
}
