package ee.datahub.enquiryhub.audit;

import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes one audit entry for every authenticated API request and every web request, whatever its
 * outcome; the answer is held back until the entry is written, and withheld ({@link AuditRefused})
 * when it cannot be. Requests that never authenticated, and 429s, are counted per source and minute
 * instead ({@link RefusalCounts}): a flood of them once filled the disk.
 */
@Component
@Order(-200)
class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLog auditLog;
    private final RefusalCounts refusals;

    AuditFilter(AuditLog auditLog, RefusalCounts refusals) {
        this.auditLog = auditLog;
        this.refusals = refusals;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/api/") && !path.startsWith("/web/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var trail = AuditTrail.start(request);
        var buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        } finally {
            try {
                // A write's entry was written in its own transaction already; an empty poll writes none.
                if (!trail.written() && !(trail.isUnrecorded() && buffered.getStatus() < 400)) {
                    if (trail.errorCode().isEmpty()) {
                        trail.answeredCode().ifPresent(trail::failed);
                    }
                    if (trail.clientId().isEmpty() && buffered.getStatus() < 400) {
                        // Nobody and nothing to record: a web page before login (the login redirect, signed out).
                    } else if (trail.clientId().isEmpty() || buffered.getStatus() == 429) {
                        refusals.count(
                                request,
                                trail.clientId().orElse(null),
                                trail.errorCode().orElse(String.valueOf(buffered.getStatus())));
                    } else {
                        auditLog.append(
                                trail,
                                TraceIdFilter.traceIdOf(request),
                                request.getMethod() + " " + request.getRequestURI(),
                                buffered.getStatus());
                    }
                }
            } catch (RuntimeException e) {
                log.error("Could not write the audit log; withholding the answer: {}", e.toString());
                buffered.resetBuffer();
                if (!response.isCommitted()) {
                    // Nothing of the withheld answer may stay, its Content-Length least of all.
                    response.reset();
                }
                throw new AuditRefused(new AuditRefusal.Unrecorded());
            }
            buffered.copyBodyToResponse();
        }
    }
}
