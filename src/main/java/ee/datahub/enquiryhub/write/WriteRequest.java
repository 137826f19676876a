package ee.datahub.enquiryhub.write;

import java.util.UUID;

/**
 * One write as a door hands it to the pipeline.
 *
 * @param scope whose document ids these are (the participant acted for; spec §4 keys idempotency by it)
 * @param documentId the caller's {@code x-document-identification} (or a web form's)
 * @param operation what the write is, e.g. the path template; a document id is bound to one operation
 * @param fingerprint a digest of the canonical request; a document id is bound to one request
 * @param answerDocumentId the document id the answer carries, recorded and replayed with the outcome
 * @param traceId the trace id the audit entry carries
 * @param action the action the audit entry names
 */
public record WriteRequest(
        String scope,
        UUID documentId,
        String operation,
        String fingerprint,
        UUID answerDocumentId,
        String traceId,
        String action) {}
