package ee.datahub.enquiryhub.enquiry;

/** Why a change-feed row exists: a message was created or updated. */
public enum ChangeReason {
    CREATE,
    UPDATE
}
