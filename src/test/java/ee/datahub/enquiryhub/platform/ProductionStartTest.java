package ee.datahub.enquiryhub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.EnquiryHubApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hub started as a separate process in the {@code production} profile, with nothing of the
 * developer's environment: without its settings it stops with one short message naming each missing
 * one by its environment variable; with demo data asked for (and the embedded issuer that would hand out
 * tokens for the demo secrets) it refuses to start; a web login needs the public base URL.
 */
class ProductionStartTest {

    private static final Map<String, String> SETTINGS = Map.of(
            "HUB_DATABASE_URL", "jdbc:postgresql://localhost:1/nowhere",
            "HUB_DATABASE_USER", "enquiry_hub",
            "HUB_DATABASE_PASSWORD", "",
            "HUB_ISSUER", "https://login.example/realms/datahub",
            "HUB_JWK_SET_URI", "https://login.example/realms/datahub/protocol/openid-connect/certs");

    private record Run(int exitCode, String output) {}

    @Test
    void withoutItsSettingsProductionNamesEachMissingOneInOneShortMessage() throws Exception {
        var run = start(Map.of(), "--spring.profiles.active=production");
        System.out.printf(
                "production without settings: exit %d, %d lines:%n%s%n", run.exitCode(), lines(run), run.output());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("APPLICATION FAILED TO START")
                .contains(
                        "HUB_DATABASE_URL",
                        "HUB_DATABASE_USER",
                        "HUB_DATABASE_PASSWORD",
                        "HUB_ISSUER",
                        "HUB_JWK_SET_URI")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(lines(run)).as("one short message, not a stack trace").isLessThan(30);
    }

    @Test
    void productionRefusesTheDemoData() throws Exception {
        var run = start(
                SETTINGS,
                "--spring.profiles.active=production",
                "--hub.demo.enabled=true",
                "--hub.auth.embedded-issuer=true");
        System.out.printf(
                "production with demo data: exit %d, %d lines:%n%s%n", run.exitCode(), lines(run), run.output());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("hub.demo.enabled=true")
                .contains("public passwords")
                .doesNotContain("\tat ")
                .doesNotContain("Started EnquiryHubApplication");
    }

    @Test
    void aWebLoginInProductionNeedsThePublicBaseUrl() throws Exception {
        var settings = new java.util.HashMap<>(SETTINGS);
        settings.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_HUB_CLIENT_ID", "enquiry-hub-web");
        var run = start(settings, "--spring.profiles.active=production");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("HUB_PUBLIC_BASE_URL").doesNotContain("HUB_DATABASE_URL");
    }

    private static long lines(Run run) {
        return run.output().lines().filter(line -> !line.isBlank()).count();
    }

    /** The hub's main class on this test's class path, in an environment holding only {@code variables}. */
    private static Run start(Map<String, String> variables, String... args) throws IOException, InterruptedException {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(
                java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), EnquiryHubApplication.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        var path = builder.environment().get("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().putAll(variables);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the hub did not stop: " + output);
        }
        return new Run(process.exitValue(), output);
    }
}
