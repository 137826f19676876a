package ee.datahub.enquiryhub.enquiry;

/** What an enquiry is about. */
public enum Topic {
    DATA,
    INVOICE
}
