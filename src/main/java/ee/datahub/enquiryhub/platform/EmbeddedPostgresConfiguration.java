package ee.datahub.enquiryhub.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * The default database: a PostgreSQL 17 the hub starts (and restarts, {@link SupervisedPostgres})
 * itself, with a persistent data directory and production-grade durability (fsync and synchronous
 * commit on), so that a hard kill of the JVM loses no committed write. Migrations run as the owner
 * role, the hub's connections as the runtime role. Switched off by {@code hub.embedded-db.enabled=false}
 * in production, where {@code spring.datasource.*} names the external database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.embedded-db.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedPostgresConfiguration.Settings.class)
class EmbeddedPostgresConfiguration {

    @ConfigurationProperties("hub.embedded-db")
    @Validated
    record Settings(
            Boolean enabled,
            Path dataDir,
            @Min(1) @Max(65535) Integer port) {
        Settings {
            dataDir = dataDir == null ? Path.of("data", "postgres") : dataDir;
            port = port == null ? 54329 : port;
        }
    }

    @Bean(destroyMethod = "close")
    SupervisedPostgres embeddedPostgres(Settings settings) throws IOException {
        var dataDir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // Its own hook would stop PostgreSQL the moment the JVM is asked to stop, beside Spring's
                // graceful shutdown instead of after it; SupervisedPostgres closes it last.
                .setRegisterShutdownHook(false)
                .setPort(settings.port())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC")
                // PostgreSQL's own log in <data dir>/log, a file per weekday, truncated a week later: checkpoints,
                // lock waits over a second, autovacuum's long runs, errors. Terse: an error's DETAIL would
                // quote the values of a row (personal data); statements are logged with their placeholders only.
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", "log")
                .setServerConfig("log_filename", "postgresql-%a.log")
                .setServerConfig("log_rotation_age", "1d")
                .setServerConfig("log_rotation_size", "0")
                .setServerConfig("log_truncate_on_rotation", "on")
                .setServerConfig("log_error_verbosity", "terse")
                .setServerConfig("log_lock_waits", "on");
        var postgres = new SupervisedPostgres(builder, dataDir, settings.port());
        postgres.start();
        return postgres;
    }

    /** The hub's pool, as the runtime role; {@code spring.datasource.hikari.*} applies as with an external database. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(SupervisedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setUsername(SupervisedPostgres.RUNTIME_ROLE);
        dataSource.setPoolName("hub");
        return dataSource;
    }

    /** Migrations run as the owner role, on their own connection. */
    @Bean
    FlywayConfigurationCustomizer migrationsAsOwner(SupervisedPostgres postgres) {
        return configuration -> configuration.dataSource(postgres.jdbcUrl(), SupervisedPostgres.OWNER_ROLE, "");
    }
}
