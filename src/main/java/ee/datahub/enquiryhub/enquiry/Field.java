package ee.datahub.enquiryhub.enquiry;

/**
 * The fields of the enquiry process a refusal can be about, in the order spec §5.1 reads a message's
 * fields. Each door names them its own way (a JSON path in v1 and v2, a form field in the web interface).
 */
public enum Field {
    /** The enquiry's metering point. */
    METER,
    CUSTOMER,
    TOPIC,
    /** The reference as a whole ({@code reference}); its parts follow. */
    REFERENCE,
    REFERENCE_TYPE,
    REFERENCE_VALUE,
    /** The enquiry's status as a supplier's create or change sets it. */
    STATUS,
    REQUEST_COMMENT,
    /** The receiver a supplier gives. */
    RECEIVER,
    /** The status of an answer (interim or final). */
    ANSWER_STATUS,
    ANSWER_COMMENT,
    /** The sender a list is filtered by. */
    SENDER,
    /** The text a list's comments are searched for. */
    SEARCH_TEXT,
    /** The start of a change-feed period. */
    PERIOD_START,
    /** A change-feed cursor. */
    CURSOR,
    /** The page of a paged result. */
    PAGE
}
