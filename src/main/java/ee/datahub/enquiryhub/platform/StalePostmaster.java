package ee.datahub.enquiryhub.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a hard kill of the JVM the embedded PostgreSQL may still run (it is a separate process), or
 * may have died leaving its {@code postmaster.pid}. Either blocks the next start; this stops the
 * orphan with a fast shutdown (PostgreSQL then recovers nothing it had not written durably anyway)
 * or removes the stale file.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {}

    static void clear(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        } catch (RuntimeException unreadable) {
            log.warn("Removing unreadable postmaster.pid in {}", dataDir);
            Files.deleteIfExists(pidFile);
            return;
        }
        var process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostgres(process.get())) {
            log.warn("Stopping orphaned embedded PostgreSQL (pid {}) left by an earlier run", pid);
            signal(pid, "INT");
            var deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
                sleep();
            }
            if (process.get().isAlive()) {
                process.get().destroyForcibly();
            }
        } else {
            log.warn("Removing stale postmaster.pid (pid {} is not running) in {}", pid, dataDir);
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.contains("postgres"))
                .orElse(true);
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
