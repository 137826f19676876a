package ee.datahub.enquiryhub.access;

/** The two sides of every enquiry. */
public enum Side {
    /** The open supplier that sent the enquiry. */
    SENDER,
    /** The grid operator or closed distribution network that receives and answers it. */
    RECEIVER;

    public Side other() {
        return this == SENDER ? RECEIVER : SENDER;
    }
}
