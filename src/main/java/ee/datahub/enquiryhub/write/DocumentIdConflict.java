package ee.datahub.enquiryhub.write;

/** A document id already used by this scope for another operation or another request body. */
public final class DocumentIdConflict extends RuntimeException {

    private final java.util.UUID documentId;
    private final String firstOperation;
    private final boolean sameOperation;

    DocumentIdConflict(java.util.UUID documentId, String firstOperation, boolean sameOperation) {
        super("document id reused", null, false, false);
        this.documentId = documentId;
        this.firstOperation = firstOperation;
        this.sameOperation = sameOperation;
    }

    public java.util.UUID documentId() {
        return documentId;
    }

    /** The operation the document id was first used for. */
    public String firstOperation() {
        return firstOperation;
    }

    /** True when the first use was the same operation with another request body. */
    public boolean sameOperation() {
        return sameOperation;
    }
}
