package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.audit.RefusalCounts;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.WebClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People's logins at the embedded provider on an instance with the default limits (its own, behind one
 * trusted proxy so that tests can come from several addresses). Thirty people logging in within ten
 * seconds all get in, and none of their code exchanges is held back by the machine clients' token limits
 * (the web client's retries of a 429 made logins wait for seconds).
 * Guessing is stopped per username and per address, with the same answers and the same number of
 * password checks whether the user exists or not; a locked attempt checks no password at all; a success
 * forgets its username's failures.
 */
class LoginLimitsTest extends HubApiTest {

    private static final int STORM = 30;
    private static final Duration STORM_WINDOW = Duration.ofSeconds(10);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static ConfigurableApplicationContext limited;

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    private String baseUrl;

    @BeforeEach
    void startAnInstanceWithTheDefaultLimits() {
        if (limited == null) {
            limited = new SpringApplicationBuilder(EnquiryHubApplication.class)
                    .run(
                            "--server.port=0",
                            "--hub.embedded-db.enabled=false",
                            "--spring.datasource.url=jdbc:postgresql://localhost:" + DB_PORT + "/postgres",
                            "--spring.datasource.username=postgres",
                            "--hub.demo.enabled=false",
                            "--hub.client-address.trusted-proxy-hops=1",
                            // on a machine shared with other builds a statement may wait for seconds: a
                            // login waits for a connection rather than failing (the figures show the wait)
                            "--spring.datasource.hikari.connection-timeout=30000",
                            // an address's thirty failures refill so slowly here that a test counts them exactly
                            "--hub.login-limit.address-failures-per-second=0.001");
        }
        baseUrl = "http://localhost:"
                + ((WebServerApplicationContext) limited).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (limited != null) {
            limited.close();
            limited = null;
        }
    }

    @Test
    void thirtyPeopleLoggingInWithinTenSecondsAllGetIn() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var usernames = new ArrayList<String>();
        for (int i = 0; i < STORM; i++) {
            var username = "storm-" + run + "-" + i;
            people.register(username, "Storm Person " + i, false);
            people.setEmbeddedPassword(username, "password-" + i);
            usernames.add(username);
        }
        // first uses (templates, the provider's keys, the JIT) are not the storm's
        var warmUp = new ArrayList<Long>();
        for (int i = 0; i < 3; i++) {
            var username = "storm-" + run + "-warm-" + i;
            people.register(username, "Warm-up " + i, false);
            people.setEmbeddedPassword(username, "password");
            long began = System.nanoTime();
            new WebClient(baseUrl).logIn(username, "password");
            warmUp.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
        }
        System.out.printf(
                "one login at a time (warm-up): %s ms; load average %s%n",
                warmUp,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        long refusedBefore = webLoginTokenRefusals();
        var pool = Executors.newFixedThreadPool(STORM);
        try {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            var logins = new ArrayList<CompletableFuture<Long>>();
            for (int i = 0; i < STORM; i++) {
                int person = i;
                long at = start + STORM_WINDOW.toNanos() * i / STORM;
                logins.add(CompletableFuture.supplyAsync(
                        () -> {
                            sleepUntil(at);
                            long began = System.nanoTime();
                            new WebClient(baseUrl).logIn(usernames.get(person), "password-" + person);
                            return System.nanoTime() - began;
                        },
                        pool));
            }
            var millis = new ArrayList<Long>();
            for (var login : logins) {
                millis.add(TimeUnit.NANOSECONDS.toMillis(login.get(2, TimeUnit.MINUTES)));
            }
            millis.sort(Long::compare);
            System.out.printf(
                    "login storm: %d people within %d s, every login in: median %d ms, slowest %d ms (all: %s)%n",
                    STORM, STORM_WINDOW.toSeconds(), millis.get(STORM / 2), millis.getLast(), millis);
            assertThat(webLoginTokenRefusals() - refusedBefore)
                    .as("no login's code exchange was held back by the token endpoint's limits (429)")
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void guessingIsStoppedPerUsernameWithTheSameAnswersWhetherTheUserExistsOrNot() {
        var username = "guessed-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(username, "Guessed Person", false);
        people.setEmbeddedPassword(username, "the-right-password");
        var ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);

        var existing = attempts(username, "the-right-password");
        var missing = attempts(ghost, "any-password");
        System.out.printf("guessing a person who exists:       %s%n", existing);
        System.out.printf("guessing a username nobody has:     %s%n", missing);
        assertThat(missing.stream().map(Attempt::answer).toList())
                .as("the same answers whether the user exists or not")
                .isEqualTo(existing.stream().map(Attempt::answer).toList());
        assertThat(missing.stream().map(Attempt::passwordChecks).toList())
                .as("the same password checks whether the user exists or not")
                .isEqualTo(existing.stream().map(Attempt::passwordChecks).toList());
        assertThat(existing.subList(0, 5)).allSatisfy(attempt -> {
            assertThat(attempt.answer()).isEqualTo("/idp/login?error");
            assertThat(attempt.passwordChecks()).isEqualTo(1);
        });
        assertThat(existing.subList(5, existing.size()))
                .as("beyond five failures: refused unchecked, even the right password")
                .allSatisfy(attempt -> {
                    assertThat(attempt.answer()).startsWith("/idp/login?locked=");
                    assertThat(attempt.passwordChecks()).isZero();
                });
        var page = new Guesser(address()).page(existing.getLast().answer());
        assertThat(page).contains("id=\"locked\"").doesNotContain(username);

        assertThat(new Guesser(address())
                        .attempt(username, "the-right-password")
                        .answer())
                .as("the username is locked from every address")
                .startsWith("/idp/login?locked=");
    }

    @Test
    void anAddressGuessingManyUsernamesIsStoppedButOthersLogIn() {
        var username = "clerk-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(username, "Clerk", false);
        people.setEmbeddedPassword(username, "clerks-password");
        var guesser = new Guesser(address());
        for (int i = 0; i < 30; i++) {
            assertThat(guesser.attempt("nobody-" + UUID.randomUUID(), "guess").answer())
                    .isEqualTo("/idp/login?error");
        }
        assertThat(guesser.attempt("nobody-" + UUID.randomUUID(), "guess").answer())
                .as("the address's thirty failures are spent")
                .startsWith("/idp/login?locked=");
        assertThat(guesser.attempt(username, "clerks-password").answer())
                .as("even a right password from that address waits")
                .startsWith("/idp/login?locked=");
        var elsewhere = new Guesser(address()).attempt(username, "clerks-password");
        assertThat(elsewhere.answer())
                .as("from another address the clerk gets in")
                .doesNotContain("/idp/login");
    }

    @Test
    void aSuccessForgetsTheUsernamesFailures() {
        var username = "typist-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(username, "Typist", false);
        people.setEmbeddedPassword(username, "typists-password");
        var typist = new Guesser(address());
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(typist.attempt(username, "typo-" + i).answer()).isEqualTo("/idp/login?error");
            }
            assertThat(typist.attempt(username, "typists-password").answer())
                    .as("round %d: four typos and then the right password", round)
                    .doesNotContain("/idp/login");
        }
    }

    record Attempt(String answer, long passwordChecks, long millis) {
        @Override
        public String toString() {
            return answer + " (" + passwordChecks + " check, " + millis + " ms)";
        }
    }

    /** Seven attempts with wrong passwords, then the right one, each from a fresh session, from one address. */
    private List<Attempt> attempts(String username, String rightPassword) {
        var guesser = new Guesser(address());
        var attempts = new ArrayList<Attempt>();
        for (int i = 0; i < 7; i++) {
            attempts.add(guesser.attempt(username, "wrong-" + i));
        }
        attempts.add(guesser.attempt(username, rightPassword));
        return attempts;
    }

    /** An address no other test of the run comes from. */
    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    private long webLoginTokenRefusals() {
        limited.getBean(RefusalCounts.class).flush();
        return jdbc.sql("""
                select coalesce(sum(requests), 0) from refusal_count
                 where client_id = 'enquiry-hub:web' and error_code = 'opp.error.technical.rate-limit-exceeded'
                """).query(Long.class).single();
    }

    private long passwordChecks() {
        var metrics = new WebClient(baseUrl).get("/actuator/prometheus").body();
        return metrics.lines()
                .filter(line -> line.startsWith("hub_token_secret_checks_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    /** A client behind the trusted proxy at one address: the login form, then its post. */
    private final class Guesser {

        private final String address;
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        Guesser(String address) {
            this.address = address;
        }

        Attempt attempt(String username, String password) {
            var form = page("/idp/login");
            long checks = passwordChecks();
            long began = System.nanoTime();
            var answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/idp/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + encoded(username) + "&password="
                            + encoded(password) + "&_csrf=" + encoded(WebClient.csrfOf(form)))));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            assertThat(answer.statusCode()).isEqualTo(302);
            var location = URI.create(answer.headers().firstValue("Location").orElseThrow());
            var target = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
            return new Attempt(target, passwordChecks() - checks, millis);
        }

        String page(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .header("Accept-Language", "en")
                            .GET())
                    .body();
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(
                        request.header("X-Forwarded-For", address)
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
