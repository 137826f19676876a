package ee.datahub.enquiryhub.write;

import java.util.UUID;

/**
 * What the pipeline answers a door with: the outcome (the first one, when this was a repetition)
 * and the document id the answer carries.
 */
public record Written(Outcome outcome, UUID answerDocumentId, boolean replayed) {}
