package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The metrics (per-grid-operator enquiry counts among them) as production serves them: on a management
 * port of their own and not open to this machine; a scraper with the scrape token and the hub operator
 * read them, anyone else gets 401 and another technical user 403, while the health probes stay open. The
 * default start keeps them open on loopback.
 */
class MetricsAccessTest extends HubApiTest {

    private static final String SCRAPE_TOKEN = "scrape-" + UUID.randomUUID() + UUID.randomUUID();
    private static ConfigurableApplicationContext production;

    /** Once this class's hub (and with it the test database) runs. */
    @BeforeEach
    void startAnInstanceWithProtectedMetrics() {
        if (production != null) {
            return;
        }
        production = new SpringApplicationBuilder(EnquiryHubApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--hub.embedded-db.enabled=false",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + DB_PORT + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--hub.demo.enabled=false",
                        "--hub.metrics.open-on-loopback=false",
                        "--hub.metrics.scrape-token=" + SCRAPE_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (production != null) {
            production.close();
            production = null;
        }
    }

    @Test
    void onlyTheScraperAndTheHubOperatorReadTheMetrics() {
        var management =
                new HubClient("http://localhost:" + production.getEnvironment().getProperty("local.management.port"));
        var anonymous = get(management, "/actuator/prometheus", null);
        assertThat(anonymous.status()).as("%s", anonymous).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(anonymous.body()).doesNotContain("hub_");
        assertThat(get(management, "/actuator/prometheus", "not-the-token").status())
                .isEqualTo(401);
        assertThat(get(management, "/actuator/info", null).status()).isEqualTo(401);
        var supplier = get(management, "/actuator/prometheus", hub.token(Party.SUPPLIER_A));
        assertThat(supplier.status()).as("another technical user: %s", supplier).isEqualTo(403);

        var scraped = get(management, "/actuator/prometheus", SCRAPE_TOKEN);
        assertThat(scraped.status()).as("%s", scraped).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        var operator = get(management, "/actuator/prometheus", hub.token(Party.HUB_OPERATOR));
        assertThat(operator.status()).as("%s", operator).isEqualTo(200);

        assertThat(get(management, "/actuator/health", null).status())
                .as("the load balancer's probes need no token")
                .isEqualTo(200);
        assertThat(get(management, "/actuator/health/readiness", null).status()).isEqualTo(200);

        var publicPort = new HubClient("http://localhost:"
                + ((WebServerApplicationContext) production).getWebServer().getPort());
        assertThat(get(publicPort, "/actuator/prometheus", SCRAPE_TOKEN).status())
                .as("not on the public port at all")
                .isEqualTo(404);
    }

    @Test
    void theDefaultStartKeepsThemOpenOnLoopback() {
        assertThat(get(hub, "/actuator/prometheus", null).status()).isEqualTo(200);
    }

    private static Response get(HubClient client, String path, String token) {
        return client.request("GET", path, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), null);
    }
}
