package ee.datahub.enquiryhub.access;

/** Thrown when a caller may not act as it claims; carries the reason for the door to translate. */
public final class AccessRefused extends RuntimeException {

    private final AccessRefusal refusal;

    public AccessRefused(AccessRefusal refusal) {
        super(refusal.toString(), null, false, false);
        this.refusal = refusal;
    }

    public AccessRefusal refusal() {
        return refusal;
    }
}
