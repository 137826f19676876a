package ee.datahub.enquiryhub.person;

/** Thrown when the register of people refuses a change; carries the reason for the door to translate. */
public final class PersonRefused extends RuntimeException {

    private final PersonRefusal refusal;

    PersonRefused(PersonRefusal refusal) {
        super(refusal.toString(), null, false, false);
        this.refusal = refusal;
    }

    public PersonRefusal refusal() {
        return refusal;
    }
}
