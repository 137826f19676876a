package ee.datahub.enquiryhub.mail;

/** What an email tells of. The order is part of unsubscribe links: add new kinds at the end. */
public enum Kind {
    /** A link that confirms the person's address; the only email sent to an unconfirmed address. */
    CONFIRMATION,
    /** A new enquiry received by the person's participant (a grid operator's or closed network's context). */
    NEW_ENQUIRY,
    /** An answer to an enquiry the person's participant sent (an open supplier's context). */
    ANSWER,
    /** The daily list of open enquiries due soon or overdue. */
    DIGEST
}
