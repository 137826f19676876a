package ee.datahub.enquiryhub.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Knows, without asking the pool, whether the database can be reached: a background thread checks it
 * every {@code hub.database.probe-interval} (1 s) on a connection of its own, so that a pool busy with
 * requests never makes the database look down, and a database that is down never makes requests wait
 * for the pool. Readiness ({@code /actuator/health/readiness}, contributor {@code database}) follows it,
 * and so does the API, which answers 503 at once while it is down. Recovery is detected the same way.
 */
@Component("database")
public class DatabaseProbe implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

    private final HikariDataSource probePool;
    private final DataSource fallback;
    private final DatabaseSettings settings;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "database-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean reachable = true;
    private volatile String lastProblem = "";

    DatabaseProbe(DataSource dataSource, DatabaseSettings settings) {
        this.settings = settings;
        this.fallback = dataSource;
        this.probePool = dataSource instanceof HikariDataSource pool ? probePoolLike(pool, settings) : null;
    }

    // A one-connection pool with the hub pool's URL and credentials; it never blocks the hub's pool.
    private static HikariDataSource probePoolLike(HikariDataSource pool, DatabaseSettings settings) {
        var config = new HikariConfig();
        config.setJdbcUrl(pool.getJdbcUrl());
        config.setUsername(pool.getUsername());
        config.setPassword(pool.getPassword());
        if (pool.getDriverClassName() != null) {
            config.setDriverClassName(pool.getDriverClassName());
        }
        config.setDataSourceProperties(pool.getDataSourceProperties());
        config.setPoolName("hub-database-probe");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis() / 2));
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @EventListener(ApplicationReadyEvent.class)
    void startProbing() {
        var interval = settings.probeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::probe, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** True unless the last probe failed. */
    public boolean reachable() {
        return reachable;
    }

    void probe() {
        var source = probePool != null ? probePool : fallback;
        try (var connection = source.getConnection();
                var statement = connection.createStatement()) {
            statement.setQueryTimeout(
                    (int) Math.max(1, settings.connectTimeout().toSeconds()));
            statement.execute("select 1");
            if (!reachable) {
                log.warn("The database is reachable again; accepting traffic");
            }
            reachable = true;
        } catch (SQLException | RuntimeException e) {
            if (reachable) {
                log.error(
                        "The database cannot be reached ({}); refusing API requests with 503 until it can",
                        e.getClass().getSimpleName());
            }
            lastProblem = e.getClass().getSimpleName();
            reachable = false;
        }
    }

    @Override
    public Health health() {
        return reachable
                ? Health.up().build()
                : Health.down().withDetail("problem", lastProblem).build();
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
        if (probePool != null) {
            probePool.close();
        }
    }
}
