package ee.datahub.enquiryhub.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The suite's database commits without waiting for its disk ({@code synchronous_commit = off}, for every
 * session and instance on it): nearly every request writes, and on a busy shared disk each wait costs
 * milliseconds. What a commit shows other sessions is unchanged; only a crash of PostgreSQL could lose
 * the last commits, and none is crashed (durability: HardKillIT and EmbeddedPostgresSupervisionTest).
 */
@TestConfiguration(proxyBeanMethods = false)
public class QuickCommits {

    /** Marks the setting applied; depends on the data source, so runs once the embedded PostgreSQL runs. */
    public record Applied() {}

    @Bean
    Applied commitsWithoutWaitingForTheDisk(DataSource dataSource) throws SQLException {
        try (var connection = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + HubApiTest.DB_PORT + "/postgres", "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("alter system set synchronous_commit = off");
            statement.execute("select pg_reload_conf()");
        }
        return new Applied();
    }
}
