package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryChange;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.web.EnquiryForms.AnswerForm;
import ee.datahub.enquiryhub.web.EnquiryForms.ConfirmForm;
import ee.datahub.enquiryhub.web.EnquiryForms.EnquiryForm;
import ee.datahub.enquiryhub.web.EnquiryForms.WriteForm;
import ee.datahub.enquiryhub.web.WebWrites.Next;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The enquiry forms: a supplier creates an enquiry in two steps (fill in, then check — the check page
 * shows the receiver the hub resolved — then send), changes, cancels or closes it; a receiver answers
 * (interim or final) and changes its answer. The caller is resolved first by the same rules as the
 * API's (a forged post by someone who may not write is a 403 page); the fields are read with the API's
 * rules, every error beside its field; the write goes through the hub's one write pipeline
 * ({@link WebWrites}) with the document id the form was rendered with and, for a change, the version
 * it showed, so that a stale form is refused with "someone changed it meanwhile" (412) instead of
 * overwriting.
 */
@Controller
class EnquiryWritePages {

    private static final String SEND = "POST /web/enquiries";
    private static final String CHANGE = "POST /web/enquiries/{id}/change";
    private static final String ANSWER = "POST /web/enquiries/{id}/answer";
    private static final String CHANGE_ANSWER = "POST /web/enquiries/{id}/answers/{answerId}/change";

    private final Enquiries enquiries;
    private final EnquiryLookup lookup;
    private final WebWrites writes;
    private final ParticipantRegister register;

    EnquiryWritePages(Enquiries enquiries, EnquiryLookup lookup, WebWrites writes, ParticipantRegister register) {
        this.enquiries = enquiries;
        this.lookup = lookup;
        this.writes = writes;
        this.register = register;
    }

    // A new enquiry: fill in, check, send.

    @GetMapping("/web/enquiries/new")
    String newEnquiry(Visitor visitor, Model model, HttpServletRequest request) {
        var caller = caller(visitor, Action.CREATE_ENQUIRY, request, "GET /web/enquiries/new");
        model.addAttribute("form", new EnquiryForm());
        return createPage(caller, model);
    }

    /** Back from the check page to change what was filled in: the form again, to be sent as a new one. */
    @PostMapping("/web/enquiries/new")
    String editNewEnquiry(
            Visitor visitor, @ModelAttribute("form") EnquiryForm form, Model model, HttpServletRequest request) {
        var caller = caller(visitor, Action.CREATE_ENQUIRY, request, "POST /web/enquiries/new");
        form.renew();
        return createPage(caller, model);
    }

    /** The check page's address asked for directly (e.g. by the language link): the form, from the start. */
    @GetMapping("/web/enquiries/check")
    String checkWithoutForm() {
        return "redirect:/web/enquiries/new";
    }

    /** Checks every field as the send will, and shows what would be sent and to whom. */
    @PostMapping("/web/enquiries/check")
    String check(
            Visitor visitor,
            @ModelAttribute("form") EnquiryForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        var caller = caller(visitor, Action.CREATE_ENQUIRY, request, "POST /web/enquiries/check");
        try {
            var checked = enquiries.check(caller, form.draft());
            model.addAttribute("receiver", checked.receiver());
            model.addAttribute("receiverGiven", checked.enquiry().receiver().isPresent());
            return "web/enquiries/check";
        } catch (Refused refused) {
            FormErrors.reject(errors, refused);
            return failed(response, model, FormErrors.status(refused), createPage(caller, model));
        }
    }

    @PostMapping("/web/enquiries")
    String send(
            Visitor visitor,
            @ModelAttribute("form") EnquiryForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var caller = caller(visitor, Action.CREATE_ENQUIRY, request, SEND);
        Enquiries.Checked enquiry;
        try {
            enquiry = enquiries.check(caller, form.draft());
        } catch (Refused refused) {
            FormErrors.reject(errors, refused);
            form.renew();
            return failed(response, model, FormErrors.status(refused), createPage(caller, model));
        }
        var trail = AuditTrail.of(request);
        return written(
                writes.write(request, caller, SEND, "", form, () -> {
                    var sent =
                            enquiries.send(caller, List.of(enquiry.enquiry())).getFirst();
                    trail.enquiries(List.of(sent.id().value()));
                    return new Next("/web/enquiries/" + sent.id(), "banner.enquiry-sent");
                }),
                form,
                errors,
                Map.of(),
                redirect,
                response,
                model,
                () -> createPage(caller, model));
    }

    private String createPage(Caller caller, Model model) {
        model.addAttribute("topics", Arrays.asList(Topic.values()));
        model.addAttribute("receivers", receivers(caller));
        return "web/enquiries/new";
    }

    /** Who may receive enquiries in the caller's commodity: the choices of the receiver field. */
    private List<Participant> receivers(Caller caller) {
        return register.all().stream()
                .filter(p -> p.receivesEnquiriesIn(caller.commodity()))
                .toList();
    }

    // The supplier changes, cancels or closes its enquiry.

    @GetMapping("/web/enquiries/{id}/change")
    String change(Visitor visitor, @PathVariable String id, Model model, HttpServletRequest request) {
        var caller = caller(visitor, Action.CHANGE_ENQUIRY, request, "GET /web/enquiries/{id}/change");
        var enquiry = lookup.open(caller, id, request);
        model.addAttribute("form", EnquiryForm.of(enquiry));
        return changePage(caller, enquiry, model);
    }

    @PostMapping("/web/enquiries/{id}/change")
    String saveChange(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("form") EnquiryForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var caller = caller(visitor, Action.CHANGE_ENQUIRY, request, CHANGE);
        var current = lookup.visible(caller, id, request);
        var expected = form.expectedVersion();
        var change = form.change(current, errors);
        if (change.isEmpty()) {
            form.renew();
            return failed(response, model, 400, changePage(caller, current, model));
        }
        return written(
                writes.write(request, caller, CHANGE, current.id().toString(), form, () -> {
                    var changed = enquiries.change(caller, current.id(), change.get(), expected);
                    return new Next(
                            "/web/enquiries/" + changed.id(),
                            changed.version() == current.version() ? "banner.unchanged" : "banner.enquiry-changed");
                }),
                form,
                errors,
                Map.of(),
                redirect,
                response,
                model,
                () -> {
                    var now = lookup.visible(caller, id, request);
                    return changePage(caller, now, model);
                });
    }

    private String changePage(Caller caller, EnquiryView enquiry, Model model) {
        model.addAttribute("enquiry", enquiry);
        model.addAttribute("topics", Arrays.asList(Topic.values()));
        model.addAttribute("receivers", receivers(caller));
        return "web/enquiries/change";
    }

    @GetMapping("/web/enquiries/{id}/{ending:cancel|close}")
    String confirmEnding(
            Visitor visitor,
            @PathVariable String id,
            @PathVariable String ending,
            Model model,
            HttpServletRequest request) {
        var caller = caller(visitor, Action.CHANGE_ENQUIRY, request, "GET /web/enquiries/{id}/" + ending);
        var enquiry = lookup.open(caller, id, request);
        model.addAttribute("form", ConfirmForm.of(enquiry));
        return endingPage(enquiry, ending, model);
    }

    @PostMapping("/web/enquiries/{id}/{ending:cancel|close}")
    String end(
            Visitor visitor,
            @PathVariable String id,
            @PathVariable String ending,
            @ModelAttribute("form") ConfirmForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var caller = caller(visitor, Action.CHANGE_ENQUIRY, request, "POST /web/enquiries/{id}/" + ending);
        var enquiry = EnquiryLookup.enquiryId(id);
        AuditTrail.of(request).enquiries(List.of(enquiry.value()));
        var expected = form.expectedVersion();
        var status = ending.equals("cancel") ? RequestStatus.CANCEL : RequestStatus.CLOSE;
        var none = Optional.<Eic>empty();
        var change = new EnquiryChange(
                none, none, Optional.empty(), Optional.empty(), Optional.of(status), Optional.empty(), none);
        return written(
                writes.write(request, caller, "POST /web/enquiries/{id}/" + ending, enquiry.toString(), form, () -> {
                    enquiries.change(caller, enquiry, change, expected);
                    return new Next(
                            "/web/enquiries/" + enquiry,
                            status == RequestStatus.CANCEL ? "banner.enquiry-cancelled" : "banner.enquiry-closed");
                }),
                form,
                errors,
                Map.of(),
                redirect,
                response,
                model,
                () -> endingPage(lookup.visible(caller, id, request), ending, model));
    }

    private static String endingPage(EnquiryView enquiry, String ending, Model model) {
        model.addAttribute("enquiry", enquiry);
        model.addAttribute("ending", ending);
        return "web/enquiries/confirm";
    }

    // The receiver answers, and changes its answer.

    @GetMapping("/web/enquiries/{id}/answer")
    String answer(Visitor visitor, @PathVariable String id, Model model, HttpServletRequest request) {
        var caller = caller(visitor, Action.ANSWER, request, "GET /web/enquiries/{id}/answer");
        var enquiry = lookup.open(caller, id, request);
        var form = new AnswerForm();
        form.setVersion(String.valueOf(enquiry.version()));
        model.addAttribute("form", form);
        return answerPage(enquiry, Optional.empty(), model);
    }

    @PostMapping("/web/enquiries/{id}/answer")
    String saveAnswer(
            Visitor visitor,
            @PathVariable String id,
            @ModelAttribute("form") AnswerForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var caller = caller(visitor, Action.ANSWER, request, ANSWER);
        var enquiry = EnquiryLookup.enquiryId(id);
        var trail = AuditTrail.of(request).enquiries(List.of(enquiry.value()));
        var expected = form.expectedVersion();
        var answer = form.newAnswer(errors);
        Supplier<String> page = () -> answerPage(lookup.visible(caller, id, request), Optional.empty(), model);
        if (answer.isEmpty()) {
            form.renew();
            return failed(response, model, 400, page.get());
        }
        return written(
                writes.write(request, caller, ANSWER, enquiry.toString(), form, () -> {
                    var answered = enquiries.answer(caller, enquiry, answer.get(), expected);
                    trail.answers(List.of(answered.answer().value()));
                    return new Next(
                            "/web/enquiries/" + enquiry,
                            answer.get().status() == RequestStatus.CLOSE
                                    ? "banner.final-answer-sent"
                                    : "banner.interim-answer-sent");
                }),
                form,
                errors,
                Map.of(),
                redirect,
                response,
                model,
                page);
    }

    @GetMapping("/web/enquiries/{id}/answers/{answerId}/change")
    String changeAnswer(
            Visitor visitor,
            @PathVariable String id,
            @PathVariable String answerId,
            Model model,
            HttpServletRequest request) {
        var caller =
                caller(visitor, Action.CHANGE_ANSWER, request, "GET /web/enquiries/{id}/answers/{answerId}/change");
        var enquiry = lookup.open(caller, id, request);
        var answer = EnquiryLookup.ownAnswer(caller, enquiry, answerId);
        model.addAttribute("form", AnswerForm.of(enquiry, answer));
        return answerPage(enquiry, Optional.of(answer.id().toString()), model);
    }

    @PostMapping("/web/enquiries/{id}/answers/{answerId}/change")
    String saveAnswerChange(
            Visitor visitor,
            @PathVariable String id,
            @PathVariable String answerId,
            @ModelAttribute("form") AnswerForm form,
            BindingResult errors,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var caller = caller(visitor, Action.CHANGE_ANSWER, request, CHANGE_ANSWER);
        var enquiry = lookup.visible(caller, id, request);
        var answer = EnquiryLookup.ownAnswer(caller, enquiry, answerId);
        var expected = form.expectedVersion();
        var change = form.change(answer, errors);
        Supplier<String> page = () -> answerPage(
                lookup.visible(caller, id, request), Optional.of(answer.id().toString()), model);
        if (change.isEmpty()) {
            form.renew();
            return failed(response, model, 400, page.get());
        }
        return written(
                writes.write(request, caller, CHANGE_ANSWER, answer.id().toString(), form, () -> {
                    var changed = enquiries.changeAnswer(
                            caller, answer.id(), Optional.of(enquiry.id()), change.get(), expected);
                    return new Next(
                            "/web/enquiries/" + enquiry.id(),
                            changed.version() == enquiry.version() ? "banner.unchanged" : "banner.answer-changed");
                }),
                form,
                errors,
                Map.of(),
                redirect,
                response,
                model,
                page);
    }

    private static String answerPage(EnquiryView enquiry, Optional<String> changing, Model model) {
        model.addAttribute("enquiry", enquiry);
        model.addAttribute("changing", changing.orElse(null));
        return "web/enquiries/answer";
    }

    // What every form does with the pipeline's answer.

    /** Names the request in its audit entry, then resolves the caller (a refusal is that entry's 403). */
    private static Caller caller(Visitor visitor, Action action, HttpServletRequest request, String operation) {
        AuditTrail.of(request).action(operation);
        return visitor.caller(action);
    }

    /**
     * Written: on to the enquiry with a banner. Refused: the form again with the refusal beside its field
     * (or above the form), a new document id (so that the corrected form is a new write) and, when someone
     * changed the enquiry meanwhile, the version now shown (sending the form again then applies it).
     */
    private static String written(
            WebWrites.Result result,
            WriteForm form,
            BindingResult errors,
            Map<String, String> fields,
            RedirectAttributes redirect,
            HttpServletResponse response,
            Model model,
            Supplier<String> page) {
        return switch (result) {
            case WebWrites.Result.Done done -> {
                redirect.addFlashAttribute("banner", done.next().banner());
                yield "redirect:" + done.next().location();
            }
            case WebWrites.Result.Refused refused -> {
                FormErrors.reject(errors, refused.error(), fields);
                form.renew();
                var rendered = page.get();
                if (refused.error().error() == ErrorCode.VERSION_CONFLICT
                        && model.getAttribute("enquiry") instanceof EnquiryView now) {
                    form.setVersion(String.valueOf(now.version()));
                }
                yield failed(response, model, refused.error().error().status(), rendered);
            }
        };
    }

    private static String failed(HttpServletResponse response, Model model, int status, String view) {
        response.setStatus(status);
        model.addAttribute("formFailed", true);
        return view;
    }
}
