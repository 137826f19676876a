package ee.datahub.enquiryhub.enquiry;

/** {@code reference.referenceType}. */
public enum ReferenceType {
    INVOICE
}
