package ee.datahub.enquiryhub.security;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.ProductionHub;
import ee.datahub.enquiryhub.support.TokenForge;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Production configuration is configuration only: a hub with an external PostgreSQL and an external
 * OpenID Connect issuer ({@link ProductionHub}: the test's first hub plays the issuer), no embedded
 * issuer and no demo data, accepts that issuer's tokens for its audience and maps them to technical users.
 */
class ExternalIssuerTest extends HubApiTest {

    @Autowired
    JdbcClient jdbc;

    private ConfigurableApplicationContext production;

    @AfterEach
    void stop() {
        if (production != null) {
            production.close();
        }
    }

    @Test
    void aHubConfiguredForAnExternalIssuerAcceptsItsTokens() {
        var client = ProductionHub.client(port);
        var search = client.request(
                "POST",
                "/api/v1/direct-messages/search",
                v1Headers(hub.token(Party.SUPPLIER_A)),
                object("marketParticipantContext", supplierA().context()).toString());
        assertThat(search.status()).as("%s", search).isEqualTo(200);

        var tokenEndpoint = client.request(
                "POST",
                "/oauth2/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "grant_type=client_credentials");
        assertThat(tokenEndpoint.status())
                .as("no embedded issuer in production")
                .isNotEqualTo(200);
    }

    @Test
    void tokensForAnotherAudienceAreRefused() {
        var client = ProductionHub.client(port);
        var forge = new TokenForge(jdbc, hub);
        var elsewhere = forge.signedByHub(
                forge.claimsOf(Party.SUPPLIER_A).audience("some-other-service").build());
        var search = client.request(
                "POST",
                "/api/v1/direct-messages/search",
                v1Headers(elsewhere),
                object("marketParticipantContext", supplierA().context()).toString());
        assertThat(search.status()).isEqualTo(401);
        assertThat(search.code()).isEqualTo("opp.error.technical.jwt-processing");
    }

    @Test
    void anIssuerWhoseKeysCannotBeFetchedIsA503NotA500() {
        var client = startProductionHub("enquiry-hub", "http://localhost:" + freePort() + "/oauth2/jwks");
        var search = client.request(
                "POST",
                "/api/v1/direct-messages/search",
                v1Headers(hub.token(Party.SUPPLIER_A)),
                object("marketParticipantContext", supplierA().context()).toString());
        assertThat(search.status()).as("%s", search).isEqualTo(503);
        assertThat(search.code()).isEqualTo("opp.error.technical.service-unavailable");
    }

    private HubClient startProductionHub(String audience, String jwkSetUri) {
        production = new SpringApplicationBuilder(EnquiryHubApplication.class)
                .run(
                        "--spring.profiles.active=production",
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + DB_PORT + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--hub.auth.issuer=http://localhost:8080",
                        "--hub.auth.jwk-set-uri=" + jwkSetUri,
                        "--hub.auth.audience=" + audience,
                        "--hub.push.enabled=false");
        return new HubClient("http://localhost:"
                + ((WebServerApplicationContext) production).getWebServer().getPort());
    }

    private static Map<String, String> v1Headers(String token) {
        return Map.of(
                "Authorization",
                "Bearer " + token,
                "Content-Type",
                "application/json",
                "x-document-identification",
                UUID.randomUUID().toString(),
                "x-document-date-time",
                "2026-11-27T09:15:00Z");
    }
}
