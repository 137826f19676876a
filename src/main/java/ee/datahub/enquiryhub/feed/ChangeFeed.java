package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.MessageWritten;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.enquiry.Refusal;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.platform.HubTime;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change feed (spec §6, §7): each side reads what the other side wrote, in the order changes
 * became visible. v1 scans a time window, paged; v2 follows an opaque cursor and may wait for the
 * next change. Both read only: {@link FeedStamper} (on one instance) makes changes visible, and
 * {@link FeedWakeups} wakes waiting readers on every instance.
 */
@Service
@EnableConfigurationProperties(FeedSettings.class)
public class ChangeFeed {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The longest a v2 read may wait for a change (spec §7). */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final FeedSettings settings;
    private final FeedWakeups wakeups;
    private final FeedStamper stamper;
    private final TransactionTemplate snapshotReads;
    private final Clock clock;
    private volatile byte[] cursorKey;

    ChangeFeed(
            JdbcClient jdbc,
            FeedSettings settings,
            FeedWakeups wakeups,
            FeedStamper stamper,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.stamper = stamper;
        this.settings = settings;
        this.wakeups = wakeups;
        this.clock = clock;
        this.snapshotReads = new TransactionTemplate(transactions);
        snapshotReads.setReadOnly(true);
        snapshotReads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Changes after a cursor, and the cursor to pass next time (the same one when there were none). */
    public record Changes(List<FeedRow> content, String nextCursor) {}

    /**
     * One change of a stream with its position, for a follower that keeps its own cursor (a push
     * subscription): its number in the stream (from 1, without gaps) and the cursor that resumes after it.
     */
    public record Numbered(FeedRow change, long number, String cursor) {}

    /**
     * The name of a participant's stream in one role and commodity (what {@link #whenStamped} hands
     * its listener): the same participant, role and commodity always give the same name.
     */
    public static String streamKey(Eic participant, MarketRole role, Commodity commodity) {
        return Stream.of(participant, role, commodity).key();
    }

    /**
     * Up to {@code limit} changes of a participant's stream in one role and commodity after the cursor
     * (none: from the oldest retained change), oldest first, each with the cursor after it. Reads as
     * {@link #changes} does (the same visibility, the same cursors), without waiting.
     */
    public List<Numbered> following(
            Eic participant, MarketRole role, Commodity commodity, Optional<String> after, int limit) {
        var stream = Stream.of(participant, role, commodity);
        var key = key();
        var cursor = after.map(text -> FeedCursor.decode(text, stream, key));
        cursor.ifPresent(c -> requireRetained(c.stamp(), Field.CURSOR));
        return snapshotReads.execute(status -> onStream(
                        stream,
                        SELECT + " and stream_seq > :after and stamped_at >= :since order by stream_seq limit :limit")
                .param("after", cursor.map(FeedCursor::seq).orElse(0L))
                .param("since", HubTime.db(cursor.map(FeedCursor::stamp).orElse(Instant.EPOCH)))
                .param("limit", limit)
                .query(ChangeFeed::row)
                .list()
                .stream()
                .map(r -> new Numbered(
                        r.row(), r.seq(), new FeedCursor(r.seq(), r.row().timestamp()).encode(stream, key)))
                .toList());
    }

    /**
     * The cursor before the first change of the stream stamped at or after {@code since}: following it
     * gives every change from then on. A time older than the retention is refused (as a period start).
     */
    public String cursorAt(Eic participant, MarketRole role, Commodity commodity, Instant since) {
        requireRetained(since, Field.PERIOD_START);
        var stream = Stream.of(participant, role, commodity);
        var key = key();
        var before = onStream(
                        stream,
                        "select stream_seq, stamped_at from feed_change where audience_eic = :audience"
                                + " and author_side = :author and commodity = :commodity and stamped_at < :since"
                                + " order by stamped_at desc limit 1")
                .param("since", HubTime.db(since))
                .query((rs, n) ->
                        new FeedCursor(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .optional();
        // No change before it: every retained change of the stream is numbered above 0 and stamped at or after it.
        return before.orElseGet(() -> new FeedCursor(0, since)).encode(stream, key);
    }

    /** The cursor after the last change of the stream visible now: following it gives only later changes. */
    public String endCursor(Eic participant, MarketRole role, Commodity commodity) {
        var stream = Stream.of(participant, role, commodity);
        var key = key();
        return snapshotReads.execute(status -> onStream(
                        stream,
                        "select stream_seq, stamped_at from feed_change"
                                + " where audience_eic = :audience and author_side = :author and commodity = :commodity"
                                + " order by stream_seq desc limit 1")
                .query((rs, n) ->
                        new FeedCursor(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .optional()
                .orElseGet(() -> emptyStreamEnd(stream))
                .encode(stream, key));
    }

    /**
     * Calls {@code listener} after every stamping run (on any instance) with the {@link #streamKey}s of
     * the streams that got changes, or an empty set when any stream may have (see {@link FeedWakeups}).
     */
    public void whenStamped(Consumer<Set<String>> listener) {
        wakeups.listen(listener);
    }

    /** Records a write in the writer's own transaction; the stamper makes it visible once that commits. */
    @EventListener
    void record(MessageWritten written) {
        var enquiry = written.enquiry();
        jdbc.sql("""
                insert into feed_outbox (reason, author_side, audience_eic, commodity, enquiry_id, response_id, snapshot)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb))
                """)
                .params(
                        written.reason().name(),
                        written.author().name(),
                        written.audience().value(),
                        written.commodity().name(),
                        enquiry.id().value(),
                        written.answer().map(AnswerId::value).orElse(null),
                        SnapshotCodec.write(enquiry))
                .update();
    }

    /**
     * v1: the changes the other side wrote for the caller, stamped in {@code [from, to)} (no end: up to
     * now), oldest first. Every change committed before this call is included: the scan first waits
     * until the stamper has made them visible (a few milliseconds: it asks the leader to stamp at once).
     * The page's total is exact and costs two index probes: stream numbers have no gaps.
     */
    public Page<FeedRow> scan(Caller caller, Instant from, Optional<Instant> to, PageRequest page) {
        requireRetained(from, Field.PERIOD_START);
        awaitCommittedBeforeNow();
        var stream = Stream.of(caller);
        return snapshotReads.execute(status -> {
            var window = " and stamped_at >= :from" + (to.isPresent() ? " and stamped_at < :to" : "");
            var first = bound(stream, window, from, to, "asc");
            var last = bound(stream, window, from, to, "desc");
            if (first.isEmpty() || last.isEmpty()) {
                return new Page<FeedRow>(List.of(), page.page(), page.size(), 0);
            }
            long total = last.get() - first.get() + 1;
            long lo = first.get() + page.offset();
            long hi = Math.min(last.get(), lo + page.size() - 1);
            List<FeedRow> rows = lo > hi
                    ? List.of()
                    : onStream(
                                    stream,
                                    SELECT
                                            + " and stream_seq between :lo and :hi and stamped_at >= :from order by stream_seq")
                            .param("lo", lo)
                            .param("hi", hi)
                            .param("from", HubTime.db(from))
                            .query(ChangeFeed::row)
                            .list()
                            .stream()
                            .map(StreamRow::row)
                            .toList();
            return new Page<>(rows, page.page(), page.size(), total);
        });
    }

    /**
     * v2: up to {@code limit} changes of the caller's stream after the cursor (none: from the oldest
     * retained change), oldest first. With {@code wait} and nothing to return, waits until a change
     * for the caller becomes visible on any instance or the wait passes. Holds no database connection
     * while waiting.
     */
    public Changes changes(Caller caller, Optional<String> after, int limit, Duration wait) {
        var stream = Stream.of(caller);
        var key = key();
        var cursor = after.map(text -> FeedCursor.decode(text, stream, key));
        cursor.ifPresent(c -> requireRetained(c.stamp(), Field.CURSOR));
        cursor.ifPresent(c -> requireInHistory(stream, c));
        var found = new java.util.concurrent.atomic.AtomicReference<Changes>();
        wakeups.awaitStream(
                stream,
                () -> {
                    var changes = read(stream, cursor, limit, key);
                    found.set(changes);
                    return !changes.content().isEmpty();
                },
                wait);
        return found.get();
    }

    private Changes read(Stream stream, Optional<FeedCursor> cursor, int limit, byte[] key) {
        return snapshotReads.execute(status -> {
            var rows = onStream(
                            stream,
                            SELECT
                                    + " and stream_seq > :after and stamped_at >= :since order by stream_seq limit :limit")
                    .param("after", cursor.map(FeedCursor::seq).orElse(0L))
                    .param("since", HubTime.db(cursor.map(FeedCursor::stamp).orElse(Instant.EPOCH)))
                    .param("limit", limit)
                    .query(ChangeFeed::row)
                    .list();
            if (!rows.isEmpty()) {
                var last = rows.getLast();
                return new Changes(
                        rows.stream().map(StreamRow::row).toList(),
                        new FeedCursor(last.seq(), last.row().timestamp()).encode(stream, key));
            }
            if (cursor.isPresent()) {
                return new Changes(List.of(), cursor.get().encode(stream, key));
            }
            return new Changes(List.of(), emptyStreamEnd(stream).encode(stream, key));
        });
    }

    /**
     * A cursor at the end of the caller's stream as of now: {@link #changes} after it returns only the
     * changes made visible from now on. The web's inbox takes one before it lists the enquiries, and
     * then follows new arrivals from it. (The end computed for an empty stream is the end of any
     * stream: numbered after its last number, stamped no later than what becomes visible next.)
     */
    public String cursorAtEnd(Caller caller) {
        var stream = Stream.of(caller);
        var key = key();
        return snapshotReads.execute(status -> emptyStreamEnd(stream).encode(stream, key));
    }

    // The end of a stream with no retained change: numbered after its last number, stamped no later than
    // anything the stamper makes visible after this snapshot (a stamping run lasts seconds at most:
    // FeedStamper's timeouts).
    private FeedCursor emptyStreamEnd(Stream stream) {
        return jdbc.sql("""
                select coalesce((select last_seq from feed_stream
                                  where audience_eic = ? and author_side = ? and commodity = ?), 0),
                       greatest((select last_stamp from feed_clock where id = 1), now() - interval '1 minute')
                """)
                .params(
                        stream.audience().value(),
                        stream.author().name(),
                        stream.commodity().name())
                .query((rs, n) ->
                        new FeedCursor(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .single();
    }

    /** One write in an enquiry's history: the change, and which side wrote it. */
    public record HistoryEntry(FeedRow change, Side author) {}

    /**
     * The history of an enquiry the caller sees (the caller checks that): every write to it or its
     * answers, by either side, oldest first, as the feed keeps them (within its retention).
     */
    public List<HistoryEntry> history(EnquiryId enquiry) {
        return snapshotReads.execute(status -> jdbc.sql("""
                select stream_seq, stamped_at, reason, response_id, snapshot::text as snapshot, author_side
                  from feed_change where enquiry_id = ? order by stamped_at
                """)
                .param(enquiry.value())
                .query((rs, n) -> new HistoryEntry(row(rs, n).row(), Side.valueOf(rs.getString("author_side"))))
                .list());
    }

    private static final String SELECT =
            "select stream_seq, stamped_at, reason, response_id, snapshot::text as snapshot"
                    + " from feed_change where audience_eic = :audience and author_side = :author and commodity = :commodity";

    private record StreamRow(long seq, FeedRow row) {}

    // A statement about one stream: sql names it by :audience, :author and :commodity.
    private JdbcClient.StatementSpec onStream(Stream stream, String sql) {
        return jdbc.sql(sql)
                .param("audience", stream.audience().value())
                .param("author", stream.author().name())
                .param("commodity", stream.commodity().name());
    }

    private static StreamRow row(ResultSet rs, int n) throws SQLException {
        return new StreamRow(
                rs.getLong("stream_seq"),
                new FeedRow(
                        SnapshotCodec.read(rs.getString("snapshot")),
                        Optional.ofNullable(rs.getObject("response_id", UUID.class))
                                .map(AnswerId::new),
                        ChangeReason.valueOf(rs.getString("reason")),
                        rs.getTimestamp("stamped_at").toInstant()));
    }

    private Optional<Long> bound(Stream stream, String window, Instant from, Optional<Instant> to, String direction) {
        var spec = onStream(
                        stream,
                        "select stream_seq from feed_change where audience_eic = :audience"
                                + " and author_side = :author and commodity = :commodity" + window
                                + " order by stamped_at " + direction + " limit 1")
                .param("from", HubTime.db(from));
        to.ifPresent(end -> spec.param("to", HubTime.db(end)));
        return spec.query(Long.class).optional();
    }

    // Refuses a start the feed no longer keeps, naming the earliest one that works for a while yet.
    private void requireRetained(Instant start, Field field) {
        var oldest = HubTime.now(clock).minus(settings.retention());
        if (start.isBefore(oldest)) {
            // A minute of slack, so that the start this answer names still works when the client sends it back.
            var earliest = oldest.plus(Duration.ofMinutes(1))
                    .truncatedTo(ChronoUnit.MINUTES)
                    .plus(Duration.ofMinutes(1));
            throw new Refused(new Refusal.ChangePeriodBeyondRetention(field, start, earliest));
        }
    }

    // Refuses a cursor past what the feed holds, rather than skipping or repeating changes silently: the
    // change it names is gone, or a later one took its number (stamped after the cursor was issued), as
    // when the database was restored to a point in time before the cursor. A cursor names its change by
    // number and stamp; one issued at a stream's end names no change, only the last number then.
    private void requireInHistory(Stream stream, FeedCursor cursor) {
        if (cursor.seq() == 0) {
            return;
        }
        boolean known = onStream(stream, """
                        select case
                          when exists (select 1 from feed_change where audience_eic = :audience and author_side = :author
                                          and commodity = :commodity and stream_seq = :seq)
                          then exists (select 1 from feed_change where audience_eic = :audience and author_side = :author
                                          and commodity = :commodity and stream_seq = :seq and stamped_at <= :stamp)
                          else coalesce((select last_seq from feed_stream where audience_eic = :audience
                                           and author_side = :author and commodity = :commodity), 0) >= :seq
                        end
                        """)
                .param("seq", cursor.seq())
                .param("stamp", HubTime.db(cursor.stamp()))
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new Refused(new Refusal.CursorBeyondFeed(Field.CURSOR));
        }
    }

    // Waits until every change committed before now is visible (the leader is asked to stamp at once).
    private void awaitCommittedBeforeNow() {
        var newest = jdbc.sql("select seq from feed_outbox order by seq desc limit 1")
                .query(Long.class)
                .optional();
        if (newest.isEmpty()) {
            return;
        }
        stamper.stampSoon();
        wakeups.await(
                () -> !jdbc.sql("select exists (select 1 from feed_outbox where seq <= ?)")
                        .param(newest.get())
                        .query(Boolean.class)
                        .single(),
                settings.freshnessWait(),
                Duration.ofMillis(100));
    }

    // The key that signs cursors, the same on every instance (made by the first one that needs it).
    private byte[] key() {
        var key = cursorKey;
        if (key == null) {
            var candidate = new byte[32];
            RANDOM.nextBytes(candidate);
            // The first instance's key wins; every instance signs and checks cursors with it.
            jdbc.sql(
                            "insert into hub_secret (name, value, created_at) values ('feed-cursor', ?, now()) on conflict do nothing")
                    .param(candidate)
                    .update();
            key = jdbc.sql("select value from hub_secret where name = 'feed-cursor'")
                    .query(byte[].class)
                    .single();
            cursorKey = key;
        }
        return key;
    }
}
