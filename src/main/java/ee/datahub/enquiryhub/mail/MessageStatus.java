package ee.datahub.enquiryhub.mail;

/** Where an email is: waiting (first try or a retry), sent, given up on, or not to be sent after all. */
public enum MessageStatus {
    PENDING,
    SENT,
    FAILED,
    DROPPED
}
