package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import ee.datahub.enquiryhub.support.ScratchDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every instance on one database signs with the one key that the first instance stored, even when
 * instances start together on an empty database: eight loaders, released at the same instant by a
 * barrier, each on its own connection, against a fresh signing_key table in a scratch database. The
 * same race (a few tries at most) with a naive loader (look, and if there is none, store and use one's
 * own) ends with several keys, which shows the race can catch the fault.
 */
class SigningKeyTest {

    private static final int INSTANCES = 8;

    private static ScratchDatabase database;
    private final List<String> schemas = new ArrayList<>();

    @BeforeAll
    static void startDatabase() {
        database = ScratchDatabase.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @AfterEach
    void dropSchemas() {
        schemas.forEach(schema -> database.jdbc("public")
                .sql("drop schema " + schema + " cascade")
                .update());
    }

    @Test
    void instancesStartingTogetherAllGetTheOneStoredKey() throws Exception {
        var schema = freshSchema();
        var keys = race(schema, jdbc -> new SigningKeys(jdbc, Clock.systemUTC()).current());
        var stored = jdbcOn(schema)
                .sql("select jwk from signing_key")
                .query(String.class)
                .list();
        assertThat(stored).hasSize(1);
        assertThat(keys).as("one key for all").hasSize(1);
        assertThat(stored.getFirst()).contains(keys.getFirst());
    }

    @Test
    void aNaiveLoaderInTheSameRaceEndsWithSeveralKeys() throws Exception {
        var keys = race(freshSchema(), SigningKeyTest::naiveLoad);
        // The loss needs two loaders to look before either stores: likely, not certain, in any one race.
        for (int attempt = 2; attempt <= 5 && keys.size() < 2; attempt++) {
            keys = race(freshSchema(), SigningKeyTest::naiveLoad);
        }
        assertThat(keys).as("instances that looked before any stored disagree").hasSizeGreaterThan(1);
    }

    /** Looks for the key and, when there is none, stores its own and uses it without reading back. */
    private static RSAKey naiveLoad(JdbcClient jdbc) {
        var stored = jdbc.sql("select jwk from signing_key where id = 1")
                .query(String.class)
                .optional();
        try {
            if (stored.isPresent()) {
                return RSAKey.parse(stored.get());
            }
            var own = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            jdbc.sql("insert into signing_key (id, jwk, created_at) values (1, ?, now()) on conflict (id) do nothing")
                    .param(own.toJSONString())
                    .update();
            return own;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key ids the loaders ended with, one loader per thread and connection, all released at once. */
    private List<String> race(String schema, Function<JdbcClient, RSAKey> loader) throws Exception {
        var barrier = new CyclicBarrier(INSTANCES);
        var pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            var futures = new ArrayList<CompletableFuture<String>>();
            for (int i = 0; i < INSTANCES; i++) {
                var jdbc = jdbcOn(schema);
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(barrier);
                            return loader.apply(jdbc).getKeyID();
                        },
                        pool));
            }
            var ids = new ArrayList<String>();
            for (var future : futures) {
                ids.add(future.get(60, TimeUnit.SECONDS));
            }
            return ids.stream().distinct().toList();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A schema with an empty signing_key table shaped like the hub's, as a fresh database has it. */
    private String freshSchema() {
        var schema =
                "signing_race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var jdbc = jdbcOn("public");
        jdbc.sql("create schema " + schema).update();
        schemas.add(schema);
        jdbc.sql("create table " + schema + ".signing_key (like public.signing_key including all)")
                .update();
        return schema;
    }

    private static JdbcClient jdbcOn(String schema) {
        return database.jdbc(schema);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
