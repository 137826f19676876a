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
 * An enquiry's thread as the feed stored it at one write, read as the stored text of its fields, for writers
 * that put those fields straight into a feed page (v1 rows, v2 changes, push deliveries).
 *
 * <p>Trusted, because only the hub writes snapshots ({@link SnapshotCodec#write} from an {@link EnquiryView}
 * whose values were validated when they came in, or migrations and the benchmark's seed with the same
 * shapes): the EICs come back as stored, without the EIC check again. The text is never trusted to be
 * in the written form where the form could differ: ids come back in UUID's canonical text, times in
 * {@link HubTime#format}'s, enum names as the enum names them. {@link #view()} reads the snapshot as
 * every other path does, checking each value.
 */
public final class Snapshot {

    /** The days an enquiry had to be answered in before deadlines existed (what migration V9 gave them). */
    private static final Duration DEADLINE_BEFORE_DEADLINES = Duration.ofDays(14);

    private final String id;
    private final long version;
    private final String commodity;
    private final String sender;
    private final String receiver;
    private final String meter;
    private final String customer;
    private final String topic;
    private final String referenceType;
    private final String referenceValue;
    private final String status;
    private final String comment;
    private final String createdAt;
    private final String updatedAt;
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
        this.id = id;
        this.version = version;
        this.commodity = commodity;
        this.sender = sender;
        this.receiver = receiver;
        this.meter = meter;
        this.customer = customer;
        this.topic = topic;
        this.referenceType = referenceType;
        this.referenceValue = referenceValue;
        this.status = status;
        this.comment = comment;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.dueAt = dueAt;
        this.answers = List.copyOf(answers);
    }

    /** One answer of the stored thread. */
    public static final class Answer {

        private final String id;
        private final long version;
        private final String author;
        private final String status;
        private final String comment;
        private final String createdAt;
        private final String updatedAt;

        Answer(
                String id,
                long version,
                String author,
                String status,
                String comment,
                String createdAt,
                String updatedAt) {
            this.id = id;
            this.version = version;
            this.author = author;
            this.status = status;
            this.comment = comment;
            this.createdAt = createdAt;
            this.updatedAt = updatedAt;
        }

        /** The answer's id as UUID writes it. */
        public String id() {
            return canonicalUuid(id);
        }

        public AnswerId answerId() {
            return new AnswerId(UUID.fromString(id));
        }

        public long version() {
            return version;
        }

        /** The author's EIC as stored (checked when it was written). */
        public String author() {
            return author;
        }

        public RequestStatus status() {
            return RequestStatus.valueOf(status);
        }

        public Optional<String> comment() {
            return Optional.ofNullable(comment);
        }

        /** In {@link HubTime#format}'s form. */
        public String createdAt() {
            return HubTime.reformat(createdAt);
        }

        /** In {@link HubTime#format}'s form. */
        public String updatedAt() {
            return HubTime.reformat(updatedAt);
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

    /** The enquiry's id as UUID writes it. */
    public String id() {
        return canonicalUuid(id);
    }

    public EnquiryId enquiryId() {
        return new EnquiryId(UUID.fromString(id));
    }

    public long version() {
        return version;
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

    public RequestStatus status() {
        return RequestStatus.valueOf(status);
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** In {@link HubTime#format}'s form. */
    public String createdAt() {
        return HubTime.reformat(createdAt);
    }

    /** In {@link HubTime#format}'s form. */
    public String updatedAt() {
        return HubTime.reformat(updatedAt);
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

    /** Snapshots carried over from before deadlines existed get the ones the migration gave their enquiries. */
    private Instant dueAtInstant() {
        return dueAt != null ? Instant.parse(dueAt) : Instant.parse(createdAt).plus(DEADLINE_BEFORE_DEADLINES);
    }

    /** {@code UUID.fromString(text).toString()}, without parsing text that already is in that form. */
    static String canonicalUuid(String text) {
        return isCanonicalUuid(text) ? text : UUID.fromString(text).toString();
    }

    private static boolean isCanonicalUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
