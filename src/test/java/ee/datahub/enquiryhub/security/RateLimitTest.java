package ee.datahub.enquiryhub.security;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rate limits hold across instances: two hub instances on one database share each technical user's
 * bucket and each participant's (all its technical users together), so a client spreading its requests
 * over both gets no more than its limit, plus at most one leased chunk per instance. Beyond it, 429
 * rate-limit-exceeded with Retry-After; other participants are not affected. (Per-instance buckets, as
 * before, let such a client through twice as often: 20 requests where 13 at most may pass here.)
 */
class RateLimitTest extends HubApiTest {

    /** Slow refill, so that the bound hardly depends on how long the machine takes to send the requests. */
    private static final double RATE = 0.2;

    private static final int BURST = 10;
    private static final int PARTICIPANT_BURST = 15;
    private static final int INSTANCES = 2;
    /** The lease: 10 % of the rate, at least 1 token. */
    private static final int CHUNK = 1;

    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    // Started from the tests, once this class's hub (and with it the suite's database) runs.
    private static void startTwoLimitedInstances() {
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(new SpringApplicationBuilder(EnquiryHubApplication.class)
                    .run(
                            "--server.port=0",
                            "--hub.embedded-db.enabled=false",
                            "--spring.datasource.url=jdbc:postgresql://localhost:" + DB_PORT + "/postgres",
                            "--spring.datasource.username=postgres",
                            "--hub.demo.enabled=false",
                            "--hub.mail.enabled=false",
                            "--hub.rate-limit.requests-per-second=" + RATE,
                            "--hub.rate-limit.burst=" + BURST,
                            "--hub.rate-limit.participant-requests-per-second=" + RATE,
                            "--hub.rate-limit.participant-burst=" + PARTICIPANT_BURST));
        }
    }

    @AfterAll
    static void stopThem() {
        instances.forEach(ConfigurableApplicationContext::close);
        instances.clear();
    }

    private static synchronized List<HubClient> clients() {
        if (instances.isEmpty()) {
            startTwoLimitedInstances();
        }
        return instances.stream()
                .map(context -> new HubClient("http://localhost:"
                        + ((WebServerApplicationContext) context).getWebServer().getPort()))
                .toList();
    }

    @Test
    void aTechnicalUsersLimitHoldsAcrossInstances() {
        var party = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var actors = clients().stream()
                .map(c -> c.as(party, "OPEN_SUPPLIER", "ELECTRICITY"))
                .toList();
        var sent = sendAlternately(actors, 30);
        long accepted = sent.responses().stream().filter(r -> r.status() == 200).count();
        assertThat(accepted).as("at least the burst passes").isGreaterThanOrEqualTo(BURST - 2);
        assertThat(accepted)
                .as("no more than the shared bucket allows")
                .isLessThanOrEqualTo(bound(BURST, sent.elapsed()));

        var refused = sent.responses().stream()
                .filter(r -> r.status() == 429)
                .findFirst()
                .orElseThrow();
        assertThat(refused.code()).isEqualTo("opp.error.technical.rate-limit-exceeded");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.args().getFirst()).isEqualTo("clientId");

        var other = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        assertThat(clients()
                        .getFirst()
                        .as(other, "OPEN_SUPPLIER", "ELECTRICITY")
                        .search(object())
                        .status())
                .as("another participant has its own allowance")
                .isEqualTo(200);
    }

    @Test
    void aParticipantsLimitHoldsAcrossItsTechnicalUsersAndInstances() {
        var admin = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var second = hub.technicalUser(admin, "EDITOR_DIRECT_MESSAGE");
        var actors = new ArrayList<Actor>();
        for (var client : clients()) {
            actors.add(client.as(admin, "OPEN_SUPPLIER", "ELECTRICITY"));
            actors.add(client.as(second, "OPEN_SUPPLIER", "ELECTRICITY"));
        }
        var sent = sendAlternately(actors, 24);
        long accepted = sent.responses().stream().filter(r -> r.status() == 200).count();
        assertThat(accepted)
                .as("each technical user alone would pass %d", BURST)
                .isLessThanOrEqualTo(bound(PARTICIPANT_BURST, sent.elapsed()));
        assertThat(sent.responses()).anySatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.args().getFirst()).isEqualTo("participant");
        });
    }

    /** Burst, plus the refill over the time taken, plus one lease per instance. */
    private static long bound(int burst, Duration elapsed) {
        return burst + (long) Math.ceil(RATE * elapsed.toMillis() / 1000.0) + (long) INSTANCES * CHUNK;
    }

    private record Sent(List<Response> responses, Duration elapsed) {}

    private static Sent sendAlternately(List<Actor> actors, int count) {
        var responses = new ArrayList<Response>();
        var started = Instant.now();
        for (int i = 0; i < count; i++) {
            responses.add(actors.get(i % actors.size()).search(object()));
        }
        return new Sent(responses, Duration.between(started, Instant.now()));
    }
}
