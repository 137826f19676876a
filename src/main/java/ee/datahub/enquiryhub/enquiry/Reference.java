package ee.datahub.enquiryhub.enquiry;

/** A reference to a document the enquiry is about, e.g. the invoice the customer disputes. */
public record Reference(ReferenceType type, String value) {

    public static final int MAX_LENGTH = 16;

    public Reference {
        if (type == null || value == null || value.isEmpty() || value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("a reference has a type and a value of 1-16 characters");
        }
    }
}
