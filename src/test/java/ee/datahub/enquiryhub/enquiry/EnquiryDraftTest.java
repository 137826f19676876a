package ee.datahub.enquiryhub.enquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.enquiry.EnquiryDraft.ReferenceDraft;
import ee.datahub.enquiryhub.enquiry.Refusal.InvalidValue;
import ee.datahub.enquiryhub.participant.Commodity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The draft of an enquiry checks every field by the domain's rules and reports every problem at once. */
class EnquiryDraftTest {

    private static final String METER = "38ZGO-1000001U-D";
    private static final String CUSTOMER = "38X-AVP-ZW6700C6";
    private static final String GRID = "38X-EIN-ALL----B";

    @Test
    void aCompleteDraftIsANewEnquiry() {
        var enquiry = draft(METER, CUSTOMER, "INVOICE", reference("INV-1"), "OPEN", "why so much?", null)
                .toNew();

        assertThat(enquiry.meter()).isEqualTo(new Eic(METER));
        assertThat(enquiry.topic()).isEqualTo(Topic.INVOICE);
        assertThat(enquiry.reference()).contains(new Reference(ReferenceType.INVOICE, "INV-1"));
        assertThat(enquiry.comment()).contains(new Comment("why so much?"));
        assertThat(enquiry.receiver()).isEmpty();
    }

    @Test
    void everyFieldsProblemIsReportedAtOnceInTheSpecsOrder() {
        var draft = draft(
                "38zgo-1000001u-d",
                null,
                "BILL",
                new ReferenceDraft(Optional.of("RECEIPT"), Optional.of("12345678901234567")),
                "OPEN",
                "x".repeat(Comment.MAX_LENGTH + 1),
                METER);

        assertThat(refusals(draft::toNew))
                .containsExactly(
                        new InvalidValue(
                                Field.METER,
                                new Reason.NotAnEic("38zgo-1000001u-d", InvalidEicException.Problem.FORMAT, null)),
                        new InvalidValue(Field.CUSTOMER, new Reason.Missing()),
                        new InvalidValue(Field.TOPIC, new Reason.UnknownLiteral("BILL", List.of("DATA", "INVOICE"))),
                        new InvalidValue(
                                Field.REFERENCE_TYPE, new Reason.UnknownLiteral("RECEIPT", List.of("INVOICE"))),
                        new InvalidValue(Field.REFERENCE_VALUE, new Reason.TooLong(Reference.MAX_LENGTH)),
                        new InvalidValue(Field.REQUEST_COMMENT, new Reason.TooLong(Comment.MAX_LENGTH)),
                        new InvalidValue(
                                Field.RECEIVER,
                                new Reason.NotAnEic(METER, InvalidEicException.Problem.WRONG_TYPE, "X")));
    }

    @Test
    void aReferenceNeedsATypeAndAValueOfAtLeastOneCharacter() {
        var draft = draft(
                METER, CUSTOMER, "DATA", new ReferenceDraft(Optional.empty(), Optional.of("")), "OPEN", null, null);

        assertThat(refusals(draft::toNew))
                .containsExactly(
                        new InvalidValue(Field.REFERENCE_TYPE, new Reason.Missing()),
                        new InvalidValue(Field.REFERENCE_VALUE, new Reason.Empty()));
    }

    @Test
    void aCommentMayHold4000CodePointsButNotTheNulCharacter() {
        var emoji = "😀".repeat(Comment.MAX_LENGTH);
        assertThat(draft(METER, CUSTOMER, "DATA", null, "OPEN", emoji, null)
                        .toNew()
                        .comment())
                .contains(new Comment(emoji));

        assertThat(refusals(draft(METER, CUSTOMER, "DATA", null, "OPEN", "a\u0000b", null)::toNew))
                .containsExactly(new InvalidValue(Field.REQUEST_COMMENT, new Reason.NulCharacter()));
    }

    @Test
    void aChangeMayOmitEveryFieldButMustSetOne() {
        var change = draft(null, null, null, null, null, "", null).toChange();
        assertThat(change.comment()).contains(new Comment(""));
        assertThat(change.meter()).isEmpty();

        assertThat(refusals(draft(null, null, null, null, null, null, null)::toChange))
                .containsExactly(new Refusal.NothingToChange());
    }

    @Test
    void theCheckOfSendingAlsoRefusesAnInvoiceWithoutReferenceAndAnUnresolvableReceiverBesideTheFieldErrors() {
        var draft = draft(METER, "nobody", "INVOICE", null, "OPEN", null, null);

        assertThat(refusals(() -> draft.check((meter, given) -> {
                    throw new Refused(new Refusal.ReceiverUnresolvable(Field.METER, meter, Commodity.ELECTRICITY));
                })))
                .containsExactly(
                        new Refusal.ReceiverUnresolvable(Field.METER, new Eic(METER), Commodity.ELECTRICITY),
                        new InvalidValue(
                                Field.CUSTOMER,
                                new Reason.NotAnEic("nobody", InvalidEicException.Problem.FORMAT, null)),
                        new Refusal.ReferenceRequired(Field.REFERENCE));
    }

    @Test
    void theCheckOfSendingRefusesAStatusOtherThanOpenAndNamesTheReceiver() {
        assertThat(refusals(() -> draft(METER, CUSTOMER, "DATA", null, "CLOSE", null, null)
                        .check((meter, given) -> new Eic(GRID))))
                .containsExactly(new Refusal.InvalidStatusTransition(
                        Field.STATUS, RequestStatus.CLOSE, java.util.Set.of(RequestStatus.OPEN)));

        var checked = draft(METER, CUSTOMER, "INVOICE", reference("INV-2"), "OPEN", null, null)
                .check((meter, given) -> new Eic(GRID));
        assertThat(checked.receiver()).isEqualTo(new Eic(GRID));
        assertThat(checked.enquiry().reference()).isPresent();
    }

    @Test
    void theTopicsRuleAsksAnInvoiceForItsReference() {
        assertThat(Topic.INVOICE.refusalOf(Optional.empty())).contains(new Refusal.ReferenceRequired(Field.REFERENCE));
        assertThat(Topic.INVOICE.refusalOf(Optional.of(new Reference(ReferenceType.INVOICE, "1"))))
                .isEmpty();
        assertThat(Topic.DATA.refusalOf(Optional.empty())).isEmpty();
    }

    @Test
    void valuesRefuseWhatTheirRulesRefuse() {
        assertThatThrownBy(() -> new Comment("x".repeat(Comment.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reference(ReferenceType.INVOICE, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Comment("personal data").toString()).doesNotContain("personal");
    }

    static List<Refusal> refusals(Runnable read) {
        try {
            read.run();
        } catch (Refused refused) {
            return refused.refusals();
        }
        throw new AssertionError("not refused");
    }

    private static ReferenceDraft reference(String value) {
        return new ReferenceDraft(Optional.of("INVOICE"), Optional.of(value));
    }

    private static EnquiryDraft draft(
            String meter,
            String customer,
            String topic,
            ReferenceDraft reference,
            String status,
            String comment,
            String receiver) {
        return new EnquiryDraft(
                Optional.ofNullable(meter),
                Optional.ofNullable(customer),
                Optional.ofNullable(topic),
                Optional.ofNullable(reference),
                Optional.ofNullable(status),
                Optional.ofNullable(comment),
                Optional.ofNullable(receiver));
    }
}
