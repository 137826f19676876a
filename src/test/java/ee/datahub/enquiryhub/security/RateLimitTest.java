package ee.datahub.enquiryhub.security;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A technical user beyond its rate gets 429 rate-limit-exceeded with Retry-After; others are not affected. */
class RateLimitTest extends HubApiTest {

    private ConfigurableApplicationContext limited;

    @AfterEach
    void stop() {
        if (limited != null) {
            limited.close();
        }
    }

    @Test
    void aClientBeyondItsRateIsToldToRetryLater() throws Exception {
        limited = new SpringApplicationBuilder(EnquiryHubApplication.class).run(
                "--server.port=0",
                "--hub.embedded-db.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + DB_PORT + "/postgres",
                "--spring.datasource.username=postgres",
                "--hub.demo.enabled=false",
                "--hub.rate-limit.requests-per-second=1",
                "--hub.rate-limit.burst=5");
        var client = new HubClient("http://localhost:" + ((WebServerApplicationContext) limited).getWebServer().getPort());
        var supplier = client.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");

        var responses = new ArrayList<Response>();
        for (int i = 0; i < 8; i++) {
            responses.add(supplier.search(object()));
        }
        assertThat(responses.subList(0, 5)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        var refused = responses.getLast();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("opp.error.technical.rate-limit-exceeded");
        assertThat(refused.header("Retry-After")).isEqualTo("1");

        var other = client.as(Party.GRID_A, "GRID_OPERATOR", "ELECTRICITY").search(object());
        assertThat(other.status()).as("another client has its own allowance").isEqualTo(200);

        Thread.sleep(1100);
        assertThat(supplier.search(object()).status()).as("the allowance refills").isEqualTo(200);
    }
}
