package ee.datahub.enquiryhub.enquiry;

import java.util.Optional;

/**
 * A reference to a document the enquiry is about, e.g. the invoice the customer disputes: a type and a
 * value of 1-16 characters (Unicode code points), without U+0000.
 */
public record Reference(ReferenceType type, String value) {

    public static final int MAX_LENGTH = 16;

    public Reference {
        if (type == null || value == null || problemWithValue(value).isPresent()) {
            throw new IllegalArgumentException("a reference has a type and a value of 1-16 characters");
        }
    }

    /** Why {@code value} cannot be a reference's value, if it cannot. */
    public static Optional<Reason> problemWithValue(String value) {
        return Reason.ofText(value, MAX_LENGTH)
                .or(() -> value.isEmpty() ? Optional.of(new Reason.Empty()) : Optional.empty());
    }
}
