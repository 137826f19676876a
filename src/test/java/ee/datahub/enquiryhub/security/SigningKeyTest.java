package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every instance on one database signs with the one key that the first instance stored. */
class SigningKeyTest extends HubApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void instancesLoadingTheKeyTogetherAllGetTheStoredOne() {
        var keys = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> new SigningKeys(jdbc, Clock.systemUTC()).current()))
                .map(CompletableFuture::join)
                .map(key -> key.getKeyID())
                .distinct()
                .toList();
        var stored = jdbc.sql("select jwk from signing_key").query(String.class).list();
        assertThat(stored).hasSize(1);
        assertThat(keys).hasSize(1);
        assertThat(stored.getFirst()).contains(keys.getFirst());
    }
}
