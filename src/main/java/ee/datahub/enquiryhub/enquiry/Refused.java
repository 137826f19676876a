package ee.datahub.enquiryhub.enquiry;

import java.util.List;
import java.util.Optional;

/**
 * Thrown when the enquiry process refuses a command: every {@link Refusal} found, the first being the
 * one the APIs report (spec §4.1), and, for a command about several enquiries, the position of the one refused.
 */
public final class Refused extends RuntimeException {

    private final List<Refusal> refusals;
    private final Optional<Integer> item;

    public Refused(Refusal refusal) {
        this(List.of(refusal), Optional.empty());
    }

    /** Several refusals at once (a draft's every field), in the order they were found. */
    public Refused(List<Refusal> refusals) {
        this(refusals, Optional.empty());
    }

    private Refused(List<Refusal> refusals, Optional<Integer> item) {
        // Named by its kind only: a refusal may quote a customer's EIC, which must never reach a log.
        super(refusals.getFirst().getClass().getSimpleName(), null, false, false);
        this.refusals = List.copyOf(refusals);
        this.item = item;
    }

    /** The same refusals, about the {@code index}-th enquiry of a command about several. */
    Refused at(int index) {
        return new Refused(refusals, Optional.of(index));
    }

    /** The first refusal found. */
    public Refusal refusal() {
        return refusals.getFirst();
    }

    public List<Refusal> refusals() {
        return refusals;
    }

    /** Which enquiry of a command about several was refused (from 0). */
    public Optional<Integer> item() {
        return item;
    }
}
