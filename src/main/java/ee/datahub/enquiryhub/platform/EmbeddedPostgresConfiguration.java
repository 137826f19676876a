package ee.datahub.enquiryhub.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default database: a PostgreSQL 17 the hub starts itself, with a persistent data directory and
 * production-grade durability (fsync and synchronous commit on), so that a hard kill of the JVM loses
 * no committed write. Switched off by {@code hub.embedded-db.enabled=false} in production, where
 * {@code spring.datasource.*} names the external database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.embedded-db.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedPostgresConfiguration.Settings.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @ConfigurationProperties("hub.embedded-db")
    record Settings(Boolean enabled, Path dataDir, Integer port) {
        Settings {
            dataDir = dataDir == null ? Path.of("data", "postgres") : dataDir;
            port = port == null ? 54329 : port;
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(Settings settings) throws IOException {
        var dataDir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        StalePostmaster.clear(dataDir);
        log.info("Starting embedded PostgreSQL on port {} with data in {}", settings.port(), dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(settings.port())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("timezone", "UTC")
                .start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("hub");
        return dataSource;
    }
}
