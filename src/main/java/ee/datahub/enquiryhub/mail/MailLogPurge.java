package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.platform.AdvisoryLock;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Forgets emails (and their attempts) older than {@code hub.mail.log-retention}, on one instance at a time. */
@Component
class MailLogPurge {

    private static final Logger log = LoggerFactory.getLogger(MailLogPurge.class);
    // The advisory lock of the purge ("mail log" in ASCII).
    private static final long PURGE_LOCK = 0x6d61_696c_206c_6f67L;

    private final Messages messages;
    private final JdbcClient jdbc;
    private final MailSettings settings;
    private final Clock clock;

    MailLogPurge(Messages messages, JdbcClient jdbc, MailSettings settings, Clock clock) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT4M")
    @Transactional
    public void purge() {
        if (!AdvisoryLock.tryForTransaction(jdbc, PURGE_LOCK)) {
            return;
        }
        int purged = messages.purge(HubTime.now(clock).minus(settings.logRetention()));
        if (purged > 0) {
            log.info("Purged {} emails older than {} from the sending log", purged, settings.logRetention());
        }
    }
}
