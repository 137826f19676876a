package ee.datahub.enquiryhub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import ee.datahub.enquiryhub.platform.HubTime;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded issuer's RSA signing key, generated once and kept in the database so that every hub
 * instance on it signs and verifies with the same key. Loaded on first use (after migrations ran).
 */
final class SigningKeys {

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile RSAKey key;

    SigningKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    RSAKey current() {
        var loaded = key;
        if (loaded == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate();
                }
                loaded = key;
            }
        }
        return loaded;
    }

    RSAPublicKey publicKey() {
        try {
            return current().toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("the stored signing key is unusable", e);
        }
    }

    private RSAKey loadOrCreate() {
        try {
            var candidate = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            jdbc.sql("""
                    insert into signing_key (kid, jwk, created_at)
                    select ?, ?, ? where not exists (select 1 from signing_key)
                    """)
                    .params(candidate.getKeyID(), candidate.toJSONString(), HubTime.db(clock.instant()))
                    .update();
            // Two instances starting together may both insert; both then use the same, first key.
            var stored = jdbc.sql("select jwk from signing_key order by created_at, kid limit 1").query(String.class).single();
            return RSAKey.parse(stored);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot set up the token signing key", e);
        }
    }
}
