package ee.datahub.enquiryhub.api.admin;

import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUser;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A participant's ADMIN manages its technical users: creates one (the client id is the participant's
 * EIC in lower case, a dot and the chosen suffix; the secret is shown once), lists and revokes them.
 */
@RestController
class ParticipantAdminApi {

    private final TechnicalUsers technicalUsers;

    ParticipantAdminApi(TechnicalUsers technicalUsers) {
        this.technicalUsers = technicalUsers;
    }

    record TechnicalUserView(String clientId, List<Permission> permissions, String createdAt) {
        static TechnicalUserView of(TechnicalUser user) {
            return new TechnicalUserView(
                    user.clientId(),
                    user.permissions().stream().sorted().toList(),
                    ee.datahub.enquiryhub.platform.HubTime.format(user.createdAt()));
        }
    }

    record CreatedTechnicalUser(String clientId, String clientSecret, List<Permission> permissions) {}

    @PostMapping("/api/participant/technical-users")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedTechnicalUser create(@AuthenticationPrincipal ApiClient admin, @RequestBody JsonNode json) {
        var participant = participantOf(admin);
        var body = JsonObject.body(json, "suffix", "permissions");
        var suffix = body.string("suffix")
                .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "suffix is required", "suffix"));
        var created =
                technicalUsers.createFor(participant, suffix, body.requiredEnumSet("permissions", Permission.class));
        return new CreatedTechnicalUser(
                created.user().clientId(),
                created.clientSecret(),
                created.user().permissions().stream().sorted().toList());
    }

    @GetMapping("/api/participant/technical-users")
    List<TechnicalUserView> list(@AuthenticationPrincipal ApiClient admin) {
        return technicalUsers.activeOf(participantOf(admin)).stream()
                .map(TechnicalUserView::of)
                .toList();
    }

    @DeleteMapping("/api/participant/technical-users/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal ApiClient admin, @PathVariable String clientId) {
        if (!technicalUsers.revoke(participantOf(admin), clientId)) {
            throw new HubException(
                    ErrorCode.RESOURCE_NOT_FOUND,
                    "No active technical user " + clientId + " of yours",
                    "clientId",
                    clientId);
        }
    }

    private static Eic participantOf(ApiClient admin) {
        return admin.user()
                .participant()
                .orElseThrow(() -> new HubException(
                        ErrorCode.INSUFFICIENT_PERMISSION,
                        "Only a participant's ADMIN manages its technical users",
                        "permission"));
    }
}
