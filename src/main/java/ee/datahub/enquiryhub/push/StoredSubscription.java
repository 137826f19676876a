package ee.datahub.enquiryhub.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A subscription as the hub keeps it: what its ADMIN sees, plus its secrets, its cursor, its stream's name and its claim. */
record StoredSubscription(
        Subscription subscription,
        String secret,
        Optional<String> previousSecret,
        String cursor,
        String streamKey,
        Optional<UUID> lease) {

    StoredSubscription(
            Subscription subscription,
            String secret,
            Optional<String> previousSecret,
            String cursor,
            String streamKey) {
        this(subscription, secret, previousSecret, cursor, streamKey, Optional.empty());
    }

    /** The token of the claim this copy was read under. */
    UUID leaseToken() {
        return lease.orElseThrow(() -> new IllegalStateException("not claimed"));
    }

    SubscriptionId id() {
        return subscription.id();
    }

    /** The secrets that sign now: the current one, and the previous one until it expires. */
    List<String> signingSecrets(Instant now) {
        var secrets = new ArrayList<String>();
        secrets.add(secret);
        previousSecret
                .filter(s -> subscription
                        .previousSecretExpiresAt()
                        .map(now::isBefore)
                        .orElse(false))
                .ifPresent(secrets::add);
        return secrets;
    }

    boolean wants(ChangeKind kind) {
        return subscription.kinds().contains(ChangeKind.ALL)
                || subscription.kinds().contains(kind);
    }
}
