package ee.datahub.enquiryhub.push;

import java.time.Instant;
import java.util.Set;

/** Why the hub refuses what an ADMIN asks of a subscription, in the domain's own terms; each door says it its way. */
public sealed interface SubscriptionRefusal {

    /** No such subscription in the caller's context (another participant's, role's or commodity's is just as absent). */
    record NotFound(SubscriptionId id) implements SubscriptionRefusal {}

    /** The URL is not one the hub delivers to; {@code problem} says why, for a person. */
    record UrlRefused(String url, String problem) implements SubscriptionRefusal {}

    /** Kinds the subscription's stream never carries, or {@link ChangeKind#ALL} together with others. */
    record KindsRefused(Set<ChangeKind> given, Set<ChangeKind> carried) implements SubscriptionRefusal {
        public KindsRefused {
            given = Set.copyOf(given);
            carried = Set.copyOf(carried);
        }
    }

    /** The caller expected another version than the current one. */
    record VersionConflict(SubscriptionId id, long expected, long current) implements SubscriptionRefusal {}

    /** A replay from before the oldest change the feed keeps. */
    record ReplayBeyondRetention(Instant requested, Instant earliest) implements SubscriptionRefusal {}

    /** A replay from the future. */
    record ReplayFromTheFuture(Instant requested) implements SubscriptionRefusal {}

    /** An overlap for the previous secret that is negative or longer than the hub allows. */
    record OverlapRefused(java.time.Duration requested, java.time.Duration max) implements SubscriptionRefusal {}
}
