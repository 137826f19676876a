package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.EicType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The filters of a list of enquiries (v2's list, the web's inbox) as a door received them, each a text
 * (empty: not given), read by the domain's value rules into {@link ListCriteria}; refused ({@link Refused})
 * with every filter's problem at once, in the order of {@link #FIELDS}. A blank search text searches nothing.
 */
public record ListDraft(
        Optional<String> text,
        Optional<String> meter,
        Optional<String> customer,
        Optional<String> sender,
        Optional<String> receiver,
        Optional<String> topic,
        Optional<String> status,
        Optional<String> reference) {

    /** The longest text a list searches the comments for. */
    public static final int MAX_TEXT = 200;

    public static final List<Field> FIELDS = List.of(
            Field.SEARCH_TEXT,
            Field.METER,
            Field.CUSTOMER,
            Field.SENDER,
            Field.RECEIVER,
            Field.TOPIC,
            Field.STATUS,
            Field.REFERENCE_VALUE);

    /** The criteria, with the filters whose form each door reads its own way. */
    public ListCriteria toCriteria(
            Optional<Instant> createdFrom,
            Optional<Instant> createdTo,
            Optional<Boolean> overdue,
            boolean newestFirst) {
        var check = new FieldCheck();
        var criteria = new ListCriteria(
                check.eic(Field.METER, meter, Optional.of(EicType.METERING_POINT)),
                check.eic(Field.CUSTOMER, customer, Optional.empty()),
                check.eic(Field.SENDER, sender, Optional.of(EicType.PARTY)),
                check.eic(Field.RECEIVER, receiver, Optional.of(EicType.PARTY)),
                check.literal(Field.TOPIC, topic, Topic.class),
                check.literal(Field.STATUS, status, RequestStatus.class),
                check.checked(Field.REFERENCE_VALUE, reference, v -> Reason.ofText(v, Reference.MAX_LENGTH), v -> v),
                createdFrom,
                createdTo,
                check.checked(Field.SEARCH_TEXT, text, t -> Reason.ofText(t, MAX_TEXT), t -> t)
                        .filter(t -> !t.isBlank()),
                overdue,
                newestFirst);
        check.refuseIfAny(FIELDS);
        return criteria;
    }

    /**
     * The criteria of a person's list, where the metering point, the customer and the reference are the
     * start of what is looked for (any case), the other filters as in {@link #toCriteria}.
     */
    public ListCriteria toPrefixCriteria(
            Optional<Instant> createdFrom, Optional<Instant> createdTo, Optional<Boolean> overdue) {
        var check = new FieldCheck();
        var starts = new ListCriteria.Starts(
                check.checked(Field.METER, meter, v -> Reason.ofText(v, EIC_LENGTH), ListDraft::upper),
                check.checked(Field.CUSTOMER, customer, v -> Reason.ofText(v, EIC_LENGTH), ListDraft::upper),
                check.checked(Field.REFERENCE_VALUE, reference, v -> Reason.ofText(v, Reference.MAX_LENGTH), v -> v));
        var exact = new ListDraft(
                text, Optional.empty(), Optional.empty(), sender, receiver, topic, status, Optional.empty());
        var criteria = new ListCriteria[1];
        check.apply(() -> criteria[0] = exact.toCriteria(createdFrom, createdTo, overdue, true));
        check.refuseIfAny(FIELDS);
        var read = criteria[0];
        return new ListCriteria(
                read.meter(),
                read.customer(),
                read.sender(),
                read.receiver(),
                read.topic(),
                read.status(),
                read.referenceValue(),
                read.createdFrom(),
                read.createdTo(),
                read.text(),
                read.overdue(),
                read.newestFirst(),
                starts,
                read.view(),
                read.sort());
    }

    private static final int EIC_LENGTH = 16;

    private static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
