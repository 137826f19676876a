package ee.datahub.enquiryhub.platform;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Before anything starts in the {@code production} profile: every required setting is there (each named
 * by its environment variable in one short message, {@link Analyzer}) and the demo data is off, since its
 * technical users and people have public passwords. Registered in {@code META-INF/spring.factories}.
 */
public class ProductionSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** A setting the production profile needs: its environment variable, its property, what it is. */
    record Required(String variable, String property, String meaning, boolean mayBeEmpty) {}

    static final List<Required> REQUIRED = List.of(
            new Required("HUB_DATABASE_URL", "spring.datasource.url", "the JDBC URL of the hub's PostgreSQL", false),
            new Required("HUB_DATABASE_USER", "spring.datasource.username", "the runtime role", false),
            new Required("HUB_DATABASE_PASSWORD", "spring.datasource.password", "the runtime role's password", true),
            new Required("HUB_ISSUER", "hub.auth.issuer", "the token issuer, as its tokens' iss", false),
            new Required("HUB_JWK_SET_URI", "hub.auth.jwk-set-uri", "where the issuer publishes its keys", false));

    /** The refusal, with each problem on a line of its own. */
    static final class Refused extends RuntimeException {

        private final List<String> problems;
        private final String action;

        Refused(List<String> problems, String action) {
            super("The production profile cannot start: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
            this.action = action;
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        var environment = event.getEnvironment();
        if (!environment.matchesProfiles("production")) {
            return;
        }
        var missing = new ArrayList<String>();
        for (var setting : REQUIRED) {
            if (!isSet(environment, setting)) {
                missing.add("%-22s %s (%s)".formatted(setting.variable(), setting.meaning(), setting.property()));
            }
        }
        if (webLoginConfigured(environment) && !givenOutsideTheDefaults(environment, "hub.public-base-url")) {
            missing.add("%-22s %s (%s)"
                    .formatted(
                            "HUB_PUBLIC_BASE_URL",
                            "the hub's address; the web login's redirects are built on it",
                            "hub.public-base-url"));
        }
        if (!missing.isEmpty()) {
            throw new Refused(
                    missing,
                    "Set them as environment variables (docs/operations.md, section 1, Production), or start without"
                            + " the production profile to try the hub with its embedded defaults.");
        }
        if (Boolean.parseBoolean(environment.getProperty("hub.demo.enabled", "false"))) {
            throw new Refused(
                    List.of("hub.demo.enabled=true (HUB_DEMO_ENABLED): the demo technical users and people have"
                            + " public passwords, and the production profile never loads them"),
                    "Remove hub.demo.enabled from the production start; register participants through the hub"
                            + " operator's API.");
        }
    }

    @Override
    public int getOrder() {
        // after the configuration files are read and logging is set up
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static boolean isSet(ConfigurableEnvironment environment, Required setting) {
        String value;
        try {
            value = environment.getProperty(setting.property());
        } catch (IllegalArgumentException unresolvable) {
            // ${HUB_DATABASE_URL} with no such variable
            return false;
        }
        return value != null && (setting.mayBeEmpty() || !value.isBlank());
    }

    private static boolean webLoginConfigured(ConfigurableEnvironment environment) {
        try {
            var clientId = environment.getProperty("spring.security.oauth2.client.registration.hub.client-id");
            return clientId != null && !clientId.isBlank();
        } catch (IllegalArgumentException unresolvable) {
            return true;
        }
    }

    /** Whether a setting comes from somewhere else than the hub's own configuration files (their defaults). */
    private static boolean givenOutsideTheDefaults(ConfigurableEnvironment environment, String property) {
        for (var source : environment.getPropertySources()) {
            // the configuration files' defaults, and the view over every source that Spring Boot attaches
            boolean defaults = source.getName().contains("application.yml")
                    || source.getName().contains("application-production.yml")
                    || source.getName().equals("configurationProperties");
            // the environment's source finds HUB_PUBLIC_BASE_URL by the property's name too
            if (!defaults && source.containsProperty(property)) {
                return true;
            }
        }
        return false;
    }

    /** The refusal as Spring Boot prints a failed start: what is wrong, and what to do, in a few lines. */
    static final class Analyzer extends AbstractFailureAnalyzer<Refused> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, Refused cause) {
            var description = new StringBuilder("The production profile cannot start:");
            cause.problems.forEach(problem ->
                    description.append(System.lineSeparator()).append("  ").append(problem));
            return new FailureAnalysis(description.toString(), cause.action, null);
        }
    }
}
