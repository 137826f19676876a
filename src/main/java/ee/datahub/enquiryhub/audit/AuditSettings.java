package ee.datahub.enquiryhub.audit;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.audit.*}: the audit log is partitioned by month; {@code months-ahead} (3) partitions are
 * kept ready ahead of time, and months that ended more than {@code retention} ago are dropped whole.
 * {@code retention} is at least {@link #RETENTION_FLOOR} (also enforced by the database function that
 * drops them); 0 keeps everything.
 */
@ConfigurationProperties("hub.audit")
@Validated
public record AuditSettings(
        Duration retention, @Min(1) @Max(24) Integer monthsAhead) {

    /** The shortest retention the hub accepts, and the database enforces. */
    public static final Duration RETENTION_FLOOR = Duration.ofDays(365);

    public AuditSettings {
        retention = retention == null ? Duration.ofDays(3 * 365) : retention;
        monthsAhead = monthsAhead == null ? 3 : monthsAhead;
    }

    /** True when old months are dropped at all. */
    boolean dropsOldMonths() {
        return !retention.isZero();
    }

    @AssertTrue(message = "retention must be 0 (keep everything) or at least 365 days")
    boolean isRetentionAboveTheFloor() {
        return retention.isZero() || retention.compareTo(RETENTION_FLOOR) >= 0;
    }
}
