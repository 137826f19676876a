package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.time.Instant;
import java.util.Optional;

/**
 * One message as v1's search and change feed show it ({@code directMessageResult}): the enquiry
 * itself, or one answer carrying its enquiry's fields for context. {@code requestStatus} is always
 * the enquiry's status.
 */
public record MessageView(
        EnquiryId requestId,
        Optional<AnswerId> responseId,
        Instant timestamp,
        Eic sender,
        Eic receiver,
        Eic meter,
        Eic customer,
        Topic topic,
        Optional<Reference> reference,
        RequestStatus requestStatus,
        Optional<String> requestComment,
        Optional<String> responseComment,
        Instant dueAt) {}
