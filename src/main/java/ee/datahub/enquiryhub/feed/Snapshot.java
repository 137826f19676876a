package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An enquiry's thread as the feed stored it at one write, read as the stored text of its fields, for
 * writers that put them straight into a feed page. Trusted (only the hub writes snapshots): EICs come
 * back unchecked, ids, times and enum names in canonical form; {@link #view()} checks every value.
 */
public final class Snapshot extends StoredMessage {

    // The days an enquiry had to be answered in before deadlines existed (what migration V9 gave them).
    private static final Duration DEADLINE_BEFORE_DEADLINES = Duration.ofDays(14);

    private final String commodity;
    private final String sender;
    private final String receiver;
    private final String meter;
    private final String customer;
    private final String topic;
    private final String referenceType;
    private final String referenceValue;
    private final String dueAt;
    private final List<Answer> answers;
    private volatile EnquiryView view;

    /** Fields as {@link SnapshotCodec} read them; absent ones null. */
    Snapshot(
            String id,
            long version,
            String commodity,
            String sender,
            String receiver,
            String meter,
            String customer,
            String topic,
            String referenceType,
            String referenceValue,
            String status,
            String comment,
            String createdAt,
            String updatedAt,
            String dueAt,
            List<Answer> answers) {
        super(id, version, status, comment, createdAt, updatedAt);
        this.commodity = commodity;
        this.sender = sender;
        this.receiver = receiver;
        this.meter = meter;
        this.customer = customer;
        this.topic = topic;
        this.referenceType = referenceType;
        this.referenceValue = referenceValue;
        this.dueAt = dueAt;
        this.answers = List.copyOf(answers);
    }

    /** One answer of the stored thread. */
    public static final class Answer extends StoredMessage {

        private final String author;

        Answer(
                String id,
                long version,
                String author,
                String status,
                String comment,
                String createdAt,
                String updatedAt) {
            super(id, version, status, comment, createdAt, updatedAt);
            this.author = author;
        }

        public AnswerId answerId() {
            return new AnswerId(UUID.fromString(id));
        }

        /** The author's EIC as stored (checked when it was written). */
        public String author() {
            return author;
        }

        AnswerView view() {
            return new AnswerView(
                    answerId(),
                    version,
                    new Eic(author),
                    RequestStatus.valueOf(status),
                    Optional.ofNullable(comment),
                    Instant.parse(createdAt),
                    Instant.parse(updatedAt));
        }
    }

    public EnquiryId enquiryId() {
        return new EnquiryId(UUID.fromString(id));
    }

    public Commodity commodity() {
        return Commodity.valueOf(commodity);
    }

    /** The sender's EIC as stored (checked when it was written), as are {@link #receiver}, {@link #meter} and {@link #customer}. */
    public String sender() {
        return sender;
    }

    public String receiver() {
        return receiver;
    }

    public String meter() {
        return meter;
    }

    public String customer() {
        return customer;
    }

    public Topic topic() {
        return Topic.valueOf(topic);
    }

    /** The reference's type, when the enquiry has one ({@link #referenceValue} then is its value). */
    public Optional<ReferenceType> referenceType() {
        return Optional.ofNullable(referenceType).map(ReferenceType::valueOf);
    }

    public String referenceValue() {
        return referenceValue;
    }

    /** In {@link HubTime#format}'s form. */
    public String dueAt() {
        return dueAt != null ? HubTime.reformat(dueAt) : HubTime.format(dueAtInstant());
    }

    public List<Answer> answers() {
        return answers;
    }

    /** The answer with this id, when the thread has it. */
    public Optional<Answer> answer(AnswerId answer) {
        for (var a : answers) {
            if (a.answerId().equals(answer)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The thread as an {@link EnquiryView}, every value checked as it is read (once: the view is kept). */
    public EnquiryView view() {
        var read = view;
        if (read == null) {
            var answerViews = new ArrayList<AnswerView>(answers.size());
            answers.forEach(a -> answerViews.add(a.view()));
            read = new EnquiryView(
                    enquiryId(),
                    version,
                    Commodity.valueOf(commodity),
                    new Eic(sender),
                    new Eic(receiver),
                    new Eic(meter),
                    new Eic(customer),
                    Topic.valueOf(topic),
                    Optional.ofNullable(referenceType)
                            .map(type -> new Reference(ReferenceType.valueOf(type), referenceValue)),
                    RequestStatus.valueOf(status),
                    Optional.ofNullable(comment),
                    Instant.parse(createdAt),
                    Instant.parse(updatedAt),
                    dueAtInstant(),
                    answerViews);
            view = read;
        }
        return read;
    }

    // Snapshots carried over from before deadlines existed get the ones the migration gave their enquiries.
    private Instant dueAtInstant() {
        return dueAt != null ? Instant.parse(dueAt) : Instant.parse(createdAt).plus(DEADLINE_BEFORE_DEADLINES);
    }
}
