package ee.datahub.enquiryhub.write;

import java.util.UUID;

/**
 * One write as a door hands it to the pipeline. Idempotency is keyed by {@code scope} (the participant
 * acted for, spec §4) and {@code documentId} (the caller's {@code x-document-identification}, or a web
 * form's), bound to one {@code operation} (e.g. the path template) and {@code fingerprint} (a digest of
 * the canonical request); {@code answerDocumentId} is replayed with the outcome.
 */
public record WriteRequest(
        String scope,
        UUID documentId,
        String operation,
        String fingerprint,
        UUID answerDocumentId,
        String traceId,
        String action) {}
