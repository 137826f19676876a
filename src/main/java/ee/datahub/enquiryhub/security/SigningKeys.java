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
            var candidate = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            // The first instance's key wins; every other instance reads that one.
            jdbc.sql("insert into signing_key (id, jwk, created_at) values (1, ?, ?) on conflict (id) do nothing")
                    .params(candidate.toJSONString(), HubTime.db(clock.instant()))
                    .update();
            var stored = jdbc.sql("select jwk from signing_key where id = 1")
                    .query(String.class)
                    .single();
            return RSAKey.parse(stored);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot set up the token signing key", e);
        }
    }
}
