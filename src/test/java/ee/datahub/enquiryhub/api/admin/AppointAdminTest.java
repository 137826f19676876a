package ee.datahub.enquiryhub.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import org.junit.jupiter.api.Test;

class AppointAdminTest extends HubApiTest {

    @Test
    void aMalformedParticipantEicInThePathIsABadRequestNotAServerError() {
        var response = hub.call(
                "POST",
                "/api/operator/participants/38X-EIN-OS-----X/technical-users",
                Party.HUB_OPERATOR,
                EnquiryJson.object("clientId", "malformed-eic-admin").toString());

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("opp.error.validation.invalid-eic-check-character");
        assertThat(response.json().get("args").get(0).stringValue()).isEqualTo("eic");
    }
}
