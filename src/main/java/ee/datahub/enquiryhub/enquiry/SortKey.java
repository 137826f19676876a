package ee.datahub.enquiryhub.enquiry;

/** What a list of enquiries is sorted by (ties by id, so that pages are stable); either way. */
public enum SortKey {
    /** When the final answer is due. */
    DUE("due_at"),
    /** When the enquiry was sent (received, for its receiver). */
    CREATED("created_at"),
    /** The enquiry's or one of its answers' last change. */
    UPDATED("updated_at");

    private final String column;

    SortKey(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
