package ee.datahub.enquiryhub;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.audit.AuditSettings;
import ee.datahub.enquiryhub.audit.RefusalSettings;
import ee.datahub.enquiryhub.idempotency.IdempotencySettings;
import ee.datahub.enquiryhub.platform.ClientAddressSettings;
import ee.datahub.enquiryhub.platform.DatabaseSettings;
import ee.datahub.enquiryhub.platform.PublicSettings;
import ee.datahub.enquiryhub.security.AuthSettings;
import ee.datahub.enquiryhub.security.MetricsSettings;
import ee.datahub.enquiryhub.security.PreAuthLimitSettings;
import ee.datahub.enquiryhub.security.RateLimitSettings;
import ee.datahub.enquiryhub.security.TokenLimitSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Settings are checked when the hub starts, with the spec's floors: a hub configured to keep retries'
 * outcomes for a day, an audit log for a month, or a limit of minus one request does not start, and
 * the error names the setting. (The feed's settings are checked where the feed is.)
 */
class SettingsValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({
        IdempotencySettings.class,
        AuditSettings.class,
        RefusalSettings.class,
        DatabaseSettings.class,
        ClientAddressSettings.class,
        PublicSettings.class,
        AuthSettings.class,
        RateLimitSettings.class,
        PreAuthLimitSettings.class,
        TokenLimitSettings.class,
        MetricsSettings.class
    })
    static class AllSettings {}

    private final ApplicationContextRunner hub =
            new ApplicationContextRunner().withUserConfiguration(AllSettings.class);

    @Test
    void theDefaultsAreValid() {
        hub.run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hub.idempotency.retention|1d|hub.idempotency",
                "hub.idempotency.retention|29d|hub.idempotency",
                "hub.audit.retention|30d|hub.audit",
                "hub.audit.months-ahead|0|hub.audit",
                "hub.refusals.retention|1h|hub.refusals",
                "hub.database.statement-timeout|0s|hub.database",
                "hub.database.socket-timeout|3s|hub.database",
                "hub.client-address.trusted-proxy-hops|-1|hub.client-address",
                "hub.public-base-url|localhost:8080|hub",
                "hub.public-base-url|https://hub.example/some/path|hub",
                "hub.auth.issuer|not a url|hub.auth",
                "hub.auth.algorithms|HS256|hub.auth",
                "hub.auth.algorithms|none|hub.auth",
                "hub.auth.token-ttl|7d|hub.auth",
                "hub.rate-limit.requests-per-second|-1|hub.rate-limit",
                "hub.rate-limit.burst|0|hub.rate-limit",
                "hub.rate-limit.lease-fraction|0|hub.rate-limit",
                "hub.rate-limit.participant-burst|0.5|hub.rate-limit",
                "hub.pre-auth-limit.requests-per-second|-5|hub.pre-auth-limit",
                "hub.token-limit.client-burst|0|hub.token-limit",
                "hub.metrics.scrape-token|too-short-to-guard-metrics|hub.metrics"
            })
    void aSettingBelowItsFloorStopsTheStartAndIsNamed(String property, String value, String prefix) {
        hub.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(prefix);
        });
    }

    @Test
    void anExternalIssuerNeedsItsKeySet() {
        hub.withPropertyValues("hub.auth.embedded-issuer=false", "hub.auth.issuer=https://login.example/realms/datahub")
                .run(context -> assertThat(context).hasFailed());
        hub.withPropertyValues(
                        "hub.auth.embedded-issuer=false",
                        "hub.auth.issuer=https://login.example/realms/datahub",
                        "hub.auth.jwk-set-uri=https://login.example/realms/datahub/protocol/openid-connect/certs")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
