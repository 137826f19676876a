package ee.datahub.enquiryhub.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The suite's database commits without waiting for its disk ({@code synchronous_commit = off} for every
 * session on it, set before the hub's pool opens one): nearly every request writes, and on a busy shared
 * disk each wait costs milliseconds. What a commit shows other sessions is unchanged; only a crash of
 * PostgreSQL could lose the last commits, and none is crashed (durability: HardKillIT, with the defaults).
 */
@TestConfiguration(proxyBeanMethods = false)
public class QuickCommits {

    @Bean
    static BeanPostProcessor commitsWithoutWaitingForTheDisk() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (name.equals("embeddedPostgres")) {
                    apply();
                }
                return bean;
            }
        };
    }

    // The server's settings come on its command line (EmbeddedPostgresConfiguration), which outranks
    // ALTER SYSTEM; a database's own setting outranks the command line for the sessions it starts.
    private static void apply() {
        var url = "jdbc:postgresql://localhost:" + HubApiTest.DB_PORT + "/postgres";
        try (var connection = DriverManager.getConnection(url, "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("alter database postgres set synchronous_commit = off");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (var connection = DriverManager.getConnection(url, "postgres", "");
                var statement = connection.createStatement();
                var result = statement.executeQuery("show synchronous_commit")) {
            result.next();
            if (!result.getString(1).equals("off")) {
                throw new IllegalStateException("synchronous_commit is still " + result.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
