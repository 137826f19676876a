package ee.datahub.enquiryhub.push;

/** Whether a subscription delivers. */
public enum SubscriptionStatus {
    /** Deliveries go out (and are retried while they fail). */
    ACTIVE,
    /** Its ADMIN paused it: nothing goes out; the cursor stays where it was, so nothing is skipped. */
    PAUSED,
    /** Deliveries failed for the whole retry period: nothing goes out until its ADMIN reactivates it. */
    FAILING
}
