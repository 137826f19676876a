package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.MessageWritten;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.Refusal;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The change feed (spec §6): each side scans what the other side wrote, oldest first, by the time a
 * change became visible. A client that always resumes from the timestamp of the last row it received
 * sees every change exactly once (the boundary row possibly twice). See {@link FeedSequencer} for why
 * no row can be missed.
 */
@Service
@EnableConfigurationProperties(FeedSettings.class)
public class ChangeFeed {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final JdbcClient jdbc;
    private final FeedSequencer sequencer;
    private final FeedSettings settings;
    private final TransactionTemplate snapshotReads;
    private final Clock clock;

    ChangeFeed(JdbcClient jdbc, FeedSequencer sequencer, FeedSettings settings, PlatformTransactionManager transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.sequencer = sequencer;
        this.settings = settings;
        this.clock = clock;
        this.snapshotReads = new TransactionTemplate(transactions);
        snapshotReads.setReadOnly(true);
        snapshotReads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Records a write in the writer's own transaction; the row is stamped once that commits. */
    @EventListener
    void record(MessageWritten written) {
        var enquiry = written.enquiry();
        jdbc.sql("""
                insert into feed_change (reason, author_side, audience_eic, commodity, enquiry_id, response_id, snapshot)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb))
                """)
                .params(written.reason().name(), written.author().name(), written.audience().value(),
                        written.commodity().name(), enquiry.id().value(), written.answer().map(AnswerId::value).orElse(null),
                        SnapshotCodec.write(enquiry))
                .update();
    }

    /**
     * The changes the other side wrote for the caller, stamped in {@code [from, to)} (no end: up to now),
     * oldest first. Every change committed before this call is included.
     */
    public Page<FeedRow> scan(Caller caller, Instant from, Optional<Instant> to, PageRequest page) {
        var oldest = HubTime.now(clock).minus(settings.retention());
        if (from.isBefore(oldest)) {
            throw new Refused(new Refusal.ChangePeriodBeyondRetention(Field.PERIOD_START, from, oldest));
        }
        sequencer.stampCommitted();
        return snapshotReads.execute(status -> {
            var filter = """
                    from feed_change
                    where audience_eic = :me and author_side = :author and commodity = :commodity
                      and stamped_at is not null and stamped_at >= :from
                    """ + (to.isPresent() ? " and stamped_at < :to" : "");
            Function<String, JdbcClient.StatementSpec> statement = sql -> {
                var spec = jdbc.sql(sql)
                        .param("me", caller.eic().value())
                        .param("author", caller.side().other().name())
                        .param("commodity", caller.commodity().name())
                        .param("from", HubTime.db(from));
                to.ifPresent(end -> spec.param("to", HubTime.db(end)));
                return spec;
            };
            long total = statement.apply("select count(*) " + filter).query(Long.class).single();
            List<FeedRow> rows = total <= page.offset() ? List.of()
                    : statement.apply("select stamped_at, reason, response_id, snapshot::text as snapshot " + filter
                                    + " order by stamped_at limit :limit offset :offset")
                            .param("limit", page.size())
                            .param("offset", page.offset())
                            .query((rs, n) -> new FeedRow(SnapshotCodec.read(rs.getString("snapshot")),
                                    Optional.ofNullable(rs.getObject("response_id", java.util.UUID.class)).map(AnswerId::new),
                                    ChangeReason.valueOf(rs.getString("reason")), rs.getTimestamp("stamped_at").toInstant()))
                            .list();
            return new Page<>(rows, page.page(), page.size(), total);
        });
    }

    /** Stamps committed changes in the background so that feed times stay close to commit times. */
    @Scheduled(fixedDelayString = "${hub.feed.stamp-interval:200ms}")
    void stampInBackground() {
        try {
            sequencer.stampCommitted();
        } catch (RuntimeException e) {
            log.warn("Stamping the change feed failed; the next run or scan retries: {}", e.toString());
        }
    }

    /** Forgets changes older than the retention period (plus a day, so no scan in progress loses rows). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgeExpired() {
        var cutoff = HubTime.now(clock).minus(settings.retention()).minus(Duration.ofDays(1));
        int purged = jdbc.sql("delete from feed_change where stamped_at < ?").param(HubTime.db(cutoff)).update();
        if (purged > 0) {
            log.info("Purged {} change-feed rows older than {}", purged, HubTime.format(cutoff));
        }
    }
}
