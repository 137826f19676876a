package ee.datahub.enquiryhub.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The replicated PostgreSQL of {@code tools/ha-cluster.sh} (etcd, Patroni, HAProxy, pgBackRest),
 * driven from a test through the same script an operator runs; {@link #close()} stops everything.
 */
final class HaCluster implements AutoCloseable {

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private boolean failed = true;

    private HaCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts a cluster on ten free ports in a new directory (PostgreSQL's user must reach it, hence /tmp). */
    static HaCluster start(String... options) throws IOException {
        var cluster = new HaCluster(Files.createTempDirectory("enquiry-hub-ha-"));
        var args = new ArrayList<>(List.of("start", "--port", String.valueOf(freeBase())));
        args.addAll(List.of(options));
        cluster.run(args.toArray(String[]::new));
        for (var line : Files.readAllLines(cluster.dir.resolve("cluster.env"))) {
            var parts = line.split("=", 2);
            cluster.env.put(parts[0], parts[1].replace("\"", ""));
        }
        return cluster;
    }

    Path dir() {
        return dir;
    }

    /** Runs a command of the script on this cluster and returns what it printed. */
    String run(String... args) {
        var command = new ArrayList<>(List.of("tools/ha-cluster.sh", args[0], dir.toString()));
        command.addAll(List.of(args).subList(1, args.length));
        try {
            var log = dir.resolveSibling(dir.getFileName() + ".script.log");
            var process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            var out = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end; see " + log);
            }
            if (process.exitValue() != 0) {
                var tail = Files.readAllLines(log);
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + String.join("\n", tail.subList(Math.max(0, tail.size() - 10), tail.size())));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String primary() {
        return run("primary");
    }

    int port(String name) {
        return Integer.parseInt(env.get(name));
    }

    String password(String name) {
        return env.get(name);
    }

    /** The database as the hub reaches it: through HAProxy, whichever node is primary. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port("HAPROXY_PORT") + "/enquiry_hub";
    }

    /** The hub's settings for this cluster: its owner and runtime roles, through HAProxy. */
    List<String> hubSettings(String jdbcUrl) {
        return List.of(
                "--hub.embedded-db.enabled=false",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=enquiry_hub",
                "--spring.datasource.password=" + password("RUNTIME_PASSWORD"),
                "--spring.flyway.user=enquiry_hub_owner",
                "--spring.flyway.password=" + password("OWNER_PASSWORD"));
    }

    /** A superuser's connection through HAProxy, to check what the database holds. */
    Connection superuser() throws SQLException {
        return superuser(jdbcUrl());
    }

    Connection superuser(String url) throws SQLException {
        var properties = new java.util.Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", password("SUPERUSER_PASSWORD"));
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(url, properties);
    }

    /** The test passed: its directory may go when the cluster stops (else it stays, logs and all). */
    void passed() {
        failed = false;
    }

    @Override
    public void close() throws IOException {
        run("stop");
        if (!failed) {
            run("wipe");
            Files.deleteIfExists(dir.resolveSibling(dir.getFileName() + ".script.log"));
        }
    }

    // The first of ten consecutive free ports on loopback, somewhere in 20 000–29 990.
    private static int freeBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + 10 * ThreadLocalRandom.current().nextInt(1000);
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no ten free ports in a row");
    }

    private static boolean allFree(int base) {
        for (int port = base; port < base + 10; port++) {
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
