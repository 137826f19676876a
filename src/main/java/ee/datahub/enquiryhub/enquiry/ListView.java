package ee.datahub.enquiryhub.enquiry;

/**
 * The quick views of a list of enquiries: what is unread for the caller's participant, open, due soon
 * (open, due by the end of the second working day after today), overdue (open, past its due time),
 * closed (final: closed or cancelled), or all of them.
 */
public enum ListView {
    UNREAD,
    OPEN,
    DUE_SOON,
    OVERDUE,
    CLOSED,
    ALL
}
