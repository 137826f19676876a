package ee.datahub.enquiryhub.enquiry;

import java.util.Optional;

/** A change of an answer by its author ({@code directMessageResponseChange}). */
public record AnswerChange(Optional<RequestStatus> status, Optional<Comment> comment) {

    public boolean isEmpty() {
        return status.isEmpty() && comment.isEmpty();
    }
}
