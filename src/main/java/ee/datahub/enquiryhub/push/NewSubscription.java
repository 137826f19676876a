package ee.datahub.enquiryhub.push;

import java.util.Set;

/**
 * What an ADMIN asks for: where to deliver (checked as {@link Subscriptions} says), which kinds of
 * change ({@link ChangeKind#ALL} alone, or kinds the stream carries), and whether to start delivering.
 */
public record NewSubscription(String url, Set<ChangeKind> kinds, boolean active) {

    public NewSubscription {
        kinds = Set.copyOf(kinds);
    }
}
