package ee.datahub.enquiryhub.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * The hub's connections to PostgreSQL, embedded or external: timeouts on every pooled connection
 * ({@link DatabaseSettings}), and the name of the runtime role for the migration that grants it its
 * rights ({@code ${runtime_role}} in V13__grant_runtime_role.sql): the pool's user.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseSettings.class)
class DatabaseConnections {

    @Bean
    static BeanPostProcessor databaseTimeouts(ObjectProvider<DatabaseSettings> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && !pool.isRunning()) {
                    applyTimeouts(pool, settings.getObject());
                }
                if (bean instanceof JdbcTemplate jdbc) {
                    jdbc.setExceptionTranslator(new FailoverAwareTranslator(jdbc.getExceptionTranslator()));
                }
                if (bean instanceof JdbcTransactionManager transactions) {
                    transactions.setExceptionTranslator(
                            new FailoverAwareTranslator(transactions.getExceptionTranslator()));
                }
                return bean;
            }
        };
    }

    /** Timeouts as PostgreSQL JDBC driver properties; an explicit setting (URL or properties) wins. */
    static void applyTimeouts(HikariDataSource pool, DatabaseSettings settings) {
        var url = pool.getJdbcUrl() == null ? "" : pool.getJdbcUrl();
        var properties = pool.getDataSourceProperties();
        setUnlessGiven(
                pool,
                url,
                "connectTimeout",
                Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        setUnlessGiven(
                pool,
                url,
                "loginTimeout",
                Long.toString(Math.max(1, settings.connectTimeout().toSeconds() + 1)));
        setUnlessGiven(
                pool,
                url,
                "socketTimeout",
                Long.toString(Math.max(1, settings.socketTimeout().toSeconds())));
        setUnlessGiven(pool, url, "tcpKeepAlive", "true");
        var statementTimeout =
                "-c statement_timeout=" + settings.statementTimeout().toMillis();
        var options = properties.getProperty("options");
        if (options == null && !url.contains("options=")) {
            pool.addDataSourceProperty("options", statementTimeout);
        } else if (options != null && !options.contains("statement_timeout")) {
            pool.addDataSourceProperty("options", options + " " + statementTimeout);
        }
    }

    private static void setUnlessGiven(HikariDataSource pool, String url, String name, String value) {
        if (!pool.getDataSourceProperties().containsKey(name) && !url.contains(name + "=")) {
            pool.addDataSourceProperty(name, value);
        }
    }

    @Bean
    FlywayConfigurationCustomizer runtimeRolePlaceholder(ObjectProvider<javax.sql.DataSource> dataSource) {
        return configuration -> {
            var placeholders = new HashMap<>(configuration.getPlaceholders());
            var user = dataSource.getObject() instanceof HikariDataSource pool && pool.getUsername() != null
                    ? pool.getUsername()
                    : "";
            placeholders.putIfAbsent("runtime_role", user);
            configuration.placeholders(placeholders);
        };
    }

    /**
     * What a failover does to a connection is the database being unavailable, not a fault of the hub's:
     * a server that is read-only (SQLSTATE 25006: reached as a standby), a rollback on a connection that
     * broke (the work was not committed), a connection the pool closed after it broke.
     */
    record FailoverAwareTranslator(SQLExceptionTranslator delegate) implements SQLExceptionTranslator {
        @Override
        public DataAccessException translate(String task, String sql, java.sql.SQLException e) {
            if ("25006".equals(e.getSQLState())) {
                return new TransientDataAccessResourceException(task + ": the server is read-only (a standby)", e);
            }
            if (task.startsWith("JDBC rollback")
                    || e.getSQLState() == null && "Connection is closed".equals(e.getMessage())) {
                return new DataAccessResourceFailureException(task + ": the connection was lost", e);
            }
            return delegate.translate(task, sql, e);
        }
    }
}
