package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An enquiry with its thread of answers as of one version: what v2 represents, what the web shows,
 * and what the change feed keeps as the snapshot of each write. {@code version} grows by one with
 * every write to the enquiry or one of its answers; answers are in the order they were first written.
 * {@code dueAt}: when the receiver owes its final answer.
 */
public record EnquiryView(
        EnquiryId id,
        long version,
        Commodity commodity,
        Eic sender,
        Eic receiver,
        Eic meter,
        Eic customer,
        Topic topic,
        Optional<Reference> reference,
        RequestStatus status,
        Optional<String> comment,
        Instant createdAt,
        Instant updatedAt,
        Instant dueAt,
        List<AnswerView> answers) {

    public EnquiryView {
        answers = List.copyOf(answers);
    }

    public Optional<AnswerView> answer(AnswerId id) {
        return answers.stream().filter(answer -> answer.id().equals(id)).findFirst();
    }

    /** The v1 row of this enquiry ({@code answer} empty) or of one of its answers, stamped {@code timestamp}. */
    public MessageView message(Optional<AnswerId> answer, Instant timestamp) {
        var comment = answer.flatMap(this::answer).flatMap(AnswerView::comment);
        return new MessageView(
                id,
                answer,
                timestamp,
                sender,
                receiver,
                meter,
                customer,
                topic,
                reference,
                status,
                this.comment,
                comment,
                dueAt);
    }
}
