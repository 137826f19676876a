package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.platform.HubTime;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every v1 answer, errors included, carries a fresh {@code x-document-identification}, the hub's
 * {@code x-document-date-time} and the request's id as {@code x-original-document-identification}.
 * (A replayed write overrides the fresh id with the one its first answer had.)
 */
@Component
@Order(-300)
class DocumentHeaders extends OncePerRequestFilter {

    static final String DOCUMENT_ID = "x-document-identification";
    static final String DOCUMENT_DATE_TIME = "x-document-date-time";
    static final String ORIGINAL_DOCUMENT_ID = "x-original-document-identification";
    private static final String ATTRIBUTE = DocumentHeaders.class.getName() + ".answerId";

    private final Clock clock;

    DocumentHeaders(Clock clock) {
        this.clock = clock;
    }

    /** The id this request's answer carries. */
    static UUID answerIdOf(HttpServletRequest request) {
        return (UUID) request.getAttribute(ATTRIBUTE);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/api/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var answerId = UUID.randomUUID();
        request.setAttribute(ATTRIBUTE, answerId);
        response.setHeader(DOCUMENT_ID, answerId.toString());
        response.setHeader(DOCUMENT_DATE_TIME, HubTime.format(HubTime.now(clock)));
        var original = request.getHeader(DOCUMENT_ID);
        if (original != null && !original.isBlank()) {
            response.setHeader(ORIGINAL_DOCUMENT_ID, original);
        }
        chain.doFilter(request, response);
    }
}
