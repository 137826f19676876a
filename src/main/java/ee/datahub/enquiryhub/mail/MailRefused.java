package ee.datahub.enquiryhub.mail;

/** A change of email settings refused, with its reason. */
public final class MailRefused extends RuntimeException {

    private final MailRefusal refusal;

    public MailRefused(MailRefusal refusal) {
        super(refusal.getClass().getSimpleName(), null, false, false);
        this.refusal = refusal;
    }

    public MailRefusal refusal() {
        return refusal;
    }
}
