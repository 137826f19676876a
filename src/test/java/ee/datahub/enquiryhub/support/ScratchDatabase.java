package ee.datahub.enquiryhub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A throwaway PostgreSQL for tests that need a database but not a hub: started in a temporary
 * directory with the hub's migrations applied (as {@code postgres}, in {@code public}), and removed
 * with its directory on {@link #close()}.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private ScratchDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static ScratchDatabase start() {
        EmbeddedPostgres postgres;
        try {
            // Nothing here outlives the test: durability would only cost time.
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("timezone", "UTC")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var database = new ScratchDatabase(postgres);
        Flyway.configure()
                .dataSource(database.dataSource("public"))
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .placeholders(Map.of("runtime_role", "postgres"))
                .load()
                .migrate();
        return database;
    }

    /** A data source whose every connection is a new session in {@code schema}. */
    public DataSource dataSource(String schema) {
        return new DriverManagerDataSource(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?currentSchema=" + schema,
                "postgres",
                "");
    }

    public JdbcClient jdbc(String schema) {
        return JdbcClient.create(dataSource(schema));
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
