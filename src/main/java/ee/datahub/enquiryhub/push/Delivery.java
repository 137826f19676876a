package ee.datahub.enquiryhub.push;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One delivery attempt in a subscription's log: which change ({@code webhookId}, its stamp, the
 * enquiry and answer ids), the attempt's number for that change, its outcome, the receiver's status
 * code and how long it took, and what went wrong (an excerpt of at most 1024 characters).
 */
public record Delivery(
        long id,
        Instant attemptedAt,
        String webhookId,
        Instant changeTimestamp,
        UUID enquiryId,
        Optional<UUID> responseId,
        int attempt,
        DeliveryOutcome outcome,
        Optional<Integer> statusCode,
        Optional<Long> latencyMillis,
        Optional<String> error) {}
