package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * What the web chain refuses (a form without its CSRF token, chiefly) is a 403 page in the person's
 * language, not the API's JSON, and the refusal reaches the audit log. The page is rendered here, in
 * the filter chain: a forward would be lost behind the audit filter's buffered response.
 */
@Component
class RefusalPage implements AccessDeniedHandler {

    private final ObjectProvider<ThymeleafViewResolver> views;
    private final LocaleResolver locales;
    private final Visitors visitors;

    RefusalPage(ObjectProvider<ThymeleafViewResolver> views, LocaleResolver locales, Visitors visitors) {
        this.views = views;
        this.locales = locales;
        this.visitors = visitors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
        AuditTrail.of(request).failed(ErrorCode.INSUFFICIENT_PERMISSION.code());
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, locales);
        var locale = locales.resolveLocale(request);
        var model = new HashMap<String, Object>();
        model.put("status", 403);
        model.put("reasonKey", denied instanceof CsrfException ? "web.refused.csrf" : "web.refused.denied");
        model.put("visitor", visitors.of(request).orElse(null));
        model.put("otherLanguageUrl", WebAdvice.otherLanguageUrl(request, locale));
        model.put("language", WebAdvice.language(locale));
        model.put("currentPath", request.getRequestURI());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        try {
            views.getObject().resolveViewName("web/refused", locale).render(model, request, response);
        } catch (Exception e) {
            throw new IllegalStateException("the refusal page could not be rendered", e);
        }
    }
}
