package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.enquiry.PageRequest;
import java.time.Instant;
import java.util.Optional;

/** Which entries of a delivery log to list: attempted in {@code [from, to)}, with an outcome or status code, newest first. */
public record DeliveryQuery(
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<DeliveryOutcome> outcome,
        Optional<Integer> statusCode,
        PageRequest page) {}
