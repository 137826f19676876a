package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import java.time.Instant;
import java.util.Optional;

/** An answer to an enquiry, changed only by its author while the enquiry is open. */
final class Answer {

    final AnswerId id;
    final EnquiryId enquiryId;
    final Eic author;
    RequestStatus status;
    Optional<String> comment;
    long version;
    final Instant createdAt;
    Instant updatedAt;

    Answer(
            AnswerId id,
            EnquiryId enquiryId,
            Eic author,
            RequestStatus status,
            Optional<String> comment,
            long version,
            Instant createdAt,
            Instant updatedAt) {
        this.id = id;
        this.enquiryId = enquiryId;
        this.author = author;
        this.status = status;
        this.comment = comment;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** Applies a change; returns false when it alters nothing. The enquiry has checked it is open and the status allowed. */
    boolean change(AnswerChange change, Instant now) {
        boolean changed = false;
        if (change.status().filter(s -> s != status).isPresent()) {
            status = change.status().get();
            changed = true;
        }
        var newComment = change.comment().map(Comment::text);
        if (newComment.filter(c -> !comment.equals(Optional.of(c))).isPresent()) {
            comment = newComment;
            changed = true;
        }
        if (changed) {
            version++;
            updatedAt = now;
        }
        return changed;
    }

    AnswerView view() {
        return new AnswerView(id, version, author, status, comment, createdAt, updatedAt);
    }
}
