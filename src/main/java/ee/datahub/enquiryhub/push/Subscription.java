package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A push subscription as its ADMIN sees it (never its secret): the stream it follows (a participant
 * in one role and commodity), where it delivers, which kinds of change, its status and, while
 * deliveries fail, since when and when the next attempt is due.
 *
 * @param version grows by one with every change its ADMIN makes (its entity tag)
 * @param failureReason why it is {@link SubscriptionStatus#FAILING}
 * @param previousSecretExpiresAt until when the secret before the last rotation still signs
 * @param lastDeliveredAt when a change was last delivered
 * @param retryingSince since when the change now at its head has failed (absent while deliveries succeed)
 * @param failedAttempts how often that change has failed
 * @param nextAttemptAt when it is tried next (present while retrying)
 */
public record Subscription(
        SubscriptionId id,
        long version,
        Eic participant,
        MarketRole role,
        Commodity commodity,
        URI url,
        Set<ChangeKind> kinds,
        SubscriptionStatus status,
        Optional<String> failureReason,
        Optional<Instant> previousSecretExpiresAt,
        Optional<Instant> lastDeliveredAt,
        Optional<Instant> retryingSince,
        int failedAttempts,
        Optional<Instant> nextAttemptAt,
        Instant createdAt,
        Instant updatedAt) {

    public Subscription {
        kinds = Set.copyOf(kinds);
    }
}
