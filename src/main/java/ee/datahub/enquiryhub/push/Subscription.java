package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A push subscription as its ADMIN sees it (never its secret): the stream it follows, where it
 * delivers, which kinds of change, its status ({@code version} is its entity tag) and, while the
 * change at its head fails, since when ({@code retryingSince}), how often and when it is tried next.
 * {@code previousSecretExpiresAt}: until when the secret before the last rotation still signs.
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
