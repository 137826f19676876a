package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.web.Forms.GrantForm;
import ee.datahub.enquiryhub.web.Forms.RevokeForm;
import ee.datahub.enquiryhub.web.Forms.TechnicalUserForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.support.DefaultMessageSourceResolvable;
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

    /** Asks before revoking: what stops working (no script, the revoking form is on this page). */
    @GetMapping("/web/admin/technical-users/{clientId}/revoke")
    ModelAndView confirmRevokingTechnicalUser(Visitor visitor, @PathVariable String clientId) {
        var user = technicalUsers.activeOf(visitor.administered().participant()).stream()
                .filter(active -> active.clientId().equals(clientId))
                .findFirst()
                .orElseThrow(() -> noTechnicalUser(clientId));
        var action = "/web/admin/technical-users/" + user.clientId() + "/revoke";
        return new Confirmation(
                        "confirm.technical-user.title",
                        List.of("confirm.technical-user.stops", "confirm.technical-user.final"),
                        new Object[] {user.clientId()},
                        action,
                        Map.of(),
                        "confirm.technical-user.button",
                        "/web/admin/technical-users")
                .page();
    }

    @PostMapping("/web/admin/technical-users/{clientId}/revoke")
    String revokeTechnicalUser(Visitor visitor, @PathVariable String clientId) {
        if (!technicalUsers.revoke(visitor.administered().participant(), clientId)) {
            throw noTechnicalUser(clientId);
        }
        return Redirects.to("/web/admin/technical-users", "revoked", clientId);
    }

    private static HubException noTechnicalUser(String clientId) {
        return new HubException(
                ErrorCode.RESOURCE_NOT_FOUND,
                "No active technical user " + clientId + " of yours",
                "clientId",
                clientId);
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

    /**
     * Asks before revoking a person's permissions: who loses what, and, when it is the ADMIN themself,
     * that they lose it too. The last ADMIN's revocation is refused when posted ({@code People.revoke}).
     */
    @GetMapping("/web/admin/people/revoke")
    ModelAndView confirmRevoking(Visitor visitor, @ModelAttribute RevokeForm form) {
        var participant = visitor.administered().participant();
        var role = Forms.choice("role", form.role(), MarketRole.class);
        var commodity = Forms.choice("commodity", form.commodity(), Commodity.class);
        var held = people.grantsFor(participant).stream()
                .filter(grant -> grant.subject().equals(form.subject())
                        && grant.grant().role() == role
                        && grant.grant().commodity() == commodity)
                .findFirst()
                .orElseThrow(() -> holdsNothing(form.subject()));
        boolean self = held.subject().equals(visitor.person().subject());
        var consequences = new ArrayList<String>(List.of("confirm.grant.loses"));
        if (self) {
            consequences.add("confirm.grant.yourself");
        }
        return new Confirmation(
                        "confirm.grant.title",
                        consequences,
                        new Object[] {
                            held.name(),
                            held.subject(),
                            new DefaultMessageSourceResolvable("enum." + role.name()),
                            new DefaultMessageSourceResolvable("enum." + commodity.name()),
                            participants
                                    .find(participant)
                                    .map(Participant::name)
                                    .orElse(participant.value())
                        },
                        "/web/admin/people/revoke",
                        Map.of("subject", held.subject(), "role", role.name(), "commodity", commodity.name()),
                        "confirm.grant.button",
                        "/web/admin/people")
                .page();
    }

    @PostMapping("/web/admin/people/revoke")
    String revoke(Visitor visitor, @ModelAttribute RevokeForm form) {
        var participant = visitor.administered().participant();
        var role = Forms.choice("role", form.role(), MarketRole.class);
        if (!people.revoke(
                form.subject(), participant, role, Forms.choice("commodity", form.commodity(), Commodity.class))) {
            throw holdsNothing(form.subject());
        }
        // Their own last rights here gone, the people page is no longer theirs: home, not a refusal.
        return form.subject().equals(visitor.person().subject())
                ? Redirects.to("/web/", "revokedGrant", form.subject())
                : Redirects.to("/web/admin/people", "revokedGrant", form.subject());
    }

    private static HubException holdsNothing(String subject) {
        return new HubException(ErrorCode.RESOURCE_NOT_FOUND, subject + " holds nothing there", "subject", subject);
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
