package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.error.DatabaseFailures;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import ee.datahub.enquiryhub.web.EnquiryForms.WriteForm;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page's layout needs (the visitor, the language links), and the one place where what a
 * page's work threw becomes a page: a refused form its page again, every error beside its field; any
 * other refusal a page with its status and reason in the person's language ({@link WebRefusals}); an
 * unexpected failure a 500 page with the trace id (details only in the log). The APIs keep their JSON.
 */
@ControllerAdvice(basePackageClasses = WebAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebAdvice {

    /** htmx reloads the page when an answer carries this header as {@code true}. */
    static final String HX_REFRESH = "HX-Refresh";

    private static final Logger log = LoggerFactory.getLogger(WebAdvice.class);

    private final Visitors visitors;
    private final MessageSource messages;

    WebAdvice(Visitors visitors, MessageSource messages) {
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
    static String currentPath(HttpServletRequest request) {
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

    /**
     * The form's page again, with the form as posted (to be sent anew: a new document id and, when
     * someone changed the enquiry meanwhile, the version now shown) and every error beside its field.
     */
    @ExceptionHandler(FormPage.Refused.class)
    ModelAndView formRefused(
            FormPage.Refused refused, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        var errors = refused.errors();
        ModelAndView page;
        try {
            page = refused.page().page().get();
        } catch (RuntimeException thrown) {
            // The page itself is refused now (the enquiry is gone from view, say): that refusal is the answer.
            return refused(thrown, request, response, locale);
        }
        var form = refused.page().form();
        if (form instanceof WriteForm write) {
            form = write.renewed(shownVersion(page, errors));
        }
        var name = refused.page().name();
        page.addObject(name, form);
        page.addObject(BindingResult.MODEL_KEY_PREFIX + name, WebRefusals.onForm(name, form, errors));
        page.addObject("formFailed", true);
        page.setStatus(HttpStatusCode.valueOf(WebRefusals.status(errors)));
        AuditTrail.of(request).failed(errors.getFirst().error().code());
        return layout(page, request, locale);
    }

    @ExceptionHandler({
        ee.datahub.enquiryhub.access.AccessRefused.class,
        ee.datahub.enquiryhub.enquiry.Refused.class,
        ee.datahub.enquiryhub.push.SubscriptionRefused.class,
        ee.datahub.enquiryhub.participant.RegisterRefused.class,
        ee.datahub.enquiryhub.person.PersonRefused.class,
        FormCheck.FormInvalid.class,
        HubException.class
    })
    ModelAndView refused(
            RuntimeException thrown, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        var errors = WebRefusals.of(thrown).orElseThrow(() -> thrown);
        var error = errors.getFirst();
        AuditTrail.of(request).failed(error.error().code());
        if ("true".equals(request.getHeader("HX-Request"))) {
            // A part of a page refused (the live list after a switch of context, say): the whole page says why.
            response.setHeader(HX_REFRESH, "true");
        }
        var page = new ModelAndView("web/refused");
        page.setStatus(HttpStatusCode.valueOf(error.error().status()));
        page.addObject("status", error.error().status());
        page.addObject("reason", messages.getMessage(WebRefusals.message(error), locale));
        return layout(page, request, locale);
    }

    /** A form whose fields could not even be bound (a forged one: no page sends a word for a yes or no). */
    @ExceptionHandler(BindException.class)
    ModelAndView unbound(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        return refused(
                new HubException(ErrorCode.INVALID_VALUE, "The form cannot be read", "form"),
                request,
                response,
                locale);
    }

    /** A file over the upload limit (spring.servlet.multipart.max-file-size): a 413 page, not a failure. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        var tooLarge = new HubException(ErrorCode.PAYLOAD_TOO_LARGE, "The file is too large", "file");
        return refused(tooLarge, request, response, locale);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception thrown, HttpServletRequest request, HttpServletResponse response, Locale locale) {
        if (DatabaseFailures.unavailable(thrown)) {
            // a failover or outage of the database: "try again shortly", as the API says it
            response.setHeader("Retry-After", "1");
            var unavailable =
                    new HubException(ErrorCode.SERVICE_UNAVAILABLE, "The hub cannot reach its database right now");
            return refused(unavailable, request, response, locale);
        }
        var traceId = TraceIdFilter.traceIdOf(request);
        log.error(
                "Unexpected failure of web page {} {} (trace {})",
                request.getMethod(),
                request.getRequestURI(),
                traceId,
                thrown);
        AuditTrail.of(request).failed(ErrorCode.UNEXPECTED.code());
        var page = new ModelAndView("web/failed");
        page.setStatus(HttpStatusCode.valueOf(500));
        page.addObject("traceId", traceId);
        return layout(page, request, locale);
    }

    // An exception handler's page gets no @ModelAttribute: the layout's attributes are added here.
    private ModelAndView layout(ModelAndView page, HttpServletRequest request, Locale locale) {
        page.addObject("visitor", visitors.of(request).orElse(null));
        page.addObject("otherLanguageUrl", otherLanguageUrl(request, locale));
        page.addObject("currentPath", currentPath(request));
        page.addObject("language", language(locale));
        return page;
    }

    // A stale form is sent anew with the version its page shows now, so that sending it again applies it.
    private static Optional<Long> shownVersion(ModelAndView page, List<HubException> errors) {
        return errors.stream().anyMatch(error -> error.error() == ErrorCode.VERSION_CONFLICT)
                        && page.getModel().get("enquiry") instanceof EnquiryView now
                ? Optional.of(now.version())
                : Optional.empty();
    }
}
