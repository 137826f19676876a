package ee.datahub.enquiryhub.push;

import java.util.Optional;
import java.util.Set;

/**
 * A change an ADMIN makes; absent fields keep their value. {@code active} true reactivates a paused or
 * failing subscription (its retries start afresh), false pauses it.
 */
public record SubscriptionChange(Optional<String> url, Optional<Set<ChangeKind>> kinds, Optional<Boolean> active) {

    public boolean isEmpty() {
        return url.isEmpty() && kinds.isEmpty() && active.isEmpty();
    }
}
