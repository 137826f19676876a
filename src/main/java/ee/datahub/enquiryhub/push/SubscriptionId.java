package ee.datahub.enquiryhub.push;

import java.util.UUID;

/** The id of a push subscription. */
public record SubscriptionId(UUID value) {

    public static SubscriptionId random() {
        return new SubscriptionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
