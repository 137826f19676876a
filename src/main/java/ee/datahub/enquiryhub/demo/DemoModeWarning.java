package ee.datahub.enquiryhub.demo;

import ee.datahub.enquiryhub.platform.PublicSettings;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says loudly, as the last thing of a start with demo data, that public credentials are live and
 * where: the demo technical users at the token endpoint and the demo people at the login page, on
 * which addresses the hub listens, and how to start without them.
 */
@Component
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoModeWarning {

    private static final Logger log = LoggerFactory.getLogger(DemoModeWarning.class);

    private final Environment environment;
    private final PublicSettings settings;

    DemoModeWarning(Environment environment, PublicSettings settings) {
        this.environment = environment;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        log.warn(text());
    }

    String text() {
        var base = settings.publicBaseUrl().replaceAll("/+$", "");
        var port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        var address = environment.getProperty("server.address");
        var listening = address == null || address.isBlank()
                ? "on every network interface, port " + port
                : "on " + address + ", port " + port;
        var clients = DemoData.CLIENTS.stream()
                .map(client -> client.clientId() + " / " + client.secret())
                .collect(Collectors.joining(", "));
        var people =
                DemoPeople.PEOPLE.stream().map(DemoPeople.DemoPerson::username).collect(Collectors.joining(", "));
        var line = "*".repeat(100);
        var embeddedIssuer = Boolean.parseBoolean(environment.getProperty("hub.auth.embedded-issuer", "true"));
        return String.join(
                System.lineSeparator(),
                "",
                line,
                "DEMO MODE: this hub holds PUBLIC DEMO CREDENTIALS, and it listens " + listening + ".",
                embeddedIssuer
                        ? "Anyone who reaches it gets tokens at " + base + "/oauth2/token for the demo technical users"
                        : "The demo technical users are registered (their tokens come from your issuer)",
                "  " + clients + " (hub-operator administers the whole hub),",
                embeddedIssuer
                        ? "and logs in at " + base + "/idp/login as the demo people " + people + " (password \""
                                + DemoPeople.PASSWORD + "\")."
                        : "and the demo people " + people + " are registered.",
                "Never expose this hub. Production: --spring.profiles.active=production (docs/operations.md).",
                line);
    }
}
