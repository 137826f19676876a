package ee.datahub.enquiryhub.enquiry;

import static ee.datahub.enquiryhub.enquiry.EnquiryDraftTest.refusals;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.enquiry.Refusal.InvalidValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The drafts of an answer and of a list's filters report every problem at once, in their fields' order. */
class AnswerAndListDraftTest {

    @Test
    void aNewAnswerNeedsItsStatusAndAChangeOneField() {
        var answer = new AnswerDraft(Optional.of("CLOSE"), Optional.of("done")).toNew();
        assertThat(answer.status()).isEqualTo(RequestStatus.CLOSE);
        assertThat(answer.comment()).contains(new Comment("done"));

        assertThat(refusals(new AnswerDraft(Optional.empty(), Optional.of("x".repeat(4001)))::toNew))
                .containsExactly(
                        new InvalidValue(Field.ANSWER_STATUS, new Reason.Missing()),
                        new InvalidValue(Field.ANSWER_COMMENT, new Reason.TooLong(Comment.MAX_LENGTH)));
        assertThat(refusals(new AnswerDraft(Optional.empty(), Optional.empty())::toChange))
                .containsExactly(new Refusal.NothingToChange());
        assertThat(new AnswerDraft(Optional.of("OPEN"), Optional.empty())
                        .toChange()
                        .status())
                .contains(RequestStatus.OPEN);
    }

    @Test
    void aListsFiltersAreReadOrRefusedTogetherAndABlankTextSearchesNothing() {
        var criteria = new ListDraft(
                        Optional.of("  "),
                        Optional.of("38ZGO-1000001U-D"),
                        Optional.empty(),
                        Optional.of("38X-EIN-OS-----J"),
                        Optional.empty(),
                        Optional.of("INVOICE"),
                        Optional.of("OPEN"),
                        Optional.of("INV-1"))
                .toCriteria(Optional.empty(), Optional.empty(), Optional.of(true), true);
        assertThat(criteria.text()).isEmpty();
        assertThat(criteria.meter()).contains(new Eic("38ZGO-1000001U-D"));
        assertThat(criteria.sender()).contains(new Eic("38X-EIN-OS-----J"));
        assertThat(criteria.referenceValue()).contains("INV-1");
        assertThat(criteria.overdue()).contains(true);

        var draft = new ListDraft(
                Optional.of("x".repeat(ListDraft.MAX_TEXT + 1)),
                Optional.empty(),
                Optional.empty(),
                Optional.of("38ZGO-1000001U-D"),
                Optional.empty(),
                Optional.empty(),
                Optional.of("open"),
                Optional.empty());
        assertThat(refusals(() -> draft.toCriteria(Optional.empty(), Optional.empty(), Optional.empty(), true)))
                .containsExactly(
                        new InvalidValue(Field.SEARCH_TEXT, new Reason.TooLong(ListDraft.MAX_TEXT)),
                        new InvalidValue(
                                Field.SENDER,
                                new Reason.NotAnEic("38ZGO-1000001U-D", InvalidEicException.Problem.WRONG_TYPE, "X")),
                        new InvalidValue(
                                Field.STATUS, new Reason.UnknownLiteral("open", List.of("OPEN", "CLOSE", "CANCEL"))));
    }
}
