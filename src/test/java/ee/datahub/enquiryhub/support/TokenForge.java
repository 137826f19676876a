package ee.datahub.enquiryhub.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Crafts bearer tokens the token endpoint would never issue (expired, for another issuer or audience,
 * for an unknown client, unsigned, signed with a shared secret or another key). Starts from the claims
 * of a real token and signs with the embedded issuer's own key, read from the hub's database (it is
 * not to be had over HTTP), so that each token differs from a valid one in one respect only.
 */
public final class TokenForge {

    private final JdbcClient jdbc;
    private final HubClient hub;

    public TokenForge(JdbcClient jdbc, HubClient hub) {
        this.jdbc = jdbc;
        this.hub = hub;
    }

    /** The claims of a real token the hub issued to the party, to be changed by the test. */
    public JWTClaimsSet.Builder claimsOf(Party party) {
        try {
            return new JWTClaimsSet.Builder(SignedJWT.parse(hub.token(party)).getJWTClaimsSet());
        } catch (ParseException e) {
            throw new IllegalStateException("the hub issued a token that is not a signed JWT", e);
        }
    }

    /** Signed RS256 with the embedded issuer's key, exactly as the hub signs. */
    public String signedByHub(JWTClaimsSet claims) {
        return signedBy(hubKey(), claims);
    }

    /** Signed RS256 with the given key. */
    public String signedBy(RSAKey key, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed HS256 with a random shared secret. */
    public String signedWithSharedSecret(JWTClaimsSet claims) {
        try {
            var secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}, no signature. */
    public String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** A fresh RSA key the hub has never seen. */
    public static RSAKey anotherKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("not-the-hubs").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private RSAKey hubKey() {
        var jwk = jdbc.sql("select jwk from signing_key where id = 1")
                .query(String.class)
                .single();
        try {
            return RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("the stored signing key is not an RSA JWK", e);
        }
    }
}
