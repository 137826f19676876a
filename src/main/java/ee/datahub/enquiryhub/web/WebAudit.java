package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Names each page's request in its audit entry by its method and address template
 * ({@code POST /web/enquiries/{id}/change}), before the page resolves the caller (so that a refusal is
 * that entry's 403); the web writes are bound to the same name for idempotency.
 */
final class WebAudit implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var template = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (template instanceof String path && !path.contains("*")) {
            AuditTrail.of(request).action(operation(request));
        }
        return true;
    }

    /** The request's method and address template. */
    static String operation(HttpServletRequest request) {
        return request.getMethod() + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    }
}
