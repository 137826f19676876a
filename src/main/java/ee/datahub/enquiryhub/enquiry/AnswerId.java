package ee.datahub.enquiryhub.enquiry;

import java.util.UUID;

/** The id of an answer to an enquiry ({@code messageResponseId}). */
public record AnswerId(UUID value) {

    public AnswerId {
        java.util.Objects.requireNonNull(value);
    }

    public static AnswerId random() {
        return new AnswerId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
