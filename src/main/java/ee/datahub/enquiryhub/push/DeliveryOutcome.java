package ee.datahub.enquiryhub.push;

/** What one delivery attempt came to. */
public enum DeliveryOutcome {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** No answer, or one other than 2xx (a redirect included: redirects are not followed). */
    FAILED,
    /** Not sent: the URL's scheme or (resolved) address is not allowed (no server-side request forgery). */
    REFUSED
}
