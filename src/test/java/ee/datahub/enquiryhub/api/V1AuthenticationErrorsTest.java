package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static ee.datahub.enquiryhub.support.ErrorCodes.AUTHENTICATION;
import static ee.datahub.enquiryhub.support.ErrorCodes.JWT_FORMAT;
import static ee.datahub.enquiryhub.support.ErrorCodes.JWT_PROCESSING;
import static ee.datahub.enquiryhub.support.V1ErrorAnswer.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import ee.datahub.enquiryhub.support.TokenForge;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 401s of spec §4.1: {@code authentication} for no token, an expired one or one whose technical
 * user is unknown or revoked; {@code jwt-format} for a token that is not a JWT; {@code jwt-processing}
 * for a bad signature, issuer, audience or algorithm. Crafted tokens start from a real one and differ
 * from it in one respect only; the first test proves an unaltered re-signed token is accepted.
 */
class V1AuthenticationErrorsTest extends V1ErrorTesting {

    @Autowired
    JdbcClient jdbc;

    TokenForge forge;

    @BeforeEach
    void forge() {
        forge = new TokenForge(jdbc, hub);
    }

    // A search as the demo supplier A (a read: nothing is written), with this Authorization header.
    private Response searchWith(String authorization) {
        return send("POST", SEARCH, supplierA(), searchBody(supplierA(), object()), "Authorization", authorization);
    }

    private Response searchWithToken(String token) {
        return searchWith("Bearer " + token);
    }

    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(forge.claimsOf(Party.SUPPLIER_A)).build();
    }

    @Test
    void aTokenReSignedWithTheHubsKeyAndUnchangedIsAccepted() {
        var response = searchWithToken(forge.signedByHub(claims(c -> c)));
        assertThat(response.status()).as("the forge itself works: %s", response).isEqualTo(200);
    }

    @Test
    void noTokenIsAuthentication() {
        var error = expectError(searchWith(null), 401, AUTHENTICATION);
        assertThat(error.where()).isEqualTo("Authorization");
        expectError(
                send("POST", CREATE, supplierA(), createBody(supplierA()), "Authorization", null), 401, AUTHENTICATION);
        expectError(
                send(
                        "PUT",
                        "/api/v1/direct-message/" + UUID.randomUUID() + "/response/" + UUID.randomUUID(),
                        supplierA(),
                        object(),
                        "Authorization",
                        null),
                401,
                AUTHENTICATION);
    }

    @Test
    void credentialsThatAreNotABearerTokenAreAuthentication() {
        var basic = Base64.getEncoder().encodeToString("supplier-a-erp:supplier-a-secret".getBytes());
        expectError(searchWith("Basic " + basic), 401, AUTHENTICATION);
    }

    @Test
    void aMalformedBearerHeaderIsJwtFormatAndTheSchemeIsReadInAnyCase() {
        // security.BearerTokens reads a well-formed header itself and leaves the rest to Spring's resolver:
        // a token that cannot be parsed is jwt-format (spec §4.1).
        for (var malformed :
                List.of("Bearer", "Bearer ", "Bearer a b", "Bearer =abc", "Bearer abc=d", "Bearer  abc", "Bearer é")) {
            var error = expectError(searchWith(malformed), 401, JWT_FORMAT);
            assertThat(error.where()).as(malformed).isEqualTo("Authorization");
        }
        var token = forge.signedByHub(claims(c -> c));
        assertThat(searchWith("bearer " + token).status()).as("lower case").isEqualTo(200);
        assertThat(searchWith("BEARER " + token).status()).as("upper case").isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsAuthentication() {
        var expired = claims(c -> c.issueTime(Date.from(Instant.now().minus(20, ChronoUnit.MINUTES)))
                .notBeforeTime(Date.from(Instant.now().minus(20, ChronoUnit.MINUTES)))
                .expirationTime(Date.from(Instant.now().minus(10, ChronoUnit.MINUTES))));
        expectError(searchWithToken(forge.signedByHub(expired)), 401, AUTHENTICATION);
    }

    @Test
    void aTokenOfAnUnknownClientIsAuthentication() {
        var unknown = claims(c -> c.claim("azp", "no-such-client")
                .claim("client_id", "no-such-client")
                .subject("no-such-client"));
        expectError(searchWithToken(forge.signedByHub(unknown)), 401, AUTHENTICATION);
    }

    @Test
    void aTokenOfARevokedTechnicalUserIsAuthentication() throws InterruptedException {
        var admin = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var user = hub.technicalUser(admin, "EDITOR_DIRECT_MESSAGE");
        var supplier = hub.as(user, "OPEN_SUPPLIER", "ELECTRICITY");
        var token = hub.token(user);
        assertThat(supplier.search(object()).status())
                .as("works before it is revoked")
                .isEqualTo(200);

        var revoked = hub.call("DELETE", "/api/participant/technical-users/" + user.clientId(), admin, null);
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);

        // The hub forgets what it cached of the user when it hears of the revocation's commit, a moment later.
        var refused =
                send("POST", SEARCH, supplier, searchBody(supplier, object()), "Authorization", "Bearer " + token);
        for (int attempt = 0; refused.status() == 200 && attempt < 300; attempt++) {
            Thread.sleep(100);
            refused =
                    send("POST", SEARCH, supplier, searchBody(supplier, object()), "Authorization", "Bearer " + token);
        }
        var error = expectError(refused, 401, AUTHENTICATION);
        assertThat(error.where()).isEqualTo("Authorization");
        assertThat(hub.tokenRequest(user.clientId(), user.secret()).status())
                .as("and gets no new token")
                .isNotEqualTo(200);
    }

    @Test
    void garbageInsteadOfATokenIsJwtFormat() {
        expectError(searchWithToken("garbage"), 401, JWT_FORMAT);
        expectError(searchWithToken("abc.def.ghi"), 401, JWT_FORMAT);
        expectError(searchWithToken("not a token!"), 401, JWT_FORMAT);
    }

    @Test
    void anUnsignedTokenIsJwtProcessing() {
        var token = forge.unsigned(claims(c -> c));
        assertThat(token).as("alg none, empty signature").endsWith(".");
        expectError(searchWithToken(token), 401, JWT_PROCESSING);
    }

    @Test
    void aTokenSignedWithASharedSecretIsJwtProcessing() {
        expectError(searchWithToken(forge.signedWithSharedSecret(claims(c -> c))), 401, JWT_PROCESSING);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsJwtProcessing() {
        expectError(searchWithToken(forge.signedBy(TokenForge.anotherKey(), claims(c -> c))), 401, JWT_PROCESSING);
    }

    @Test
    void aTokenWhoseClaimsWereAlteredAfterSigningIsJwtProcessing() {
        var real = hub.token(Party.SUPPLIER_A).split("\\.");
        var otherClaims = forge.unsigned(
                        claims(c -> c.claim("azp", "grid-a-erp").claim("client_id", "grid-a-erp")))
                .split("\\.")[1];
        expectError(searchWithToken(real[0] + "." + otherClaims + "." + real[2]), 401, JWT_PROCESSING);
    }

    @Test
    void aTokenOfAnotherIssuerIsJwtProcessing() {
        expectError(
                searchWithToken(forge.signedByHub(claims(c -> c.issuer("https://issuer.example")))),
                401,
                JWT_PROCESSING);
    }

    @Test
    void aTokenWithoutAnExpiryIsJwtProcessing() {
        var response = searchWithToken(forge.signedByHub(claims(c -> c.expirationTime(null))));
        expectError(response, 401, JWT_PROCESSING);
        assertThat(response.errorMessage()).contains("no expiry");
    }

    @Test
    void anIssuerThatDiffersOnlyInTheCaseOfItsSchemeIsJwtProcessing() {
        var issuer = forge.claimsOf(Party.SUPPLIER_A).build().getIssuer();
        assertThat(issuer).startsWith("http://");
        expectError(
                searchWithToken(forge.signedByHub(claims(c -> c.issuer("HTTP://" + issuer.substring(7))))),
                401,
                JWT_PROCESSING);
    }

    @Test
    void aTokenThatIsNotValidYetIsJwtProcessing() {
        expectError(
                searchWithToken(forge.signedByHub(claims(
                        c -> c.notBeforeTime(Date.from(Instant.now().plus(10, ChronoUnit.MINUTES)))))),
                401,
                JWT_PROCESSING);
    }

    @Test
    void anExpiredTokenOfAnotherIssuerIsJwtProcessingNotMerelyExpired() {
        expectError(
                searchWithToken(forge.signedByHub(claims(c -> c.issuer("https://issuer.example")
                        .expirationTime(Date.from(Instant.now().minus(10, ChronoUnit.MINUTES)))))),
                401,
                JWT_PROCESSING);
    }

    @Test
    void aTokenForAnotherAudienceIsJwtProcessing() {
        expectError(
                searchWithToken(forge.signedByHub(claims(c -> c.audience("another-service")))), 401, JWT_PROCESSING);
        expectError(searchWithToken(forge.signedByHub(claims(c -> c.audience((String) null)))), 401, JWT_PROCESSING);
    }
}
