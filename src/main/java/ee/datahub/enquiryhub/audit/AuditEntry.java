package ee.datahub.enquiryhub.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One audit log entry: one API request that touched enquiry data (or a token issued). {@code traceId}
 * may be the caller's; {@code requestId} is the hub's own, unique per request.
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
        Optional<String> errorCode) {}
