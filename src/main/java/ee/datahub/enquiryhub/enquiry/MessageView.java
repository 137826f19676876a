package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One message as search and the change feed show it ({@code directMessageResult}): the enquiry
 * itself, or one answer carrying its enquiry's fields for context. {@code requestStatus} is always
 * the enquiry's status.
 */
public record MessageView(
        UUID requestId,
        Optional<UUID> responseId,
        Instant timestamp,
        Eic sender,
        Eic receiver,
        Eic meter,
        Eic customer,
        Topic topic,
        Optional<Reference> reference,
        RequestStatus requestStatus,
        Optional<String> requestComment,
        Optional<String> responseComment) {

    public MessageView at(Instant newTimestamp) {
        return new MessageView(requestId, responseId, newTimestamp, sender, receiver, meter, customer, topic, reference,
                requestStatus, requestComment, responseComment);
    }
}
