package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.error.ErrorCode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * What the web chain refuses (a form without its CSRF token, chiefly) is a 403 page in the person's
 * language, not the API's JSON; the refusal reaches the audit log.
 */
@Component
class RefusalPage implements AccessDeniedHandler {

    static final String REASON = RefusalPage.class.getName() + ".reason";

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        var reason = denied instanceof CsrfException ? "web.refused.csrf" : "web.refused.denied";
        AuditTrail.of(request).failed(ErrorCode.INSUFFICIENT_PERMISSION.code());
        request.setAttribute(REASON, reason);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        request.getRequestDispatcher("/web/refused").forward(request, response);
    }
}
