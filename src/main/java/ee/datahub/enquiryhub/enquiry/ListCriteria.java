package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.time.Instant;
import java.util.Optional;

/**
 * Filters of a list of enquiries (v2's list, the web's inbox), all optional and ANDed: EICs, topic,
 * status and reference value match exactly; {@code createdFrom}/{@code createdTo} bound the creation
 * time as {@code [from, to)}; {@code text} matches enquiries whose comment or any of whose answers'
 * comments contains it, case-insensitively; {@code starts} match by prefix. The list shows {@code view},
 * sorted by {@code sort}, descending when {@code newestFirst}.
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
        boolean newestFirst,
        Starts starts,
        ListView view,
        SortKey sort) {

    /**
     * Prefixes that the metering point's and customer's EIC and the reference value start with,
     * case-insensitively (EICs are upper case; references are compared in upper case).
     */
    public record Starts(Optional<String> meter, Optional<String> customer, Optional<String> reference) {

        public static Starts none() {
            return new Starts(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public ListCriteria(
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
        this(
                meter,
                customer,
                sender,
                receiver,
                topic,
                status,
                referenceValue,
                createdFrom,
                createdTo,
                text,
                overdue,
                newestFirst,
                Starts.none(),
                ListView.ALL,
                SortKey.CREATED);
    }

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

    /** These filters, showing {@code view} sorted by {@code sort}. */
    public ListCriteria showing(ListView view, SortKey sort, boolean descending) {
        return new ListCriteria(
                meter,
                customer,
                sender,
                receiver,
                topic,
                status,
                referenceValue,
                createdFrom,
                createdTo,
                text,
                overdue,
                descending,
                starts,
                view,
                sort);
    }
}
