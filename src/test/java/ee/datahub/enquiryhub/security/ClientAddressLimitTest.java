package ee.datahub.enquiryhub.security;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.LimitedHub;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pre-authentication limit: an address beyond its allowance gets 429 before its token is even
 * looked at, and the refusals are counted for that address ({@link LimitedHub}). {@code X-Forwarded-For}
 * decides the address only behind proxies the hub is told to trust, and then only the entry the outermost
 * of them wrote.
 */
class ClientAddressLimitTest extends HubApiTest {

    private static final int BURST = LimitedHub.PRE_AUTH_BURST;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog auditLog;

    private HubClient limited() {
        return LimitedHub.client();
    }

    private Response anonymousFrom(String forwardedFor) {
        return limited()
                .request(
                        "POST",
                        "/api/v1/direct-messages/search",
                        Map.of("Content-Type", "application/json", "X-Forwarded-For", forwardedFor),
                        "{}");
    }

    @Test
    void anAddressBeyondItsAllowanceIsRefusedBeforeItsTokenIsLookedAt() throws Exception {
        var address = randomAddress();
        for (int i = 0; i < BURST; i++) {
            assertThat(anonymousFrom(address).status()).isEqualTo(401);
        }
        var refused = anonymousFrom(address);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("opp.error.technical.rate-limit-exceeded");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();

        var withAToken = limited()
                .request(
                        "POST",
                        "/api/v1/direct-messages/search",
                        Map.of(
                                "Authorization",
                                "Bearer " + hub.token(Party.SUPPLIER_A),
                                "Content-Type",
                                "application/json",
                                "x-document-identification",
                                UUID.randomUUID().toString(),
                                "x-document-date-time",
                                "2026-11-27T09:15:00Z",
                                "X-Forwarded-For",
                                address),
                        object("marketParticipantContext", supplierA().context())
                                .toString());
        assertThat(withAToken.status())
                .as("a valid token does not help once the address is over")
                .isEqualTo(429);

        assertThat(anonymousFrom(randomAddress()).status())
                .as("another address is not affected")
                .isEqualTo(401);

        long counted = 0;
        for (int attempt = 0; counted < BURST + 2 && attempt < 50; attempt++) {
            Thread.sleep(100);
            counted = jdbc.sql("select coalesce(sum(requests), 0) from refusal_count where source_address = ?")
                    .param(address)
                    .query(Long.class)
                    .single();
        }
        assertThat(counted)
                .as("every refusal of that address, 401s and 429s, counted")
                .isEqualTo(BURST + 2);
    }

    @Test
    void onlyTheEntryTheTrustedProxyWroteCounts() {
        var real = randomAddress();
        for (int i = 0; i < BURST; i++) {
            // The client forges a fresh address each time in front of the one its proxy appended.
            assertThat(anonymousFrom(randomAddress() + ", " + real).status()).isEqualTo(401);
        }
        assertThat(anonymousFrom(randomAddress() + ", " + real).status()).isEqualTo(429);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        var response = hub.v1(
                "POST",
                "/api/v1/direct-messages/search",
                Party.SUPPLIER_A,
                object("marketParticipantContext", supplierA().context()).toString(),
                Map.of("X-Forwarded-For", "203.0.113.9"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(auditLog.forRequest(response.header("x-request-id")))
                .singleElement()
                .satisfies(entry -> assertThat(entry.sourceAddress()).contains("127.0.0.1"));
    }

    private static String randomAddress() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
