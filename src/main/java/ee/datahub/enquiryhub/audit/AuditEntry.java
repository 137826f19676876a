package ee.datahub.enquiryhub.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One audit log entry: one request (or a token issued, an email, a push delivery). {@code traceId} may
 * be the caller's; {@code requestId} is the hub's own. {@code kind}, {@code event} and {@code object}
 * (the domain action and what it was done to) are empty on entries written before the log kept them.
 */
public record AuditEntry(
        long id,
        Instant at,
        String traceId,
        Optional<String> requestId,
        Optional<String> sourceAddress,
        Optional<String> clientId,
        Optional<String> participant,
        Optional<String> role,
        Optional<String> commodity,
        String action,
        List<UUID> enquiryIds,
        List<UUID> answerIds,
        int httpStatus,
        Optional<String> errorCode,
        Optional<AuditTrail.Kind> kind,
        Optional<String> event,
        Map<String, String> object) {

    /** True for a page view or a routine request; entries from before kinds were kept: a GET. */
    public boolean isView() {
        return kind.map(k -> k == AuditTrail.Kind.VIEW).orElse(action.startsWith("GET ") || action.startsWith("HEAD "));
    }
}
