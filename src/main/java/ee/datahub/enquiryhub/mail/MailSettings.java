package ee.datahub.enquiryhub.mail;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.mail.*}, checked at start; each setting is described in docs/operations.md, "Email to people".
 * The SMTP server is Spring Boot's {@code spring.mail.*} (production: {@code HUB_SMTP_*}), unless
 * {@code embeddedSmtp} runs one in this process (the default start, never production). {@code from}
 * is the sender of every email, e.g. {@code Enquiry Hub <no-reply@enquiries.example>}.
 */
@Validated
@ConfigurationProperties("hub.mail")
public record MailSettings(
        Boolean enabled,
        String from,
        Integer concurrency,
        Duration sweepInterval,
        Duration lease,
        Retry retry,
        Duration confirmationValidity,
        Duration logRetention,
        Integer digestLimit,
        EmbeddedSmtp embeddedSmtp) {

    /**
     * Exponential backoff: the n-th retry waits {@code firstDelay} × 2^(n−1), at most {@code maxDelay},
     * of which a random half; after {@code giveUpAfter} of failures the message is marked failed.
     */
    public record Retry(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
        public Retry {
            firstDelay = firstDelay == null ? Duration.ofSeconds(30) : firstDelay;
            maxDelay = maxDelay == null ? Duration.ofMinutes(30) : maxDelay;
            giveUpAfter = giveUpAfter == null ? Duration.ofHours(24) : giveUpAfter;
        }
    }

    /** An SMTP server (GreenMail) inside the hub, on {@code port} (0: any free port) of the loopback address. */
    public record EmbeddedSmtp(Boolean enabled, Integer port) {
        public EmbeddedSmtp {
            enabled = enabled != null && enabled;
            port = port == null ? 0 : port;
        }
    }

    public MailSettings {
        enabled = enabled == null || enabled;
        from = from == null || from.isBlank() ? "Enquiry Hub <enquiry-hub@localhost>" : from;
        concurrency = concurrency == null ? 4 : concurrency;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(5) : sweepInterval;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        retry = retry == null ? new Retry(null, null, null) : retry;
        confirmationValidity = confirmationValidity == null ? Duration.ofHours(72) : confirmationValidity;
        logRetention = logRetention == null ? Duration.ofDays(90) : logRetention;
        digestLimit = digestLimit == null ? 50 : digestLimit;
        embeddedSmtp = embeddedSmtp == null ? new EmbeddedSmtp(null, null) : embeddedSmtp;
    }

    @AssertTrue(message = "hub.mail.concurrency must be from 1 to 64")
    boolean isConcurrencySane() {
        return concurrency >= 1 && concurrency <= 64;
    }

    @AssertTrue(message = "hub.mail.sweep-interval must be between 100 ms and 1 min")
    boolean isSweepSane() {
        return sweepInterval.compareTo(Duration.ofMillis(100)) >= 0
                && sweepInterval.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    @AssertTrue(message = "hub.mail.lease must be at least 1 min (longer than one SMTP conversation may take)")
    boolean isLeaseLongEnough() {
        return lease.compareTo(Duration.ofMinutes(1)) >= 0;
    }

    @AssertTrue(message = "hub.mail.retry delays must be positive, the first no longer than the longest")
    boolean isRetrySane() {
        return retry.firstDelay().isPositive()
                && retry.firstDelay().compareTo(retry.maxDelay()) <= 0
                && retry.giveUpAfter().isPositive();
    }

    @AssertTrue(message = "hub.mail.confirmation-validity must be from 10 min to 30 days")
    boolean isConfirmationValiditySane() {
        return confirmationValidity.compareTo(Duration.ofMinutes(10)) >= 0
                && confirmationValidity.compareTo(Duration.ofDays(30)) <= 0;
    }

    @AssertTrue(message = "hub.mail.digest-limit must be from 1 to 500")
    boolean isDigestLimitSane() {
        return digestLimit >= 1 && digestLimit <= 500;
    }

    @AssertTrue(message = "hub.mail.embedded-smtp.port must be from 0 to 65535")
    boolean isEmbeddedPortSane() {
        return embeddedSmtp.port() >= 0 && embeddedSmtp.port() <= 65535;
    }
}
