package ee.datahub.enquiryhub.participant;

/** Thrown when a register refuses a change; carries the reason for the door to translate. */
public final class RegisterRefused extends RuntimeException {

    private final RegisterRefusal refusal;

    RegisterRefused(RegisterRefusal refusal) {
        super(refusal.toString(), null, false, false);
        this.refusal = refusal;
    }

    public RegisterRefusal refusal() {
        return refusal;
    }
}
