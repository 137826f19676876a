package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.RegisterRefused;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.person.PersonRefused;
import ee.datahub.enquiryhub.web.Forms.GrantForm;
import ee.datahub.enquiryhub.web.Forms.TechnicalUserForm;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A participant's ADMIN (in the chosen context): its technical users (create with a suffix, the
 * secret shown once; revoke) and the people who act for it (grant permissions per role and commodity
 * of the participant; revoke). Every action is refused (403) unless the context holds ADMIN.
 */
@Controller
class ParticipantAdminPages {

    /** What a participant grants people and technical users (HUB_OPERATOR is the hub's own). */
    static final List<Permission> PERMISSIONS =
            List.of(Permission.ADMIN, Permission.EDITOR_DIRECT_MESSAGE, Permission.VIEWER_DIRECT_MESSAGE);

    private final TechnicalUsers technicalUsers;
    private final People people;
    private final ParticipantRegister participants;

    ParticipantAdminPages(TechnicalUsers technicalUsers, People people, ParticipantRegister participants) {
        this.technicalUsers = technicalUsers;
        this.people = people;
        this.participants = participants;
    }

    @GetMapping("/web/admin/technical-users")
    String technicalUsers(Visitor visitor, Model model) {
        model.addAttribute("form", new TechnicalUserForm());
        return technicalUsersPage(visitor, model);
    }

    @PostMapping("/web/admin/technical-users")
    String createTechnicalUser(
            Visitor visitor,
            @ModelAttribute("form") TechnicalUserForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response) {
        var participant = visitor.administered().participant();
        var suffix = FormErrors.check(errors, () -> FormErrors.required("suffix", form.getSuffix()));
        var permissions =
                FormErrors.check(errors, () -> Forms.choices("permissions", form.getPermissions(), Permission.class));
        try {
            if (errors.hasErrors()) {
                return refused(visitor, model, response, 400);
            }
            var created = technicalUsers.createFor(participant, suffix.orElseThrow(), permissions.orElseThrow());
            // The secret is shown in this answer only: not stored, not redirected through the session.
            model.addAttribute("created", created);
            return "web/admin/technical-user-created";
        } catch (HubException | RegisterRefused refused) {
            var error = FormErrors.refusal(refused).orElseThrow();
            FormErrors.reject(errors, error, Map.of("clientId", "suffix"));
            return refused(visitor, model, response, error.error().status());
        }
    }

    private String refused(Visitor visitor, Model model, HttpServletResponse response, int status) {
        response.setStatus(status);
        model.addAttribute("formFailed", true);
        return technicalUsersPage(visitor, model);
    }

    @PostMapping("/web/admin/technical-users/{clientId}/revoke")
    String revokeTechnicalUser(Visitor visitor, @PathVariable String clientId, RedirectAttributes redirect) {
        if (!technicalUsers.revoke(visitor.administered().participant(), clientId)) {
            throw new HubException(
                    ErrorCode.RESOURCE_NOT_FOUND,
                    "No active technical user " + clientId + " of yours",
                    "clientId",
                    clientId);
        }
        redirect.addFlashAttribute("revoked", clientId);
        return "redirect:/web/admin/technical-users";
    }

    private String technicalUsersPage(Visitor visitor, Model model) {
        var participant = visitor.administered().participant();
        model.addAttribute("technicalUsers", technicalUsers.activeOf(participant));
        model.addAttribute("limit", TechnicalUsers.LIMIT_PER_PARTICIPANT);
        model.addAttribute("permissions", PERMISSIONS);
        return "web/admin/technical-users";
    }

    @GetMapping("/web/admin/people")
    String people(Visitor visitor, Model model) {
        model.addAttribute("form", new GrantForm());
        return peoplePage(visitor, model);
    }

    @PostMapping("/web/admin/people")
    String grant(
            Visitor visitor,
            @ModelAttribute("form") GrantForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var participant = visitor.administered().participant();
        var subject = FormErrors.check(errors, () -> FormErrors.required("subject", form.getSubject()));
        var name = FormErrors.check(errors, () -> FormErrors.required("name", form.getName()));
        var role = FormErrors.check(errors, () -> Forms.choice("role", form.getRole(), MarketRole.class));
        var commodity = FormErrors.check(errors, () -> Forms.choice("commodity", form.getCommodity(), Commodity.class));
        var permissions =
                FormErrors.check(errors, () -> Forms.choices("permissions", form.getPermissions(), Permission.class));
        try {
            if (errors.hasErrors()) {
                return peopleRefused(visitor, model, response, 400);
            }
            people.grant(
                    subject.orElseThrow(),
                    name.orElseThrow(),
                    new Grant(participant, role.orElseThrow(), commodity.orElseThrow(), permissions.orElseThrow()),
                    visitor.person().id());
            redirect.addFlashAttribute("granted", name.orElseThrow());
            return "redirect:/web/admin/people";
        } catch (HubException | PersonRefused refused) {
            var error = FormErrors.refusal(refused).orElseThrow();
            FormErrors.reject(errors, error, Map.of());
            return peopleRefused(visitor, model, response, error.error().status());
        }
    }

    private String peopleRefused(Visitor visitor, Model model, HttpServletResponse response, int status) {
        response.setStatus(status);
        model.addAttribute("formFailed", true);
        return peoplePage(visitor, model);
    }

    @PostMapping("/web/admin/people/revoke")
    String revoke(
            Visitor visitor,
            @RequestParam String subject,
            @RequestParam String role,
            @RequestParam String commodity,
            RedirectAttributes redirect) {
        var participant = visitor.administered().participant();
        if (!people.revoke(
                subject,
                participant,
                Forms.choice("role", role, MarketRole.class),
                Forms.choice("commodity", commodity, Commodity.class))) {
            throw new HubException(ErrorCode.RESOURCE_NOT_FOUND, subject + " holds nothing there", "subject", subject);
        }
        redirect.addFlashAttribute("revokedGrant", subject);
        return "redirect:/web/admin/people";
    }

    private String peoplePage(Visitor visitor, Model model) {
        var acting = visitor.administered();
        var participant = participants
                .find(acting.participant())
                .orElseThrow(() -> new HubException(
                        ErrorCode.UNKNOWN_PARTICIPANT,
                        acting.participant() + " is not registered",
                        "context",
                        acting.participant().value()));
        model.addAttribute("grants", people.grantsFor(acting.participant()));
        model.addAttribute("roles", participant.roles().stream().sorted().toList());
        model.addAttribute(
                "commodities", participant.commodities().stream().sorted().toList());
        model.addAttribute("permissions", PERMISSIONS);
        model.addAttribute("participant", participant);
        return "web/admin/people";
    }
}
