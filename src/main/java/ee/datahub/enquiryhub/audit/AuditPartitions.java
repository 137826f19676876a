package ee.datahub.enquiryhub.audit;

import ee.datahub.enquiryhub.platform.AdvisoryLock;
import ee.datahub.enquiryhub.platform.DatabaseProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the audit log's monthly partitions: creates the coming months ahead of time and drops months
 * past the retention, at start and then hourly. One instance at a time does it (a transaction-scoped
 * advisory lock; the others skip that round). The DDL runs inside the owner's SECURITY DEFINER
 * functions (V10), since the hub's own role owns nothing; the drop function refuses any retention
 * below its floor, whatever it is asked.
 */
@Component
@EnableConfigurationProperties(AuditSettings.class)
class AuditPartitions {

    /** The advisory lock key of this job ("audit" in ASCII). */
    static final long LOCK = 0x6175646974L;

    private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AuditSettings settings;
    private final DatabaseProbe database;

    AuditPartitions(
            JdbcClient jdbc, PlatformTransactionManager transactions, AuditSettings settings, DatabaseProbe database) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.database = database;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        maintain();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void hourly() {
        if (database.reachable()) {
            maintain();
        }
    }

    /** One round; false when another instance held the lock. */
    boolean maintain() {
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                if (!AdvisoryLock.tryForTransaction(jdbc, LOCK)) {
                    return false;
                }
                // DDL may wait for locks longer than a request's statement timeout allows.
                jdbc.sql("set local statement_timeout = '60s'").update();
                int created = jdbc.sql("select audit_partitions_ensure(?)")
                        .param(settings.monthsAhead())
                        .query(Integer.class)
                        .single();
                int dropped = 0;
                if (settings.dropsOldMonths()) {
                    dropped = jdbc.sql("select audit_partitions_drop_older_than(cast(? as interval))")
                            .param(settings.retention().toSeconds() + " seconds")
                            .query(Integer.class)
                            .single();
                }
                if (created > 0 || dropped > 0) {
                    log.info(
                            "Audit log partitions: {} created ahead, {} past the retention of {} dropped",
                            created,
                            dropped,
                            settings.retention());
                }
                return true;
            }));
        } catch (RuntimeException e) {
            log.error("Could not maintain the audit log's partitions: {}", e.toString());
            return false;
        }
    }
}
