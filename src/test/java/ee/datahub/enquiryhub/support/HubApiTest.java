package ee.datahub.enquiryhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP-level tests: the real hub on a random port, with its embedded PostgreSQL (in a
 * temporary data directory), its embedded token issuer and its demo data. One hub serves every test
 * class of a run; tests that need isolation register fresh participants.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestHosts.class, QuickCommits.class})
public abstract class HubApiTest {

    /**
     * The test hubs' settings (SecondHub takes the same). The suite's races send far more than a
     * client's fair share, all from one address, and fetch tokens for hundreds of fresh clients
     * (RateLimitTest and TokenEndpointTest check the limits); they put more requests in flight than
     * two busy cores serve at once, which queue for a place and a connection instead of being refused
     * (RequestCapacityTest and DatabaseOutageTest check the refusals).
     */
    public static final String[] SETTINGS = {
        "hub.rate-limit.requests-per-second=0",
        "hub.rate-limit.participant-requests-per-second=0",
        "hub.pre-auth-limit.requests-per-second=0",
        "hub.token-limit.client-requests-per-second=0",
        "hub.token-limit.address-requests-per-second=0",
        "hub.capacity.queue-wait=30s",
        "spring.datasource.hikari.connection-timeout=10000",
        // A waiting feed read looks again only after the longest wait (30 s): an answer before it was a wake-up.
        "hub.feed.wait-recheck=1m",
        // push deliveries: quick retries and sweeps, a few at a time per instance
        "hub.push.allow-http-loopback=true",
        "hub.push.concurrency=3",
        "hub.push.sweep-interval=500ms",
        "hub.push.retry.first-delay=100ms",
        "hub.push.retry.max-delay=400ms",
        "hub.push.retry.give-up-after=5s"
    };

    /**
     * Email in tests: every instance sends to the run's SMTP server ({@link TestSmtp}), quick sweeps and
     * retries (SecondHub takes the same). The SMTP timeouts are the default ones: shorter ones, on a
     * busy machine, give up on answers the server is about to give, and a message it took goes again.
     */
    public static final String[] MAIL_SETTINGS = {
        "hub.mail.embedded-smtp.enabled=false",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=" + TestSmtp.PORT,
        "hub.mail.sweep-interval=300ms",
        "hub.mail.retry.first-delay=100ms",
        "hub.mail.retry.max-delay=1s"
    };

    public static final Path DATA_DIR = temporaryDirectory();
    public static final int DB_PORT = freePort();

    @LocalServerPort
    protected int port;

    protected HubClient hub;

    @DynamicPropertySource
    static void embeddedDatabase(DynamicPropertyRegistry registry) {
        registry.add("hub.embedded-db.data-dir", DATA_DIR::toString);
        registry.add("hub.embedded-db.port", () -> DB_PORT);
        for (var setting : SETTINGS) {
            var parts = setting.split("=", 2);
            registry.add(parts[0], () -> parts[1]);
        }
        TestSmtp.start();
        for (var setting : MAIL_SETTINGS) {
            var parts = setting.split("=", 2);
            registry.add(parts[0], () -> parts[1]);
        }
    }

    @BeforeEach
    void connect() {
        hub = new HubClient("http://localhost:" + port);
    }

    protected Actor supplierA() {
        return hub.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
    }

    protected Actor supplierB() {
        return hub.as(Party.SUPPLIER_B, "OPEN_SUPPLIER", "ELECTRICITY");
    }

    protected Actor gridA() {
        return hub.as(Party.GRID_A, "GRID_OPERATOR", "ELECTRICITY");
    }

    protected Actor gridB() {
        return hub.as(Party.GRID_B, "GRID_OPERATOR", "ELECTRICITY");
    }

    protected Actor cdn() {
        return hub.as(Party.CDN, "CLOSED_DISTRIBUTION_NETWORK", "ELECTRICITY");
    }

    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("enquiry-hub-test-db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
