package ee.datahub.enquiryhub.support;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub in the production profile on the test run's database, started once for the tests that need it
 * and stopped when the JVM ends: its issuer is the first hub (whose key set it fetches over HTTP, audience
 * {@code enquiry-hub}), with no demo data and no push deliveries (which would refuse the loopback
 * receivers of other tests' subscriptions).
 */
public final class ProductionHub {

    private static ConfigurableApplicationContext context;

    private ProductionHub() {}

    /** The production hub, its tokens from the first hub (on {@code issuerPort}), as from an external issuer. */
    public static synchronized HubClient client(int issuerPort) {
        if (context == null) {
            context = new SpringApplicationBuilder(EnquiryHubApplication.class, TestHosts.class)
                    .run(
                            "--spring.profiles.active=production",
                            "--server.port=0",
                            "--spring.datasource.url=jdbc:postgresql://localhost:" + HubApiTest.DB_PORT + "/postgres",
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=",
                            "--hub.auth.issuer=http://localhost:8080",
                            "--hub.auth.jwk-set-uri=http://localhost:" + issuerPort + "/oauth2/jwks",
                            "--hub.auth.audience=enquiry-hub",
                            "--hub.push.enabled=false",
                            "--hub.mail.enabled=false");
            var started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return new HubClient(
                "http://localhost:"
                        + ((WebServerApplicationContext) context).getWebServer().getPort(),
                "http://localhost:" + issuerPort + "/oauth2/token");
    }
}
