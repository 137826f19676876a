package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.web.Forms.GrantForm;
import ee.datahub.enquiryhub.web.Forms.RevokeForm;
import ee.datahub.enquiryhub.web.Forms.TechnicalUserForm;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

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
    ModelAndView technicalUsers(Visitor visitor) {
        return technicalUsersPage(visitor);
    }

    /**
     * Creates a technical user and shows its secret in this answer only: the secret is stored nowhere
     * (not in the session, not behind a redirect), so this post answers with a page, not a redirect.
     */
    @PostMapping("/web/admin/technical-users")
    ModelAndView createTechnicalUser(Visitor visitor, @ModelAttribute("form") TechnicalUserForm form) {
        var participant = visitor.administered().participant();
        return new FormPage("form", form, () -> technicalUsersPage(visitor)).submit(() -> {
            var asked = form.read();
            var created = technicalUsers.createFor(participant, asked.suffix(), asked.permissions());
            return new ModelAndView("web/admin/technical-user-created").addObject("created", created);
        });
    }

    @PostMapping("/web/admin/technical-users/{clientId}/revoke")
    String revokeTechnicalUser(Visitor visitor, @PathVariable String clientId) {
        if (!technicalUsers.revoke(visitor.administered().participant(), clientId)) {
            throw new HubException(
                    ErrorCode.RESOURCE_NOT_FOUND,
                    "No active technical user " + clientId + " of yours",
                    "clientId",
                    clientId);
        }
        return Redirects.to("/web/admin/technical-users", "revoked", clientId);
    }

    private ModelAndView technicalUsersPage(Visitor visitor) {
        var participant = visitor.administered().participant();
        return new ModelAndView("web/admin/technical-users")
                .addObject("form", TechnicalUserForm.blank())
                .addObject("technicalUsers", technicalUsers.activeOf(participant))
                .addObject("limit", TechnicalUsers.LIMIT_PER_PARTICIPANT)
                .addObject("permissions", PERMISSIONS);
    }

    @GetMapping("/web/admin/people")
    ModelAndView people(Visitor visitor) {
        return peoplePage(visitor);
    }

    @PostMapping("/web/admin/people")
    String grant(Visitor visitor, @ModelAttribute("form") GrantForm form) {
        var participant = visitor.administered().participant();
        var granted = new FormPage("form", form, () -> peoplePage(visitor)).submit(() -> {
            var asked = form.read(Optional.of(participant), Optional.empty());
            people.grant(
                    asked.subject(),
                    asked.name(),
                    asked.grant(),
                    visitor.person().id());
            return asked.name();
        });
        return Redirects.to("/web/admin/people", "granted", granted);
    }

    @PostMapping("/web/admin/people/revoke")
    String revoke(Visitor visitor, @ModelAttribute RevokeForm form) {
        var participant = visitor.administered().participant();
        var role = Forms.choice("role", form.role(), MarketRole.class);
        if (!people.revoke(
                form.subject(), participant, role, Forms.choice("commodity", form.commodity(), Commodity.class))) {
            throw new HubException(
                    ErrorCode.RESOURCE_NOT_FOUND, form.subject() + " holds nothing there", "subject", form.subject());
        }
        return Redirects.to("/web/admin/people", "revokedGrant", form.subject());
    }

    private ModelAndView peoplePage(Visitor visitor) {
        var acting = visitor.administered();
        var participant = participants
                .find(acting.participant())
                .orElseThrow(() -> new HubException(
                        ErrorCode.UNKNOWN_PARTICIPANT,
                        acting.participant() + " is not registered",
                        "context",
                        acting.participant().value()));
        return new ModelAndView("web/admin/people")
                .addObject("form", GrantForm.blank())
                .addObject("grants", people.grantsFor(acting.participant()))
                .addObject("roles", participant.roles().stream().sorted().toList())
                .addObject(
                        "commodities",
                        participant.commodities().stream().sorted().toList())
                .addObject("permissions", PERMISSIONS)
                .addObject("participant", participant);
    }
}
