package ee.datahub.enquiryhub.support;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second hub instance on the test run's database (spec §9: several instances behind a load
 * balancer), started once for the tests that need two and stopped when the JVM ends.
 */
public final class SecondHub {

    private static ConfigurableApplicationContext context;

    private SecondHub() {}

    public static synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            var args = new java.util.ArrayList<>(java.util.List.of(
                    "--server.port=0",
                    "--hub.embedded-db.enabled=false",
                    "--spring.datasource.url=jdbc:postgresql://localhost:" + HubApiTest.DB_PORT + "/postgres",
                    "--spring.datasource.username=postgres",
                    "--hub.demo.enabled=false"));
            for (var setting : HubApiTest.SETTINGS) {
                args.add("--" + setting);
            }
            for (var setting : HubApiTest.MAIL_SETTINGS) {
                args.add("--" + setting);
            }
            // The same DNS as the first hub (TestHosts), so that either may deliver any subscription.
            context = new SpringApplicationBuilder(EnquiryHubApplication.class, TestHosts.class)
                    .run(args.toArray(String[]::new));
            var started = context;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return context;
    }

    public static HubClient client() {
        return new HubClient("http://localhost:"
                + ((WebServerApplicationContext) context()).getWebServer().getPort());
    }

    public static <T> T bean(Class<T> type) {
        return context().getBean(type);
    }
}
