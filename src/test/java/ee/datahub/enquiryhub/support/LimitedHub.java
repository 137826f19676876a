package ee.datahub.enquiryhub.support;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub with tight limits before authentication, on the test run's database, started once for the tests
 * that spend them (per address: {@value #PRE_AUTH_BURST} API requests, {@value #TOKEN_ADDRESS_BURST} token
 * requests; per client id {@value #TOKEN_CLIENT_BURST}; each refilled once in 100 s), behind one trusted
 * proxy ({@code X-Forwarded-For}). No demo data, no push deliveries or email; stopped when the JVM ends.
 */
public final class LimitedHub {

    public static final int PRE_AUTH_BURST = 5;
    public static final int TOKEN_ADDRESS_BURST = 6;
    public static final int TOKEN_CLIENT_BURST = 3;

    private static ConfigurableApplicationContext context;

    private LimitedHub() {}

    public static synchronized HubClient client() {
        if (context == null) {
            context = new SpringApplicationBuilder(EnquiryHubApplication.class)
                    .run(
                            "--server.port=0",
                            "--hub.embedded-db.enabled=false",
                            "--spring.datasource.url=jdbc:postgresql://localhost:" + HubApiTest.DB_PORT + "/postgres",
                            "--spring.datasource.username=postgres",
                            "--hub.demo.enabled=false",
                            "--hub.push.enabled=false",
                            "--hub.mail.enabled=false",
                            "--hub.pre-auth-limit.requests-per-second=0.01",
                            "--hub.pre-auth-limit.burst=" + PRE_AUTH_BURST,
                            "--hub.client-address.trusted-proxy-hops=1",
                            "--hub.refusals.flush-interval=100ms",
                            "--hub.token-limit.client-requests-per-second=0.01",
                            "--hub.token-limit.client-burst=" + TOKEN_CLIENT_BURST,
                            "--hub.token-limit.address-requests-per-second=0.01",
                            "--hub.token-limit.address-burst=" + TOKEN_ADDRESS_BURST);
            var started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return new HubClient("http://localhost:"
                + ((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
