package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.web.EnquiryForms.AnswerForm;
import ee.datahub.enquiryhub.web.EnquiryForms.ConfirmForm;
import ee.datahub.enquiryhub.web.EnquiryForms.EnquiryForm;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The enquiry forms: a supplier creates an enquiry in two steps (fill in; check, where every rule of
 * sending applies and the receiver the hub resolved is shown; send), changes, cancels or closes it; a
 * receiver answers (interim or final) and changes its answer. The caller is resolved by the API's rules
 * first; each post is one call of {@link EnquiryDesk}, then a redirect, or its form again with the refusal.
 */
@Controller
class EnquiryWritePages {

    private final EnquiryDesk desk;
    private final EnquiryLookup lookup;
    private final ParticipantRegister register;

    EnquiryWritePages(EnquiryDesk desk, EnquiryLookup lookup, ParticipantRegister register) {
        this.desk = desk;
        this.lookup = lookup;
        this.register = register;
    }

    /** A new enquiry: a blank form, or the one kept since its check to change what was written. */
    @GetMapping("/web/enquiries/new")
    ModelAndView newEnquiry(Visitor visitor, @RequestParam(defaultValue = "") String draft, HttpSession session) {
        return createPage(visitor.caller(Action.CREATE_ENQUIRY)).addObject("form", desk.draft(draft, session));
    }

    @PostMapping("/web/enquiries/check")
    String check(Visitor visitor, @ModelAttribute("form") EnquiryForm form, HttpSession session) {
        var caller = visitor.caller(Action.CREATE_ENQUIRY);
        return onCreatePage(caller, form)
                .submit(() -> desk.keep(caller, form, session))
                .redirect();
    }

    /** What would be sent and to whom, checked again; without a kept draft (an old link), the form from the start. */
    @GetMapping("/web/enquiries/check")
    ModelAndView checked(Visitor visitor, @RequestParam(defaultValue = "") String draft, HttpSession session) {
        var caller = visitor.caller(Action.CREATE_ENQUIRY);
        return desk.kept(draft, session)
                .map(form -> onCreatePage(caller, form).submit(() -> checkPage(form, desk.check(caller, form))))
                .orElseGet(() -> new ModelAndView("redirect:/web/enquiries/new"));
    }

    @PostMapping("/web/enquiries")
    String send(Visitor visitor, @ModelAttribute("form") EnquiryForm form, HttpServletRequest request) {
        var caller = visitor.caller(Action.CREATE_ENQUIRY);
        return onCreatePage(caller, form)
                .submit(() -> desk.send(caller, form, request))
                .redirect();
    }

    @GetMapping("/web/enquiries/{id}/change")
    ModelAndView change(Visitor visitor, @PathVariable String id, HttpServletRequest request) {
        var caller = visitor.caller(Action.CHANGE_ENQUIRY);
        var enquiry = lookup.open(caller, id, request);
        return changePage(caller, enquiry).addObject("form", EnquiryForm.of(enquiry));
    }

    @PostMapping("/web/enquiries/{id}/change")
    String saveChange(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("form") EnquiryForm form,
            HttpServletRequest request) {
        var caller = visitor.caller(Action.CHANGE_ENQUIRY);
        return new FormPage("form", form, () -> changePage(caller, lookup.visible(caller, id, request)))
                .submit(() -> desk.change(caller, id, form, request))
                .redirect();
    }

    @GetMapping({"/web/enquiries/{id}/cancel", "/web/enquiries/{id}/close"})
    ModelAndView confirmEnding(Visitor visitor, @PathVariable String id, HttpServletRequest request) {
        var enquiry = lookup.open(visitor.caller(Action.CHANGE_ENQUIRY), id, request);
        return endingPage(enquiry, request).addObject("form", ConfirmForm.of(enquiry));
    }

    @PostMapping({"/web/enquiries/{id}/cancel", "/web/enquiries/{id}/close"})
    String end(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("form") ConfirmForm form,
            HttpServletRequest request) {
        var caller = visitor.caller(Action.CHANGE_ENQUIRY);
        return new FormPage("form", form, () -> endingPage(lookup.visible(caller, id, request), request))
                .submit(() -> desk.end(caller, id, ending(request), form, request))
                .redirect();
    }

    @GetMapping("/web/enquiries/{id}/answer")
    ModelAndView answer(Visitor visitor, @PathVariable String id, HttpServletRequest request) {
        var enquiry = lookup.open(visitor.caller(Action.ANSWER), id, request);
        return answerPage(enquiry, null).addObject("form", AnswerForm.of(enquiry));
    }

    @PostMapping("/web/enquiries/{id}/answer")
    String saveAnswer(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("form") AnswerForm form,
            HttpServletRequest request) {
        var caller = visitor.caller(Action.ANSWER);
        return new FormPage("form", form, () -> answerPage(lookup.visible(caller, id, request), null))
                .submit(() -> desk.answer(caller, id, form, request))
                .redirect();
    }

    @GetMapping("/web/enquiries/{id}/answers/{answerId}/change")
    ModelAndView changeAnswer(
            Visitor visitor, @PathVariable String id, @PathVariable String answerId, HttpServletRequest request) {
        var caller = visitor.caller(Action.CHANGE_ANSWER);
        var enquiry = lookup.open(caller, id, request);
        var answer = EnquiryLookup.ownAnswer(caller, enquiry, answerId);
        return answerPage(enquiry, answer.id().toString()).addObject("form", AnswerForm.of(enquiry, answer));
    }

    @PostMapping("/web/enquiries/{id}/answers/{answerId}/change")
    String saveAnswerChange(
            Visitor visitor,
            @PathVariable String id,
            @PathVariable String answerId,
            @ModelAttribute("form") AnswerForm form,
            HttpServletRequest request) {
        var caller = visitor.caller(Action.CHANGE_ANSWER);
        return new FormPage("form", form, () -> answerPage(lookup.visible(caller, id, request), answerId))
                .submit(() -> desk.changeAnswer(caller, id, answerId, form, request))
                .redirect();
    }

    private FormPage onCreatePage(Caller caller, EnquiryForm form) {
        return new FormPage("form", form, () -> createPage(caller));
    }

    private static ModelAndView checkPage(EnquiryForm form, Enquiries.Checked checked) {
        return new ModelAndView("web/enquiries/check")
                .addObject("form", form)
                .addObject("receiver", checked.receiver())
                .addObject("receiverGiven", checked.enquiry().receiver().isPresent());
    }

    private ModelAndView createPage(Caller caller) {
        return new ModelAndView("web/enquiries/new")
                .addObject("topics", Arrays.asList(Topic.values()))
                .addObject("receivers", receivers(caller));
    }

    private ModelAndView changePage(Caller caller, EnquiryView enquiry) {
        return new ModelAndView("web/enquiries/change")
                .addObject("enquiry", enquiry)
                .addObject("topics", Arrays.asList(Topic.values()))
                .addObject("receivers", receivers(caller));
    }

    // Who may receive enquiries in the caller's commodity: the choices of the receiver field.
    private List<Participant> receivers(Caller caller) {
        return register.all().stream()
                .filter(p -> p.receivesEnquiriesIn(caller.commodity()))
                .toList();
    }

    private static ModelAndView endingPage(EnquiryView enquiry, HttpServletRequest request) {
        var ending = request.getRequestURI().endsWith("/cancel") ? "cancel" : "close";
        return new ModelAndView("web/enquiries/confirm")
                .addObject("enquiry", enquiry)
                .addObject("ending", ending);
    }

    private static RequestStatus ending(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/cancel") ? RequestStatus.CANCEL : RequestStatus.CLOSE;
    }

    private static ModelAndView answerPage(EnquiryView enquiry, String changing) {
        return new ModelAndView("web/enquiries/answer")
                .addObject("enquiry", enquiry)
                .addObject("changing", changing);
    }
}
