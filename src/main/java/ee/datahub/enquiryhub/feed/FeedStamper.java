package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.platform.DatabaseNotifications;
import ee.datahub.enquiryhub.platform.DedicatedConnections;
import ee.datahub.enquiryhub.platform.Leadership;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes committed changes visible, in commit order: on the leader only, it moves committed rows of
 * {@code feed_outbox} into {@code feed_change} in one short transaction per run, stamping them with
 * strictly increasing database times and numbering them per stream without gaps, then tells every
 * instance which streams got changes; it also keeps the monthly partitions (docs/design/feed.md).
 */
@Component
class FeedStamper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedStamper.class);
    /** The advisory lock whose holder is the feed's leader ("enquiry feed" in ASCII). */
    static final long LEADER_LOCK = 0x656e_7175_6972_7966L;
    /** The most rows one run moves; a larger backlog takes several runs, back to back. */
    static final int BATCH = 5000;
    /** The fewest rows a run moves after runs ran out of time. */
    static final int SMALLEST_BATCH = 100;
    // PostgreSQL's SQLSTATE of a statement cancelled by its timeout.
    private static final String QUERY_CANCELED = "57014";

    private static final Duration MAINTENANCE_INTERVAL = Duration.ofHours(1);

    /** The channel on which an instance asks the leader to stamp now ({@link #stampSoon()}). */
    static final String STAMP_WANTED = "feed_stamp_wanted";

    private final Leadership leadership;
    private final JdbcClient jdbc;
    private final FeedSettings settings;
    private Instant maintainedAt = Instant.EPOCH;
    // Rows the next run moves at most (the stamper's thread alone reads and sets it).
    private int batch = BATCH;

    FeedStamper(
            DedicatedConnections connections,
            FeedSettings settings,
            DatabaseNotifications notifications,
            JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.leadership = new Leadership(
                "feed-stamper", LEADER_LOCK, connections, settings.stampInterval(), this::maintain, this::round);
        notifications.subscribe(STAMP_WANTED, payload -> leadership.nudge());
    }

    /**
     * Asks the leader, wherever it runs, to stamp now rather than at its next interval: a v1 scan waits
     * for what committed before it (and would otherwise wait half an interval on average). On the
     * leading instance this wakes the stamper directly; elsewhere it notifies the leader.
     */
    void stampSoon() {
        if (leadership.isLeader()) {
            leadership.nudge();
        } else {
            jdbc.sql("select 1 from pg_notify(?, '')")
                    .param(STAMP_WANTED)
                    .query(Integer.class)
                    .single();
        }
    }

    boolean isLeader() {
        return leadership.isLeader();
    }

    private void round(Connection session) throws SQLException {
        if (Instant.now().isAfter(maintainedAt.plus(MAINTENANCE_INTERVAL))) {
            maintain(session);
        }
        // A run that runs out of time (a database short of CPU under a burst of writes: 5 000 rows took over
        // 10 s beside 32 busy writers) undoes its work, and one as large after it would too, while the
        // backlog grows: the next runs move a quarter as many, and grow back by doubling while they take
        // under a second.
        while (true) {
            int size = batch;
            long began = System.nanoTime();
            int moved;
            try {
                moved = stamp(session, size);
            } catch (SQLException e) {
                if (!QUERY_CANCELED.equals(e.getSQLState()) || size == SMALLEST_BATCH) {
                    throw e;
                }
                batch = Math.max(SMALLEST_BATCH, size / 4);
                log.warn(
                        "A stamping run of at most {} changes ran out of time; moving at most {} per run", size, batch);
                continue;
            }
            if (moved < size) {
                return;
            }
            if (System.nanoTime() - began < 1_000_000_000L) {
                batch = Math.min(BATCH, size * 2);
            }
        }
    }

    /** One stamping run of at most {@code size} changes; returns how many changes it made visible. */
    int stamp(Connection session, int size) throws SQLException {
        if (!pending(session)) {
            return 0;
        }
        session.setAutoCommit(false);
        try {
            // A run's stamps are taken at its start: bounding how long it may take bounds how far behind its
            // commit they can be (ChangeFeed relies on under a minute for the cursor of an empty stream).
            try (var timeout = session.createStatement()) {
                timeout.execute("set local statement_timeout = '10s'");
            }
            Instant first;
            try (var clock = session.prepareStatement("""
                    select greatest(clock_timestamp(), last_stamp + interval '1 microsecond') from feed_clock
                     where id = 1 for update
                    """);
                    var result = clock.executeQuery()) {
                result.next();
                first = result.getTimestamp(1).toInstant();
            }
            var streams = new ArrayList<String>();
            int moved = 0;
            try (var move = session.prepareStatement(MOVE)) {
                move.setInt(1, size);
                move.setObject(2, java.time.OffsetDateTime.ofInstant(first, java.time.ZoneOffset.UTC));
                try (var result = move.executeQuery()) {
                    while (result.next()) {
                        streams.add(result.getString(1));
                        moved += result.getInt(2);
                    }
                }
            }
            if (moved > 0) {
                try (var advance = session.prepareStatement(
                        "update feed_clock set last_stamp = ? + (? - 1) * interval '1 microsecond' where id = 1")) {
                    advance.setObject(1, java.time.OffsetDateTime.ofInstant(first, java.time.ZoneOffset.UTC));
                    advance.setInt(2, moved);
                    advance.executeUpdate();
                }
                try (var notify = session.prepareStatement("select pg_notify(?, ?)")) {
                    notify.setString(1, FeedWakeups.CHANNEL);
                    notify.setString(2, payload(streams));
                    notify.execute();
                }
            }
            session.commit();
            return moved;
        } catch (SQLException | RuntimeException e) {
            session.rollback();
            throw e;
        } finally {
            session.setAutoCommit(true);
        }
    }

    // Moves the oldest committed outbox rows (at most the first parameter), stamping the n-th of them
    // the second parameter + n µs and numbering them on from each stream's last number; returns the streams
    // touched and how many rows each got.
    private static final String MOVE = """
            with pending as (
                delete from feed_outbox
                 where seq in (select seq from feed_outbox order by seq limit ?)
                returning *
            ), numbered as (
                select p.*,
                       row_number() over (order by p.seq) - 1 as n,
                       row_number() over (partition by p.audience_eic, p.author_side, p.commodity order by p.seq) as k,
                       count(*) over (partition by p.audience_eic, p.author_side, p.commodity) as c
                  from pending p
            ), advanced as (
                insert into feed_stream as s (audience_eic, author_side, commodity, last_seq)
                select distinct audience_eic, author_side, commodity, c from numbered
                on conflict (audience_eic, author_side, commodity) do update set last_seq = s.last_seq + excluded.last_seq
                returning s.audience_eic, s.author_side, s.commodity, s.last_seq
            ), moved as (
                insert into feed_change (stamped_at, stream_seq, reason, author_side, audience_eic, commodity, enquiry_id,
                                         response_id, snapshot)
                select ?::timestamptz + nb.n * interval '1 microsecond', a.last_seq - nb.c + nb.k, nb.reason,
                       nb.author_side, nb.audience_eic, nb.commodity, nb.enquiry_id, nb.response_id, nb.snapshot
                  from numbered nb join advanced a using (audience_eic, author_side, commodity)
                returning audience_eic, author_side, commodity
            )
            select audience_eic || '/' || author_side || '/' || commodity, count(*)::integer from moved group by 1
            """;

    private static boolean pending(Connection session) throws SQLException {
        try (var statement = session.prepareStatement("select exists (select 1 from feed_outbox)");
                var result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    /** The streams a run touched, as one notification (at most 8000 bytes); all of them when they do not fit. */
    static String payload(List<String> streams) {
        var joined = String.join(",", streams);
        return joined.length() > 7900 ? FeedWakeups.EVERY_STREAM : joined;
    }

    private void maintain(Connection session) throws SQLException {
        try (var ensure = session.prepareStatement("select feed_ensure_partitions(now(), 2)")) {
            ensure.execute();
        }
        var cutoff = Instant.now().minus(settings.retention()).minus(Duration.ofDays(1));
        try (var drop = session.prepareStatement("select feed_drop_partitions(?)")) {
            drop.setObject(1, java.time.OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC));
            try (var result = drop.executeQuery()) {
                if (result.next() && result.getInt(1) > 0) {
                    log.info(
                            "Dropped {} change-feed partitions older than the retention of {}",
                            result.getInt(1),
                            settings.retention());
                }
            }
        }
        maintainedAt = Instant.now();
    }

    @Override
    public void start() {
        leadership.start();
    }

    @Override
    public void stop() {
        leadership.stop();
    }

    @Override
    public boolean isRunning() {
        return leadership.isRunning();
    }
}
