package ee.datahub.enquiryhub.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Connections outside the pool, with the pool's settings, for the hub's long-lived database sessions
 * (a leader holding its advisory lock, a listener waiting for notifications): they would otherwise
 * take connections from the pool that serves requests for as long as the hub runs.
 */
@Component
public class DedicatedConnections {

    private final DataSource dataSource;

    DedicatedConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Connection open() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            var pool = dataSource.unwrap(HikariDataSource.class);
            var properties = new Properties();
            properties.putAll(pool.getDataSourceProperties());
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            properties.putIfAbsent("ApplicationName", "enquiry-hub (dedicated)");
            return DriverManager.getConnection(pool.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }
}
