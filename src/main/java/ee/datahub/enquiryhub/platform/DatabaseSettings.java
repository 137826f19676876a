package ee.datahub.enquiryhub.platform;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.database.*}: how long the hub waits for its database before it gives up, so that an
 * outage is a quick 503 rather than requests hanging; each setting is described in
 * docs/operations.md, "Health and readiness". The socket timeout must exceed the statement timeout.
 */
@ConfigurationProperties("hub.database")
@Validated
public record DatabaseSettings(
        Duration connectTimeout, Duration socketTimeout, Duration statementTimeout, Duration probeInterval) {

    public DatabaseSettings {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        socketTimeout = socketTimeout == null ? Duration.ofSeconds(30) : socketTimeout;
        statementTimeout = statementTimeout == null ? Duration.ofSeconds(5) : statementTimeout;
        probeInterval = probeInterval == null ? Duration.ofSeconds(1) : probeInterval;
    }

    @AssertTrue(message = "connect-timeout must be between 1 s and 60 s")
    boolean isConnectTimeoutSane() {
        return between(connectTimeout, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @AssertTrue(message = "statement-timeout must be between 1 s and 10 min")
    boolean isStatementTimeoutSane() {
        return between(statementTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
    }

    @AssertTrue(
            message =
                    "socket-timeout must be longer than statement-timeout, or a slow statement looks like a dead database")
    boolean isSocketTimeoutLongerThanStatements() {
        return socketTimeout.compareTo(statementTimeout) > 0;
    }

    @AssertTrue(message = "probe-interval must be between 100 ms and 30 s")
    boolean isProbeIntervalSane() {
        return between(probeInterval, Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    private static boolean between(Duration value, Duration min, Duration max) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }
}
