package ee.datahub.enquiryhub.audit;

/** Thrown when the audit refuses a request; carries the reason for the door to translate. */
public final class AuditRefused extends RuntimeException {

    private final AuditRefusal refusal;

    AuditRefused(AuditRefusal refusal) {
        super(refusal.toString(), null, false, false);
        this.refusal = refusal;
    }

    public AuditRefusal refusal() {
        return refusal;
    }
}
