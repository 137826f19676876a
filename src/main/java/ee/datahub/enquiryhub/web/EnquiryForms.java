package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.enquiry.AnswerChange;
import ee.datahub.enquiryhub.enquiry.AnswerDraft;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.EnquiryChange;
import ee.datahub.enquiryhub.enquiry.EnquiryDraft;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.ListCriteria;
import ee.datahub.enquiryhub.enquiry.ListDraft;
import ee.datahub.enquiryhub.enquiry.ListPreferences;
import ee.datahub.enquiryhub.enquiry.ListView;
import ee.datahub.enquiryhub.enquiry.NewAnswer;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.SortKey;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The enquiry pages' forms, as records bound from the posted texts and read as the domain's drafts.
 * Blank fields are not given; EICs are taken without surrounding spaces, and a comment's line breaks
 * as one character each (a browser sends CR LF).
 */
final class EnquiryForms {

    private EnquiryForms() {}

    /** A form that writes: the document id it was rendered with (idempotency) and, for a change, the version. */
    interface WriteForm {

        String documentId();

        String version();

        /** What the write sends, for its idempotency fingerprint: every field but the document id. */
        Map<String, String> fields();

        /** The same form to be sent anew (after a refusal): a new document id, and the version now shown if given. */
        WriteForm renewed(Optional<Long> version);

        /** The document id as posted; a form that lacks one was not rendered by the hub. */
        default UUID documentUuid() {
            return JsonObject.parseUuid(text(documentId()), "documentId");
        }

        default Optional<Long> expectedVersion() {
            try {
                return Optional.of(Long.parseLong(text(version())));
            } catch (NumberFormatException e) {
                throw new HubException(
                        ErrorCode.INVALID_VALUE, "The form lacks the version it was rendered with", "version");
            }
        }
    }

    /** An enquiry as the supplier writes it: the create form (fill in, check, send) and the change form. */
    record EnquiryForm(
            String documentId,
            String version,
            String meterEic,
            String customerEic,
            String topic,
            String referenceValue,
            String requestComment,
            String receiverEic)
            implements WriteForm, Serializable {

        EnquiryForm {
            documentId = text(documentId);
            version = text(version);
            meterEic = orEmpty(meterEic);
            customerEic = orEmpty(customerEic);
            topic = orEmpty(topic);
            referenceValue = orEmpty(referenceValue);
            requestComment = comment(requestComment);
            receiverEic = orEmpty(receiverEic);
        }

        static EnquiryForm blank() {
            return new EnquiryForm(newDocumentId(), "", "", "", "", "", "", "");
        }

        static EnquiryForm of(EnquiryView enquiry) {
            return new EnquiryForm(
                    newDocumentId(),
                    String.valueOf(enquiry.version()),
                    enquiry.meter().value(),
                    enquiry.customer().value(),
                    enquiry.topic().name(),
                    enquiry.reference().map(Reference::value).orElse(""),
                    enquiry.comment().orElse(""),
                    "");
        }

        /** The new enquiry as the domain's draft: OPEN, its reference an invoice's, a blank comment none. */
        EnquiryDraft draft() {
            return draft(given(requestComment));
        }

        /**
         * The change of {@code current} this form asks for, checked as a whole enquiry (metering point,
         * customer and topic required). They are always sent (the hub changes nothing for a value that
         * stays); the comment when it differs (emptied: removed); the reference when one is given (it
         * cannot be removed); the receiver only when another one is chosen, so that an untouched receiver
         * stays resolved from the metering point.
         */
        EnquiryChange change(EnquiryView current) {
            var wanted = draft(Optional.of(requestComment)).toNew();
            return new EnquiryChange(
                    Optional.of(wanted.meter()),
                    Optional.of(wanted.customer()),
                    Optional.of(wanted.topic()),
                    wanted.reference(),
                    Optional.empty(),
                    wanted.comment()
                            .filter(c ->
                                    !c.text().equals(comment(current.comment().orElse("")))),
                    wanted.receiver().filter(receiver -> !receiver.equals(current.receiver())));
        }

        @Override
        public EnquiryForm renewed(Optional<Long> shown) {
            return new EnquiryForm(
                    newDocumentId(),
                    shown.map(String::valueOf).orElse(version),
                    meterEic,
                    customerEic,
                    topic,
                    referenceValue,
                    requestComment,
                    receiverEic);
        }

        @Override
        public Map<String, String> fields() {
            return sorted(
                    "version",
                    version,
                    "meterEic",
                    meterEic,
                    "customerEic",
                    customerEic,
                    "topic",
                    topic,
                    "referenceValue",
                    referenceValue,
                    "requestComment",
                    requestComment,
                    "receiverEic",
                    receiverEic);
        }

        private EnquiryDraft draft(Optional<String> comment) {
            return new EnquiryDraft(
                    given(meterEic),
                    given(customerEic),
                    given(topic),
                    given(referenceValue)
                            .map(value -> new EnquiryDraft.ReferenceDraft(
                                    Optional.of(ReferenceType.INVOICE.name()), Optional.of(value))),
                    Optional.of(RequestStatus.OPEN.name()),
                    comment,
                    given(receiverEic));
        }
    }

    /** The receiver's answer, new or changed: interim ({@code OPEN}) or final ({@code CLOSE}), and a comment. */
    record AnswerForm(String documentId, String version, String answerStatus, String responseComment)
            implements WriteForm {

        AnswerForm {
            documentId = text(documentId);
            version = text(version);
            answerStatus = orEmpty(answerStatus);
            responseComment = comment(responseComment);
        }

        static AnswerForm of(EnquiryView enquiry) {
            return new AnswerForm(newDocumentId(), String.valueOf(enquiry.version()), "", "");
        }

        static AnswerForm of(EnquiryView enquiry, AnswerView answer) {
            return new AnswerForm(
                    newDocumentId(),
                    String.valueOf(enquiry.version()),
                    answer.status().name(),
                    answer.comment().orElse(""));
        }

        NewAnswer answer() {
            return new AnswerDraft(given(answerStatus), given(responseComment)).toNew();
        }

        /**
         * The change of {@code current} this form asks for: its kind always (required; the hub changes
         * nothing for one that stays), the comment when it differs (emptied: removed).
         */
        AnswerChange change(AnswerView current) {
            var wanted = new AnswerDraft(given(answerStatus), Optional.of(responseComment)).toNew();
            return new AnswerChange(
                    Optional.of(wanted.status()),
                    wanted.comment()
                            .filter(c ->
                                    !c.text().equals(comment(current.comment().orElse("")))));
        }

        @Override
        public AnswerForm renewed(Optional<Long> shown) {
            return new AnswerForm(
                    newDocumentId(), shown.map(String::valueOf).orElse(version), answerStatus, responseComment);
        }

        @Override
        public Map<String, String> fields() {
            return sorted("version", version, "answerStatus", answerStatus, "responseComment", responseComment);
        }
    }

    /** Cancelling or closing an enquiry: nothing to fill in, a confirmation with the version seen. */
    record ConfirmForm(String documentId, String version) implements WriteForm {

        ConfirmForm {
            documentId = text(documentId);
            version = text(version);
        }

        static ConfirmForm of(EnquiryView enquiry) {
            return new ConfirmForm(newDocumentId(), String.valueOf(enquiry.version()));
        }

        @Override
        public ConfirmForm renewed(Optional<Long> shown) {
            return new ConfirmForm(newDocumentId(), shown.map(String::valueOf).orElse(version));
        }

        @Override
        public Map<String, String> fields() {
            return sorted("version", version);
        }
    }

    /**
     * The filters of the inbox and the sent enquiries (spec §6's list filters), read as the domain's
     * list draft, every refused filter shown beside its field; the metering point, customer and
     * reference match by their start, in any case. Dates are whole days in Estonian time, both ends
     * included. {@code view} and {@code sort} (e.g. {@code due-asc}) choose the quick view and the order;
     * blank: the person's last choice ({@link Shown}).
     */
    record ListFilter(
            String meterEic,
            String customerEic,
            String senderEic,
            String receiverEic,
            String topic,
            String status,
            String referenceValue,
            String createdFrom,
            String createdTo,
            String q,
            String overdue,
            String view,
            String sort) {

        ListFilter {
            meterEic = orEmpty(meterEic);
            customerEic = orEmpty(customerEic);
            senderEic = orEmpty(senderEic);
            receiverEic = orEmpty(receiverEic);
            topic = orEmpty(topic);
            status = orEmpty(status);
            referenceValue = orEmpty(referenceValue);
            createdFrom = orEmpty(createdFrom);
            createdTo = orEmpty(createdTo);
            q = orEmpty(q);
            overdue = orEmpty(overdue);
            view = text(view);
            sort = text(sort);
        }

        /** @throws FormCheck.FormInvalid with every refused filter */
        ListCriteria criteria(Shown shown) {
            var check = new FormCheck();
            var from = check.field(() -> day("createdFrom", createdFrom, 0));
            var to = check.field(() -> day("createdTo", createdTo, 1));
            check.rule(() -> Period.requireOrdered(from.flatMap(f -> f), to.flatMap(t -> t), "createdTo"));
            var draft = new ListDraft(
                    given(q),
                    given(meterEic),
                    given(customerEic),
                    given(senderEic),
                    given(receiverEic),
                    given(topic),
                    given(status),
                    given(referenceValue));
            var criteria = check.read(() -> draft.toPrefixCriteria(
                    from.flatMap(f -> f),
                    to.flatMap(t -> t),
                    "true".equals(overdue) ? Optional.of(true) : Optional.empty()));
            check.refuseIfAny();
            return criteria.orElseThrow().showing(shown.view(), shown.sort(), shown.descending());
        }

        /**
         * The view and order this filter names, each in place of the fallback's (unknown names are not
         * names: the fallback's stands).
         */
        Shown shownOver(Shown fallback) {
            return new Shown(
                    Shown.view(view).orElse(fallback.view()),
                    Shown.sort(sort).map(Shown::sort).orElse(fallback.sort()),
                    Shown.sort(sort).map(Shown::descending).orElse(fallback.descending()));
        }

        /** True when this filter names a view or an order (which the person's choice then is). */
        boolean namesShown() {
            return Shown.view(view).isPresent() || Shown.sort(sort).isPresent();
        }

        /** The same filters with this view and order. */
        ListFilter showing(Shown shown) {
            return new ListFilter(
                    meterEic,
                    customerEic,
                    senderEic,
                    receiverEic,
                    topic,
                    status,
                    referenceValue,
                    createdFrom,
                    createdTo,
                    q,
                    overdue,
                    Shown.name(shown.view()),
                    Shown.name(shown.sort()) + (shown.descending() ? "-desc" : "-asc"));
        }

        /** The filters, view and order as query parameters (for the live updates and the pages' links), blank ones left out. */
        Map<String, String> parameters() {
            var parameters = filters();
            given(view).ifPresent(text -> parameters.put("view", text));
            given(sort).ifPresent(text -> parameters.put("sort", text));
            return parameters;
        }

        private TreeMap<String, String> filters() {
            var parameters = new TreeMap<String, String>();
            Map.of(
                            "meterEic",
                            meterEic,
                            "customerEic",
                            customerEic,
                            "senderEic",
                            senderEic,
                            "receiverEic",
                            receiverEic,
                            "topic",
                            topic,
                            "status",
                            status,
                            "referenceValue",
                            referenceValue,
                            "createdFrom",
                            createdFrom,
                            "createdTo",
                            createdTo,
                            "q",
                            q)
                    .forEach((name, value) -> given(value).ifPresent(text -> parameters.put(name, text)));
            if ("true".equals(overdue)) {
                parameters.put("overdue", "true");
            }
            return parameters;
        }

        /** True when no filter is given (the view and order aside). */
        boolean isEmpty() {
            return filters().isEmpty();
        }

        /** True when one of the filters kept under "more filters" is given. */
        boolean moreGiven() {
            return !(senderEic + receiverEic + topic + status + createdFrom + createdTo + overdue).isBlank();
        }
    }

    /**
     * Rows of the list ticked to be marked read ({@code mark=read}) or unread, and the list to return to
     * (an address of the list, else the list itself). At most a page's worth; ids that are not ids are left out.
     */
    record MarkForm(List<String> ids, String mark, String back) {

        static final int MAX = 100;

        MarkForm {
            ids = ids == null ? List.of() : List.copyOf(ids);
            mark = text(mark);
            back = text(back);
        }

        List<EnquiryId> enquiries() {
            return ids.stream()
                    .limit(MAX)
                    .map(EnquiryForms::uuid)
                    .flatMap(Optional::stream)
                    .map(EnquiryId::new)
                    .distinct()
                    .toList();
        }

        boolean read() {
            return "read".equals(mark);
        }

        /** Only an address of the list: never another site, nor another page. */
        @Override
        public String back() {
            return back.equals("/web/enquiries") || back.startsWith("/web/enquiries?") ? back : "/web/enquiries";
        }
    }

    private static Optional<UUID> uuid(String text) {
        try {
            var value = text(text);
            return value.length() == 36 ? Optional.of(UUID.fromString(value)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A list's quick view and order as the addresses name them: {@code view=due-soon},
     * {@code sort=created-desc}.
     */
    record Shown(ListView view, SortKey sort, boolean descending) {

        static final Shown DEFAULT = new Shown(ListView.ALL, SortKey.CREATED, true);

        static Optional<ListView> view(String view) {
            return Arrays.stream(ListView.values())
                    .filter(v -> name(v).equals(view))
                    .findFirst();
        }

        /** The order {@code sort} names ({@code due-asc}), the view aside. */
        static Optional<Shown> sort(String sort) {
            return Arrays.stream(SortKey.values())
                    .filter(k -> sort.equals(name(k) + "-asc") || sort.equals(name(k) + "-desc"))
                    .findFirst()
                    .map(key -> new Shown(ListView.ALL, key, sort.endsWith("-desc")));
        }

        static Shown of(ListPreferences.Preference preference) {
            return new Shown(preference.view(), preference.sort(), preference.descending());
        }

        ListPreferences.Preference preference() {
            return new ListPreferences.Preference(view, sort, descending);
        }

        /** {@code due-soon} for {@code DUE_SOON}. */
        static String name(Enum<?> value) {
            return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        String sortName() {
            return name(sort) + (descending ? "-desc" : "-asc");
        }
    }

    /** A period of whole days in Estonian time, both ends included (the answer statistics). */
    record PeriodForm(String from, String to) {

        PeriodForm {
            from = orEmpty(from);
            to = orEmpty(to);
        }

        /** This period, or the {@code days} up to {@code today} when none is chosen. */
        PeriodForm orLast(int days, LocalDate today) {
            return from.isBlank() && to.isBlank()
                    ? new PeriodForm(today.minusDays(days).toString(), today.toString())
                    : this;
        }

        /** @throws FormCheck.FormInvalid with every refused field */
        Period period() {
            var check = new FormCheck();
            var start = check.field(() -> day("from", from, 0)
                    .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "from is required", "from")));
            var end = check.field(() -> day("to", to, 1)
                    .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "to is required", "to")));
            check.rule(() -> Period.requireOrdered(start, end, "to"));
            check.refuseIfAny();
            return new Period(start.orElseThrow(), end.orElseThrow());
        }
    }

    /** From the start of a day to the start of the day after the last one. */
    record Period(Instant from, Instant to) {

        /** Refuses an end before the start ({@code field} names the end), when both are given. */
        static void requireOrdered(Optional<Instant> from, Optional<Instant> to, String field) {
            if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
                throw new HubException(ErrorCode.INVALID_VALUE, field + " is before the first day", field);
            }
        }
    }

    /**
     * The start of the day a date field names ({@code yyyy-MM-dd}, as a date input sends it), or of the
     * day {@code plusDays} after it (an inclusive end as an exclusive bound); empty when blank.
     */
    static Optional<Instant> day(String field, String text, int plusDays) {
        var value = text(text);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            var date = LocalDate.parse(value);
            if (date.getYear() < 1 || date.getYear() > 9998) {
                throw new DateTimeParseException("out of range", value, 0);
            }
            return Optional.of(date.plusDays(plusDays)
                    .atStartOfDay(WebConfiguration.TALLINN)
                    .toInstant());
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.INVALID_DATE_TIME, field + " is not a date like 2026-11-27", field, value);
        }
    }

    /** A comment as its author meant it: line breaks as one character each. */
    static String comment(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    static String text(String value) {
        return value == null ? "" : value.strip();
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    // A field as typed, without surrounding spaces (a copied code often brings some); blank: not given.
    private static Optional<String> given(String text) {
        return Optional.of(text(text)).filter(value -> !value.isEmpty());
    }

    private static String newDocumentId() {
        return UUID.randomUUID().toString();
    }

    static Map<String, String> sorted(String... namesAndValues) {
        var fields = new TreeMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
