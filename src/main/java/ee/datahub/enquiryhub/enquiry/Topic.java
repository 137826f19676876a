package ee.datahub.enquiryhub.enquiry;

import java.util.Optional;

/** What an enquiry is about; an enquiry about an invoice names it by a reference (spec §5.1). */
public enum Topic {
    DATA,
    INVOICE;

    /** The refusal of an enquiry of this topic with {@code reference}, if the topic's rule refuses it. */
    public Optional<Refusal> refusalOf(Optional<Reference> reference) {
        return this == INVOICE && reference.isEmpty()
                ? Optional.of(new Refusal.ReferenceRequired(Field.REFERENCE))
                : Optional.empty();
    }
}
