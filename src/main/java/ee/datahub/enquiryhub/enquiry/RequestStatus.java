package ee.datahub.enquiryhub.enquiry;

/** {@code requestStatus}: an enquiry's state, or what an answer does to it. */
public enum RequestStatus {
    OPEN,
    CLOSE,
    CANCEL;

    public boolean isFinal() {
        return this != OPEN;
    }
}
