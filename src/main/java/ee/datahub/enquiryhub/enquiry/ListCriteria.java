package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.time.Instant;
import java.util.Optional;

/**
 * Filters of a list of enquiries (v2's list, the web's inbox), all optional and ANDed: EICs, topic,
 * status and reference value match exactly; {@code createdFrom}/{@code createdTo} bound the creation
 * time as {@code [from, to)}; {@code text} matches enquiries whose comment or any of whose answers'
 * comments contains it, case-insensitively.
 */
public record ListCriteria(
        Optional<Eic> meter,
        Optional<Eic> customer,
        Optional<Eic> sender,
        Optional<Eic> receiver,
        Optional<Topic> topic,
        Optional<RequestStatus> status,
        Optional<String> referenceValue,
        Optional<Instant> createdFrom,
        Optional<Instant> createdTo,
        Optional<String> text,
        Optional<Boolean> overdue,
        boolean newestFirst) {

    public static ListCriteria none() {
        return new ListCriteria(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true);
    }
}
