package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.AccessRefused;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.error.DatabaseFailures;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.RegisterRefused;
import ee.datahub.enquiryhub.person.PersonRefused;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page's layout needs (the visitor, the language links) and what a page's failure shows:
 * a refusal as a page with its status and the reason in the person's language, an unexpected failure
 * as a 500 page with the trace id (details only in the log). Applies to the web interface's
 * controllers only; the APIs keep their JSON errors.
 */
@ControllerAdvice(basePackageClasses = WebModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebModel {

    private static final Logger log = LoggerFactory.getLogger(WebModel.class);

    private final Visitors visitors;
    private final MessageSource messages;

    WebModel(Visitors visitors, MessageSource messages) {
        this.visitors = visitors;
        this.messages = messages;
    }

    @ModelAttribute("visitor")
    Visitor visitor(HttpServletRequest request) {
        return visitors.of(request).orElse(null);
    }

    /** This page in the other language: the same path and query, {@code lang} replaced. */
    @ModelAttribute("otherLanguageUrl")
    static String otherLanguageUrl(HttpServletRequest request, Locale locale) {
        var other = WebConfiguration.ESTONIAN.getLanguage().equals(locale.getLanguage()) ? "en" : "et";
        var query = request.getQueryString();
        var uri = request.getRequestURI() + (query == null ? "" : "?" + query);
        return UriComponentsBuilder.fromUriString(uri)
                .replaceQueryParam("lang", other)
                .build(true)
                .toUriString();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("language")
    static String language(Locale locale) {
        return WebConfiguration.ESTONIAN.getLanguage().equals(locale.getLanguage()) ? "et" : "en";
    }

    @ExceptionHandler(NoContextChosen.class)
    String chooseFirst() {
        return "redirect:/web/context";
    }

    @ExceptionHandler({
        AccessRefused.class,
        Refused.class,
        HubException.class,
        RegisterRefused.class,
        PersonRefused.class
    })
    ModelAndView refused(
            RuntimeException thrown, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        var error = FormErrors.refusal(thrown).orElseThrow();
        AuditTrail.of(request).failed(error.error().code());
        response.setStatus(error.error().status());
        var page = new ModelAndView("web/refused");
        page.addObject("status", error.error().status());
        page.addObject("reason", messages.getMessage(FormErrors.message(error), locale));
        page.addObject("visitor", visitors.of(request).orElse(null));
        page.addObject("otherLanguageUrl", otherLanguageUrl(request, locale));
        page.addObject("language", language(locale));
        return page;
    }

    /** A file over the upload limit (spring.servlet.multipart.max-file-size): a 413 page, not a failure. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        return refused(
                new HubException(ErrorCode.PAYLOAD_TOO_LARGE, "The file is too large", "file"),
                request,
                response,
                locale);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception thrown, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (DatabaseFailures.unavailable(thrown)) {
            // a failover or outage of the database: "try again shortly", as the API says it
            response.setHeader("Retry-After", "1");
            return refused(
                    new HubException(ErrorCode.SERVICE_UNAVAILABLE, "The hub cannot reach its database right now"),
                    request,
                    response,
                    locale);
        }
        var traceId = TraceIdFilter.traceIdOf(request);
        log.error(
                "Unexpected failure of web page {} {} (trace {})",
                request.getMethod(),
                request.getRequestURI(),
                traceId,
                thrown);
        AuditTrail.of(request).failed(ErrorCode.UNEXPECTED.code());
        response.setStatus(500);
        var page = new ModelAndView("web/failed");
        page.addObject("traceId", traceId);
        page.addObject("visitor", visitors.of(request).orElse(null));
        page.addObject("otherLanguageUrl", otherLanguageUrl(request, locale));
        page.addObject("language", language(locale));
        return page;
    }
}
