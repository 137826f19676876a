package ee.datahub.enquiryhub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * What a hub started with its defaults says: as the last thing of its start, loudly, that public demo
 * credentials are live, for whom and where; and, at the first request that carries
 * {@code X-Forwarded-For} while no proxy is trusted, that its clients share the proxy's address (once).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupWarningsTest extends HubApiTest {

    @Test
    void aDefaultStartSaysWherePublicDemoCredentialsAreLiveAndWarnsOfAnUntrustedProxy(CapturedOutput output) {
        try (var started = new SpringApplicationBuilder(EnquiryHubApplication.class)
                .run(
                        "--server.port=0",
                        "--hub.embedded-db.enabled=false",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + DB_PORT + "/postgres",
                        "--spring.datasource.username=postgres")) {
            int port = ((WebServerApplicationContext) started).getWebServer().getPort();
            var log = output.getOut();
            var start = log.lastIndexOf("Started EnquiryHubApplication");
            var warning = log.indexOf("DEMO MODE", start);
            assertThat(warning).as("the warning follows the start").isGreaterThan(start);
            assertThat(log.substring(warning))
                    .contains("PUBLIC DEMO CREDENTIALS")
                    .contains("on every network interface, port " + port)
                    .contains("/oauth2/token")
                    .contains("supplier-a-erp / supplier-a-secret")
                    .contains("hub-operator / hub-operator-secret")
                    .contains("/idp/login")
                    .contains("mari")
                    .contains("--spring.profiles.active=production");

            var client = new HubClient("http://localhost:" + port);
            for (int i = 0; i < 3; i++) {
                var health = client.request("GET", "/actuator/health", Map.of("X-Forwarded-For", "203.0.113.7"), null);
                assertThat(health.status()).isEqualTo(200);
            }
            var after = output.getOut().substring(warning);
            assertThat(after)
                    .contains("X-Forwarded-For")
                    .contains("no proxy is trusted")
                    .contains("HUB_CLIENT_ADDRESS_TRUSTED_PROXY_HOPS");
            assertThat(after.split("no proxy is trusted", -1))
                    .as("said once, not at every request")
                    .hasSize(2);
        }
    }
}
