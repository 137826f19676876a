package ee.datahub.enquiryhub.enquiry;

import java.util.Optional;

/**
 * Thrown when the enquiry process refuses a command; carries the {@link Refusal} and, for a command
 * about several enquiries at once, the position of the one refused.
 */
public final class Refused extends RuntimeException {

    private final Refusal refusal;
    private final Optional<Integer> item;

    public Refused(Refusal refusal) {
        this(refusal, Optional.empty());
    }

    private Refused(Refusal refusal, Optional<Integer> item) {
        super(refusal.toString(), null, false, false);
        this.refusal = refusal;
        this.item = item;
    }

    /** The same refusal, about the {@code index}-th enquiry of a command about several. */
    Refused at(int index) {
        return new Refused(refusal, Optional.of(index));
    }

    public Refusal refusal() {
        return refusal;
    }

    /** Which enquiry of a command about several was refused (from 0). */
    public Optional<Integer> item() {
        return item;
    }
}
