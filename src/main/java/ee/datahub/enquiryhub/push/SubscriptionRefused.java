package ee.datahub.enquiryhub.push;

/** Thrown when the hub refuses what an ADMIN asks of a subscription; carries the reason for the door to translate. */
public final class SubscriptionRefused extends RuntimeException {

    private final SubscriptionRefusal refusal;

    public SubscriptionRefused(SubscriptionRefusal refusal) {
        super(refusal.getClass().getSimpleName(), null, false, false);
        this.refusal = refusal;
    }

    public SubscriptionRefusal refusal() {
        return refusal;
    }
}
