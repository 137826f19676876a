package ee.datahub.enquiryhub.mail;

/** Why an email was not sent after all: decided when it was due to be sent. */
public enum DropReason {
    /** The person turned this kind of email off (or unsubscribed) meanwhile. */
    UNSUBSCRIBED,
    /** The person no longer holds a grant that lets it read enquiries in the email's context. */
    NO_PERMISSION,
    /** The person's address is not confirmed (any more: it was changed). */
    UNCONFIRMED,
    /** The enquiry is not visible in the context (any more). */
    NOT_VISIBLE,
    /** A digest with nothing left to tell: every enquiry it would list was answered meanwhile. */
    NOTHING_DUE,
    /** A confirmation no longer needed: the address was confirmed or changed meanwhile. */
    SUPERSEDED
}
