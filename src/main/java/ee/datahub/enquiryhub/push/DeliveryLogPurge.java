package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.platform.AdvisoryLock;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Forgets delivery-log entries older than {@code hub.push.delivery-log-retention}, on one instance at a time. */
@Component
class DeliveryLogPurge {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLogPurge.class);
    // The advisory lock of the purge ("push log" in ASCII).
    private static final long PURGE_LOCK = 0x7075_7368_206c_6f67L;

    private final SubscriptionRepository repository;
    private final JdbcClient jdbc;
    private final PushSettings settings;
    private final Clock clock;

    DeliveryLogPurge(SubscriptionRepository repository, JdbcClient jdbc, PushSettings settings, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT3M")
    @Transactional
    public void purge() {
        if (!AdvisoryLock.tryForTransaction(jdbc, PURGE_LOCK)) {
            return;
        }
        int purged = repository.purge(HubTime.now(clock).minus(settings.deliveryLogRetention()));
        if (purged > 0) {
            log.info("Purged {} push delivery-log entries older than {}", purged, settings.deliveryLogRetention());
        }
    }
}
