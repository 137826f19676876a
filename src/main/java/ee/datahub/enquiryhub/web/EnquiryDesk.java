package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryChange;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.web.EnquiryForms.AnswerForm;
import ee.datahub.enquiryhub.web.EnquiryForms.ConfirmForm;
import ee.datahub.enquiryhub.web.EnquiryForms.EnquiryForm;
import ee.datahub.enquiryhub.web.WebWrites.Next;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a clerk does with enquiries through the forms, one call per form: the fields read by the
 * domain's drafts, every write through the one pipeline ({@link WebWrites}) with the form's document id
 * and the version it showed, named in the audit entry. Returns where the browser goes next; refusals
 * are thrown as the domain throws them.
 */
@Component
class EnquiryDesk {

    private static final String DRAFT = EnquiryDesk.class.getName() + ".draft.";

    private final Enquiries enquiries;
    private final EnquiryLookup lookup;
    private final WebWrites writes;

    EnquiryDesk(Enquiries enquiries, EnquiryLookup lookup, WebWrites writes) {
        this.enquiries = enquiries;
        this.lookup = lookup;
        this.writes = writes;
    }

    /** Checks a new enquiry as sending will, and keeps it in the session for the check page to show. */
    Next keep(Caller supplier, EnquiryForm form, HttpSession session) {
        check(supplier, form);
        session.setAttribute(DRAFT + form.documentId(), form);
        return new Next("/web/enquiries/check?draft=" + form.documentId(), null);
    }

    /** A new enquiry by every rule of sending: what it will be sent as and to whom. */
    Enquiries.Checked check(Caller supplier, EnquiryForm form) {
        return enquiries.check(supplier, form.draft());
    }

    /** The new enquiry the session keeps since its check, if it does. */
    Optional<EnquiryForm> kept(String draft, HttpSession session) {
        return Optional.ofNullable(session.getAttribute(DRAFT + draft)).map(EnquiryForm.class::cast);
    }

    /** The form kept since the check, to be changed and sent as a new one; a blank form when there is none. */
    EnquiryForm draft(String draft, HttpSession session) {
        return kept(draft, session).map(form -> form.renewed(Optional.empty())).orElseGet(EnquiryForm::blank);
    }

    Next send(Caller supplier, EnquiryForm form, HttpServletRequest request) {
        var enquiry = check(supplier, form).enquiry();
        var trail = AuditTrail.of(request);
        var written = writes.write(request, supplier, "", form, () -> {
            var sent = enquiries.send(supplier, List.of(enquiry)).getFirst();
            trail.enquiries(List.of(sent.id().value()));
            return new Next("/web/enquiries/" + sent.id(), "banner.enquiry-sent");
        });
        request.getSession().removeAttribute(DRAFT + form.documentId());
        return written.next();
    }

    Next change(Caller supplier, String id, EnquiryForm form, HttpServletRequest request) {
        var current = lookup.visible(supplier, id, request);
        var expected = form.expectedVersion();
        var change = form.change(current);
        return writes.write(request, supplier, current.id().toString(), form, () -> {
                    var changed = enquiries.change(supplier, current.id(), change, expected);
                    return new Next(
                            "/web/enquiries/" + changed.id(),
                            changed.version() == current.version() ? "banner.unchanged" : "banner.enquiry-changed");
                })
                .next();
    }

    /** Cancels ({@code CANCEL}) or closes ({@code CLOSE}) the supplier's enquiry. */
    Next end(Caller supplier, String id, RequestStatus ending, ConfirmForm form, HttpServletRequest request) {
        var enquiry = EnquiryLookup.enquiryId(id);
        AuditTrail.of(request).enquiries(List.of(enquiry.value()));
        var expected = form.expectedVersion();
        var none = Optional.<Eic>empty();
        var change = new EnquiryChange(
                none, none, Optional.empty(), Optional.empty(), Optional.of(ending), Optional.empty(), none);
        return writes.write(request, supplier, enquiry.toString(), form, () -> {
                    enquiries.change(supplier, enquiry, change, expected);
                    return new Next(
                            "/web/enquiries/" + enquiry,
                            ending == RequestStatus.CANCEL ? "banner.enquiry-cancelled" : "banner.enquiry-closed");
                })
                .next();
    }

    Next answer(Caller receiver, String id, AnswerForm form, HttpServletRequest request) {
        var enquiry = EnquiryLookup.enquiryId(id);
        var trail = AuditTrail.of(request).enquiries(List.of(enquiry.value()));
        var expected = form.expectedVersion();
        var answer = form.answer();
        return writes.write(request, receiver, enquiry.toString(), form, () -> {
                    var answered = enquiries.answer(receiver, enquiry, answer, expected);
                    trail.answers(List.of(answered.answer().value()));
                    return new Next(
                            "/web/enquiries/" + enquiry,
                            answer.status() == RequestStatus.CLOSE
                                    ? "banner.final-answer-sent"
                                    : "banner.interim-answer-sent");
                })
                .next();
    }

    Next changeAnswer(Caller receiver, String id, String answerId, AnswerForm form, HttpServletRequest request) {
        var enquiry = lookup.visible(receiver, id, request);
        var answer = EnquiryLookup.ownAnswer(receiver, enquiry, answerId);
        var expected = form.expectedVersion();
        var change = form.change(answer);
        return writes.write(request, receiver, answer.id().toString(), form, () -> {
                    var changed =
                            enquiries.changeAnswer(receiver, answer.id(), Optional.of(enquiry.id()), change, expected);
                    return new Next(
                            "/web/enquiries/" + enquiry.id(),
                            changed.version() == enquiry.version() ? "banner.unchanged" : "banner.answer-changed");
                })
                .next();
    }
}
