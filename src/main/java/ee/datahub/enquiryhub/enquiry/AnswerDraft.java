package ee.datahub.enquiryhub.enquiry;

import java.util.List;
import java.util.Optional;

/**
 * An answer as a door received it, each field a text (empty: not given), read by the domain's value
 * rules into a new answer or a change of one; refused ({@link Refused}) with every field's problem at
 * once, in the order of {@link #FIELDS}.
 */
public record AnswerDraft(Optional<String> status, Optional<String> comment) {

    public static final List<Field> FIELDS = List.of(Field.ANSWER_STATUS, Field.ANSWER_COMMENT);

    /** A new answer: its status (interim OPEN or final CLOSE) required. */
    public NewAnswer toNew() {
        var check = new FieldCheck();
        var status = check.literal(
                Field.ANSWER_STATUS, check.required(Field.ANSWER_STATUS, this.status), RequestStatus.class);
        var comment = comment(check);
        check.refuseIfAny(FIELDS);
        return new NewAnswer(status.orElseThrow(), comment);
    }

    /** A change of an answer: status or comment, at least one. */
    public AnswerChange toChange() {
        var check = new FieldCheck();
        var status = check.literal(Field.ANSWER_STATUS, this.status, RequestStatus.class);
        var comment = comment(check);
        check.refuseIfAny(FIELDS);
        var change = new AnswerChange(status, comment);
        if (change.isEmpty()) {
            throw new Refused(new Refusal.NothingToChange());
        }
        return change;
    }

    private Optional<Comment> comment(FieldCheck check) {
        return check.checked(Field.ANSWER_COMMENT, this.comment, Comment::problemWith, Comment::new);
    }
}
