package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.time.Instant;
import java.util.Optional;

/** One answer of an enquiry's thread: OPEN is interim, CLOSE final. */
public record AnswerView(
        AnswerId id,
        long version,
        Eic author,
        RequestStatus status,
        Optional<String> comment,
        Instant createdAt,
        Instant updatedAt) {}
