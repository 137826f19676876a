package ee.datahub.enquiryhub.api.shared;

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
 * Every API answer (v1 and v2), errors included, carries a fresh {@code x-document-identification}, the hub's
 * {@code x-document-date-time} and the request's id as {@code x-original-document-identification}.
 * (A replayed write overrides the fresh id with the one its first answer had.)
 */
@Component
@Order(-300)
public class DocumentHeaders extends OncePerRequestFilter {

    public static final String DOCUMENT_ID = "x-document-identification";
    public static final String DOCUMENT_DATE_TIME = "x-document-date-time";
    public static final String ORIGINAL_DOCUMENT_ID = "x-original-document-identification";
    private static final String ATTRIBUTE = DocumentHeaders.class.getName() + ".answerId";

    private final Clock clock;

    DocumentHeaders(Clock clock) {
        this.clock = clock;
    }

    /** The id this request's answer carries. */
    public static UUID answerIdOf(HttpServletRequest request) {
        return (UUID) request.getAttribute(ATTRIBUTE);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/v1/") && !path.startsWith("/api/v2/");
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
