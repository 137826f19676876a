package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.LimitedHub;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded token endpoint: an unknown client id costs a secret check like a known one (so timing
 * tells nothing), every issued token is audited (who, when, from where; never the secret) and every
 * refused attempt counted, attempts are limited per client id and per address, and only the
 * client-credentials grant is served.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointTest extends HubApiTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    RefusalCounts refusals;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUnknownClientIdCostsASecretCheckJustLikeAKnownOne() {
        long before = secretChecks();
        var unknown = hub.tokenRequest("no-such-client-" + UUID.randomUUID(), "some-secret");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("invalid_client");
        long afterUnknown = secretChecks();
        assertThat(afterUnknown - before)
                .as("the unknown id's secret was checked against a decoy")
                .isEqualTo(1);

        var wrongSecret = hub.tokenRequest(Party.SUPPLIER_A.clientId(), "not-the-secret");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.body())
                .as("the same answer as for an unknown id")
                .isEqualTo(unknown.body());
        assertThat(secretChecks() - afterUnknown).isEqualTo(1);
    }

    @Test
    void anIssuedTokenIsAuditedAndARefusedAttemptCountedNeverWithTheSecret(CapturedOutput output) {
        var party = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var issued = hub.tokenRequest(party.clientId(), party.secret());
        assertThat(issued.status()).isEqualTo(200);
        assertThat(auditLog.forRequest(issued.header("x-request-id")))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.clientId()).contains(party.clientId());
                    assertThat(entry.participant()).contains(party.eic());
                    assertThat(entry.action()).isEqualTo("POST /oauth2/token");
                    assertThat(entry.httpStatus()).isEqualTo(200);
                    assertThat(entry.sourceAddress()).contains("127.0.0.1");
                });

        refusals.flush();
        long before = failures(party.clientId());
        var wrongSecret = "guess-" + UUID.randomUUID();
        assertThat(hub.tokenRequest(party.clientId(), wrongSecret).status()).isEqualTo(401);
        assertThat(hub.tokenRequest(party.clientId(), wrongSecret).status()).isEqualTo(401);
        refusals.flush();
        assertThat(failures(party.clientId()) - before).isEqualTo(2);

        var everything = jdbc.sql("select string_agg(row_to_json(a)::text, '') from audit_entry a")
                        .query(String.class)
                        .single()
                + jdbc.sql("select string_agg(row_to_json(r)::text, '') from refusal_count r")
                        .query(String.class)
                        .single();
        assertThat(everything).doesNotContain(party.secret()).doesNotContain(wrongSecret);
        assertThat(output.getAll()).doesNotContain(party.secret()).doesNotContain(wrongSecret);
    }

    @Test
    void tokenRequestsAreLimitedPerClientIdAndPerAddress() {
        // LimitedHub: 3 token requests per client id, 6 per address; nobody else asks it for tokens.
        var client = LimitedHub.client();
        var answers = new ArrayList<Response>();
        for (int i = 0; i < 4; i++) {
            answers.add(client.tokenRequest(Party.SUPPLIER_A.clientId(), i == 0 ? Party.SUPPLIER_A.secret() : "wrong"));
        }
        assertThat(answers.subList(0, 3)).extracting(Response::status).containsExactly(200, 401, 401);
        var perClient = answers.get(3);
        assertThat(perClient.status()).as("the client id's allowance is spent").isEqualTo(429);
        assertThat(perClient.code()).isEqualTo("opp.error.technical.rate-limit-exceeded");
        assertThat(Long.parseLong(perClient.header("Retry-After"))).isPositive();

        assertThat(client.tokenRequest(Party.GRID_A.clientId(), Party.GRID_A.secret())
                        .status())
                .as("another client id still gets a token")
                .isEqualTo(200);
        assertThat(client.tokenRequest("unknown-" + UUID.randomUUID(), "x").status())
                .isEqualTo(401);
        assertThat(client.tokenRequest("unknown-" + UUID.randomUUID(), "x").status())
                .as("but the address's allowance (6) is spent now")
                .isEqualTo(429);
    }

    /**
     * Client credentials for technical users, and the authorization code (with PKCE, for the web
     * interface's one client: EmbeddedWebLoginTest) — nothing else is served.
     */
    @Test
    void theIssuerServesOnlyTheGrantsInUse() {
        var metadata = hub.request("GET", "/.well-known/oauth-authorization-server", Map.of(), null);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json()
                        .get("grant_types_supported")
                        .valueStream()
                        .map(n -> n.stringValue())
                        .toList())
                .containsExactly("client_credentials", "authorization_code");
        assertThat(metadata.json()
                        .get("code_challenge_methods_supported")
                        .valueStream()
                        .map(n -> n.stringValue())
                        .toList())
                .containsExactly("S256");
        var technicalUserAtTheAuthorizationEndpoint = hub.request(
                "GET",
                "/oauth2/authorize?response_type=code&client_id=supplier-a-erp&redirect_uri=http://localhost/cb",
                Map.of(),
                null);
        assertThat(technicalUserAtTheAuthorizationEndpoint.status())
                .as("%s", technicalUserAtTheAuthorizationEndpoint)
                .isBetween(400, 499);

        for (var grant : List.of(
                "authorization_code&code=x&redirect_uri=http://localhost/cb",
                "password&username=a&password=b",
                "refresh_token&refresh_token=x",
                "urn:ietf:params:oauth:grant-type:device_code&device_code=x",
                "nonsense")) {
            var basic = java.util.Base64.getEncoder()
                    .encodeToString((Party.SUPPLIER_A.clientId() + ":" + Party.SUPPLIER_A.secret()).getBytes());
            var answer = hub.request(
                    "POST",
                    "/oauth2/token",
                    Map.of("Authorization", "Basic " + basic, "Content-Type", "application/x-www-form-urlencoded"),
                    "grant_type=" + grant);
            assertThat(answer.status()).as("%s: %s", grant, answer).isEqualTo(400);
            assertThat(answer.json().get("error").stringValue())
                    .isIn("unsupported_grant_type", "unauthorized_client", "invalid_grant");
        }
        for (var path : List.of(
                "/.well-known/openid-configuration",
                "/userinfo",
                "/connect/logout",
                "/oauth2/device_verification",
                "/oauth2/introspect",
                "/oauth2/revoke",
                "/oauth2/device_authorization",
                "/connect/register",
                "/oauth2/par")) {
            for (var method : List.of("GET", "POST")) {
                var answer = hub.request(method, path, Map.of("Content-Type", "application/x-www-form-urlencoded"), "");
                assertThat(answer.status())
                        .as("%s %s: %s", method, path, answer)
                        .isEqualTo(404);
                assertThat(answer.code()).isEqualTo("opp.error.technical.resource-not-found");
            }
        }
    }

    private long secretChecks() {
        var metrics = hub.request("GET", "/actuator/prometheus", Map.of(), null).body();
        return metrics.lines()
                .filter(line -> line.startsWith("hub_token_secret_checks_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    private long failures(String clientId) {
        return jdbc.sql(
                        "select coalesce(sum(requests), 0) from refusal_count where client_id = ? and error_code = 'oauth2.invalid_client'")
                .param(clientId)
                .query(Long.class)
                .single();
    }
}
