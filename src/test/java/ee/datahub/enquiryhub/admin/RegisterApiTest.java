package ee.datahub.enquiryhub.admin;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub operator's register API and a participant ADMIN's technical users, over HTTP with real tokens. */
class RegisterApiTest extends HubApiTest {

    @Test
    void theHubOperatorImportsMeteringPointsFromCsvAndEnquiriesFindTheirReceiver() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY", "NATURAL_GAS"));
        var electricity = Eics.meteringPoint();
        var gas = Eics.meteringPoint();
        var csv = "meterEic,gridOperatorEic,commodity\n" + electricity + "," + grid.eic() + ",ELECTRICITY\n" + gas + ","
                + grid.eic() + ",NATURAL_GAS\n";
        var imported = csvImport(csv);
        assertThat(imported.status()).as("%s", imported).isEqualTo(200);
        assertThat(imported.json().get("imported").intValue()).isEqualTo(2);

        var supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        supplier.send(anEnquiry().about(electricity));
        var received = hub.as(grid, "GRID_OPERATOR", "ELECTRICITY").search(object("meterEic", electricity));
        assertThat(received.json()).hasSize(1);
    }

    @Test
    void aCsvImportWithOneBadLineImportsNothingAndNamesTheLine() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var good = Eics.meteringPoint();
        var csv = "meterEic,gridOperatorEic,commodity\n" + good + "," + grid.eic() + ",ELECTRICITY\n"
                + "38ZGO-1000001U-E," + grid.eic() + ",ELECTRICITY\n";
        var refused = csvImport(csv);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("opp.error.validation.invalid-eic-check-character");
        assertThat(refused.json().get("args").get(0).stringValue()).isEqualTo("line 3");
        assertThat(refused.json().get("args").get(2).stringValue()).isEqualTo("D");
        assertThat(csvImport("meterEic,gridOperatorEic,commodity\n" + good + "," + grid.eic() + ",WATER\n")
                        .code())
                .isEqualTo("opp.error.validation.invalid-enum");
        assertThat(csvImport("meter,grid\n").code()).isEqualTo("opp.error.validation.invalid-value");
        var supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        assertThat(supplier.create(anEnquiry().about(good)).code())
                .as("the good line was not imported either")
                .isEqualTo("opp.error.business.direct-message-receiver-cannot-be-resolved");
    }

    @Test
    void aMeteringPointNeedsARegisteredGridOperatorOfItsCommodity() {
        var supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var response = hub.call(
                "POST",
                "/api/operator/metering-points",
                Party.HUB_OPERATOR,
                object("eic", Eics.meteringPoint(), "gridOperatorEic", supplier.eic(), "commodity", "ELECTRICITY")
                        .toString());
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("opp.error.business.unknown-market-participant");
        var unknown = hub.call(
                "POST",
                "/api/operator/metering-points",
                Party.HUB_OPERATOR,
                object("eic", Eics.meteringPoint(), "gridOperatorEic", Eics.party(), "commodity", "ELECTRICITY")
                        .toString());
        assertThat(unknown.status()).isEqualTo(422);
    }

    @Test
    void theRegisterApiIsTheHubOperatorsOnly() {
        var asParticipantAdmin = hub.call(
                "POST",
                "/api/operator/participants",
                Party.SUPPLIER_A,
                object("eic", Eics.party(), "name", "x", "roles", "x").toString());
        assertThat(asParticipantAdmin.status()).isEqualTo(403);
        assertThat(asParticipantAdmin.code()).isEqualTo("opp.error.business.insufficient-permission");
        var anonymous = hub.request("GET", "/api/operator/participants", Map.of(), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("opp.error.technical.authentication");
    }

    @Test
    void registeringAParticipantValidatesEveryField() {
        var lowerCase = hub.call(
                "POST",
                "/api/operator/participants",
                Party.HUB_OPERATOR,
                "{\"eic\":\"38x-ein-os-----j\",\"name\":\"x\",\"roles\":[\"OPEN_SUPPLIER\"],\"commodities\":[\"ELECTRICITY\"]}");
        assertThat(lowerCase.code()).isEqualTo("opp.error.validation.invalid-eic-format");
        var badRole = hub.call(
                "POST",
                "/api/operator/participants",
                Party.HUB_OPERATOR,
                "{\"eic\":\"" + Eics.party()
                        + "\",\"name\":\"x\",\"roles\":[\"SUPPLIER\"],\"commodities\":[\"ELECTRICITY\"]}");
        assertThat(badRole.code()).isEqualTo("opp.error.validation.invalid-enum");
        assertThat(badRole.json().get("args").get(0).stringValue()).isEqualTo("roles[0]");
        var noRoles = hub.call(
                "POST",
                "/api/operator/participants",
                Party.HUB_OPERATOR,
                "{\"eic\":\"" + Eics.party() + "\",\"name\":\"x\",\"roles\":[],\"commodities\":[\"ELECTRICITY\"]}");
        assertThat(noRoles.code()).isEqualTo("opp.error.validation.required-field");
        var unknownField = hub.call(
                "POST",
                "/api/operator/participants",
                Party.HUB_OPERATOR,
                "{\"eic\":\"" + Eics.party()
                        + "\",\"name\":\"x\",\"roles\":[\"OPEN_SUPPLIER\"],\"commodities\":[\"ELECTRICITY\"],\"x\":1}");
        assertThat(unknownField.code()).isEqualTo("opp.error.validation.unknown-field");
        var malformed = hub.call("POST", "/api/operator/participants", Party.HUB_OPERATOR, "{");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("opp.error.validation.malformed-json");
    }

    @Test
    void anAdminCreatesATechnicalUserWhoseSecretIsShownOnceAndWorks() {
        var admin = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var created = hub.call("POST", "/api/participant/technical-users", admin, "{\"suffix\":\"billing\"}");
        assertThat(created.status()).as("permissions are required").isEqualTo(400);

        var editor = hub.technicalUser(admin, "EDITOR_DIRECT_MESSAGE");
        assertThat(editor.clientId()).startsWith(admin.eic().toLowerCase() + ".");
        assertThat(hub.tokenRequest(editor.clientId(), editor.secret()).status())
                .isEqualTo(200);
        assertThat(hub.tokenRequest(editor.clientId(), "wrong").status()).isEqualTo(401);

        var listed = hub.call("GET", "/api/participant/technical-users", admin, null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(editor.clientId()).doesNotContain(editor.secret());
    }

    @Test
    void aRevokedTechnicalUserGetsNoTokenAndItsTokensStopWorking() {
        var admin = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var viewer = hub.technicalUser(admin, "VIEWER_DIRECT_MESSAGE");
        var actor = hub.as(viewer, "OPEN_SUPPLIER", "ELECTRICITY");
        assertThat(actor.search(object()).status()).isEqualTo(200);

        var revoked = hub.call("DELETE", "/api/participant/technical-users/" + viewer.clientId(), admin, null);
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(actor.search(object()).status())
                .as("the token issued before revocation")
                .isEqualTo(401);
        assertThat(hub.tokenRequest(viewer.clientId(), viewer.secret()).status())
                .isEqualTo(401);
        assertThat(hub.call("DELETE", "/api/participant/technical-users/" + viewer.clientId(), admin, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anAdminCannotRevokeAnotherParticipantsTechnicalUser() {
        var admin = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var other = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var response = hub.call("DELETE", "/api/participant/technical-users/" + other.clientId(), admin, null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(hub.tokenRequest(other.clientId(), other.secret()).status()).isEqualTo(200);
    }

    @Test
    void aParticipantHasAtMostTwentyTechnicalUsers() {
        var admin = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        for (int i = 1; i < 20; i++) {
            hub.technicalUser(admin, "VIEWER_DIRECT_MESSAGE");
        }
        var twentyFirst = hub.call(
                "POST",
                "/api/participant/technical-users",
                admin,
                "{\"suffix\":\"one-too-many\",\"permissions\":[\"VIEWER_DIRECT_MESSAGE\"]}");
        assertThat(twentyFirst.status()).isEqualTo(422);
        assertThat(twentyFirst.code()).isEqualTo("opp.error.business.technical-user-limit-reached");
    }

    @Test
    void onlyAnAdminManagesTechnicalUsers() {
        var admin = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var editor = hub.technicalUser(admin, "EDITOR_DIRECT_MESSAGE");
        var response = hub.call(
                "POST",
                "/api/participant/technical-users",
                editor,
                "{\"suffix\":\"sneaky\",\"permissions\":[\"ADMIN\"]}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("opp.error.business.insufficient-permission");
    }

    private ee.datahub.enquiryhub.support.Response csvImport(String csv) {
        return hub.request(
                "POST",
                "/api/operator/metering-points/import",
                Map.of("Authorization", "Bearer " + hub.token(Party.HUB_OPERATOR), "Content-Type", "text/csv"),
                csv);
    }
}
