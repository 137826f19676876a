package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Writers.Writer;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An enquiry's change history as the enquiry page shows it: each write (from the change feed, which
 * keeps a snapshot of the thread as of every write), who wrote it (the participant and side, and the
 * person by name or the API), what kind of write it was, and the fields it set — all of them for the
 * first write, those that changed (old and new) for the later ones.
 */
record EnquiryHistory(List<Entry> entries) {

    /** What a write did. */
    enum Kind {
        SENT,
        CHANGED,
        CANCELLED,
        CLOSED,
        INTERIM_ANSWER,
        FINAL_ANSWER,
        ANSWER_CHANGED
    }

    /** How a field's value is shown: as written, as the message it names, or as the participant its EIC names. */
    enum Display {
        TEXT,
        MESSAGE,
        PARTY
    }

    /** A field a write set: its label (a message key), its value before (none for a first write) and after. */
    record Field(String label, Optional<String> before, String value, Display display) {}

    /**
     * One write: when, by which side and participant (and, where recorded, which person, or the API),
     * what it did and which fields it set.
     */
    record Entry(
            Instant at,
            long version,
            Side author,
            Eic authorEic,
            Optional<Writer> writer,
            Kind kind,
            List<Field> fields) {}

    /** The writes after {@code version} (what changed since a form was opened at it), oldest first. */
    public List<Entry> since(long version) {
        return entries.stream().filter(entry -> entry.version() > version).toList();
    }

    static EnquiryHistory of(List<ChangeFeed.HistoryEntry> changes, Map<Long, Writer> writers) {
        var entries = new ArrayList<Entry>();
        EnquiryView previous = null;
        for (var change : changes) {
            var row = change.change();
            var now = row.enquiry();
            var author = change.author() == Side.SENDER ? now.sender() : now.receiver();
            if (row.answer().isPresent()) {
                var answer = now.answer(row.answer().get()).orElseThrow();
                var before = previous == null ? Optional.<AnswerView>empty() : previous.answer(answer.id());
                var kind = row.reason() == ChangeReason.CREATE
                        ? answer.status() == RequestStatus.CLOSE ? Kind.FINAL_ANSWER : Kind.INTERIM_ANSWER
                        : Kind.ANSWER_CHANGED;
                entries.add(new Entry(
                        row.timestamp(),
                        now.version(),
                        change.author(),
                        author,
                        Optional.ofNullable(writers.get(now.version())),
                        kind,
                        answerFields(before, answer)));
            } else {
                var was = Optional.ofNullable(row.reason() == ChangeReason.CREATE ? null : previous);
                var kind = row.reason() == ChangeReason.CREATE
                        ? Kind.SENT
                        : now.status() == RequestStatus.CANCEL
                                        && was.map(EnquiryView::status).orElse(null) != RequestStatus.CANCEL
                                ? Kind.CANCELLED
                                : now.status() == RequestStatus.CLOSE
                                                && was.map(EnquiryView::status).orElse(null) != RequestStatus.CLOSE
                                        ? Kind.CLOSED
                                        : Kind.CHANGED;
                entries.add(new Entry(
                        row.timestamp(),
                        now.version(),
                        change.author(),
                        author,
                        Optional.ofNullable(writers.get(now.version())),
                        kind,
                        enquiryFields(was, now)));
            }
            previous = now;
        }
        return new EnquiryHistory(List.copyOf(entries));
    }

    private static List<Field> enquiryFields(Optional<EnquiryView> before, EnquiryView now) {
        var fields = new ArrayList<Field>();
        changed(fields, before, now, "enquiry.meter", e -> e.meter().value(), Display.TEXT);
        changed(fields, before, now, "enquiry.customer", e -> e.customer().value(), Display.TEXT);
        changed(fields, before, now, "enquiry.topic", e -> "enum." + e.topic().name(), Display.MESSAGE);
        changed(
                fields,
                before,
                now,
                "enquiry.reference",
                e -> e.reference().map(Reference::value).orElse(""),
                Display.TEXT);
        changed(fields, before, now, "enquiry.receiver", e -> e.receiver().value(), Display.PARTY);
        changed(fields, before, now, "enquiry.comment", e -> e.comment().orElse(""), Display.TEXT);
        return List.copyOf(fields);
    }

    private static List<Field> answerFields(Optional<AnswerView> before, AnswerView now) {
        var fields = new ArrayList<Field>();
        if (before.isPresent() && before.get().status() != now.status()) {
            fields.add(new Field("answer.kind", Optional.of(kindOf(before.get())), kindOf(now), Display.MESSAGE));
        }
        var comment = now.comment().orElse("");
        if (!comment.equals(before.flatMap(AnswerView::comment).orElse(""))
                || (before.isEmpty() && !comment.isEmpty())) {
            fields.add(
                    new Field("answer.comment", before.map(was -> was.comment().orElse("")), comment, Display.TEXT));
        }
        return List.copyOf(fields);
    }

    private static String kindOf(AnswerView answer) {
        return answer.status() == RequestStatus.CLOSE ? "answer.final" : "answer.interim";
    }

    private static void changed(
            List<Field> fields,
            Optional<EnquiryView> before,
            EnquiryView now,
            String label,
            Function<EnquiryView, String> value,
            Display display) {
        var current = value.apply(now);
        if (before.isEmpty() ? !current.isEmpty() : !Objects.equals(value.apply(before.get()), current)) {
            fields.add(new Field(label, before.map(value), current, display));
        }
    }
}
