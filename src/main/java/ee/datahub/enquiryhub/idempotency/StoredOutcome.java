package ee.datahub.enquiryhub.idempotency;

import java.util.UUID;

/** The first outcome of a write: replayed unchanged to every repetition of its document id. */
public record StoredOutcome(int status, String body, UUID responseDocumentId) {}
