package ee.datahub.enquiryhub.enquiry;

import java.util.UUID;

/** The id of an enquiry ({@code messageRequestId}). */
public record EnquiryId(UUID value) {

    public EnquiryId {
        java.util.Objects.requireNonNull(value);
    }

    public static EnquiryId random() {
        return new EnquiryId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
