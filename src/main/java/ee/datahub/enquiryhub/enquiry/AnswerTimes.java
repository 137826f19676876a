package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.platform.HubTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answer times per receiver and commodity, for the API, the hub operator, and as Prometheus gauges
 * ({@code hub_enquiries_open}, {@code hub_enquiries_overdue}, {@code hub_answer_time_seconds} with
 * {@code quantile} 0.5 and 0.9 over the last 30 days): the counts refreshed every minute, in pieces,
 * the answer times every ten, on one core (docs/design/reads.md).
 */
@Service
public class AnswerTimes {

    private static final Duration METRICS_PERIOD = Duration.ofDays(30);
    private static final Duration ANSWER_TIMES_REFRESH = Duration.ofMinutes(10);
    /** Entries of the open enquiries' index counted per statement (about 10 ms at a million stored). */
    static final int OPEN_COUNT_PIECE = 10_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MultiGauge open;
    private final MultiGauge overdue;
    private final MultiGauge answerTime;
    private final TransactionTemplate background;
    private Instant answerTimesAt = Instant.EPOCH;

    AnswerTimes(JdbcClient jdbc, Clock clock, MeterRegistry registry, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.background = new TransactionTemplate(transactions);
        background.setReadOnly(true);
        this.open = MultiGauge.builder("hub.enquiries.open")
                .description("Open enquiries per receiver")
                .register(registry);
        this.overdue = MultiGauge.builder("hub.enquiries.overdue")
                .description("Open enquiries past their answer's due time, per receiver")
                .register(registry);
        this.answerTime = MultiGauge.builder("hub.answer.time")
                .baseUnit("seconds")
                .description("Time from sending to final answer over the last 30 days, per receiver")
                .register(registry);
    }

    /** The statistics of the enquiries on the caller's side created in {@code [from, to)}, per receiver. */
    @Transactional(readOnly = true)
    public List<AnswerStatistics> of(Caller caller, Instant from, Instant to) {
        var party = caller.side() == Side.SENDER ? "sender_eic" : "receiver_eic";
        return query(" and " + party + " = :me and commodity = :commodity", from, to)
                .param("me", caller.eic().value())
                .param("commodity", caller.commodity().name())
                .query(AnswerTimes::statistics)
                .list();
    }

    /** The statistics of every receiver, for the hub operator. */
    @Transactional(readOnly = true)
    public List<AnswerStatistics> ofEveryReceiver(Instant from, Instant to) {
        return query("", from, to).query(AnswerTimes::statistics).list();
    }

    private JdbcClient.StatementSpec query(String filter, Instant from, Instant to) {
        return jdbc.sql("""
                select receiver_eic, commodity, count(*) as enquiries,
                       count(*) filter (where status = 'OPEN') as open,
                       count(*) filter (where status = 'OPEN' and due_at < :now) as overdue,
                       count(final_answer_at) as answered,
                       count(*) filter (where final_answer_at > due_at) as answered_late,
                       percentile_cont(0.5) within group (order by extract(epoch from final_answer_at - created_at))
                           filter (where final_answer_at is not null) as p50,
                       percentile_cont(0.9) within group (order by extract(epoch from final_answer_at - created_at))
                           filter (where final_answer_at is not null) as p90
                  from enquiry
                 where created_at >= :from and created_at < :to""" + filter + """

                 group by receiver_eic, commodity
                 order by receiver_eic, commodity
                """)
                .param("now", HubTime.db(clock.instant()))
                .param("from", HubTime.db(from))
                .param("to", HubTime.db(to));
    }

    /** Refreshes the Prometheus gauges (every instance reports the same figures, from the database). */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT10S")
    public synchronized void refreshMetrics() {
        var now = clock.instant();
        var counts = openCounts(now, OPEN_COUNT_PIECE, List.of());
        open.register(
                counts.stream().map(c -> MultiGauge.Row.of(c.tags(), c.open())).toList(), true);
        overdue.register(
                counts.stream()
                        .map(c -> MultiGauge.Row.of(c.tags(), c.overdue()))
                        .toList(),
                true);
        if (now.isBefore(answerTimesAt.plus(ANSWER_TIMES_REFRESH))) {
            return;
        }
        var statistics = background.execute(status -> {
            jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
            jdbc.sql("set local work_mem = '64MB'").update();
            return ofEveryReceiver(now.minus(METRICS_PERIOD), now);
        });
        answerTime.register(
                statistics.stream()
                        .flatMap(s -> Stream.of(
                                        s.medianAnswerTime()
                                                .map(d -> MultiGauge.Row.of(
                                                        tags(s).and("quantile", "0.5"), d.toMillis() / 1000.0)),
                                        s.p90AnswerTime()
                                                .map(d -> MultiGauge.Row.of(
                                                        tags(s).and("quantile", "0.9"), d.toMillis() / 1000.0)))
                                .flatMap(Optional::stream))
                        .toList(),
                true);
        answerTimesAt = now;
    }

    /**
     * The open and the overdue enquiries per receiver and commodity, counted in pieces of at most
     * {@code piece} index entries in key order, each a statement resuming after the last key, with a pause
     * twice as long as it took: one statement over every open enquiry held a core every minute. The
     * pieces are not one snapshot, as a gauge allows. {@code receivers}: none counts every receiver.
     */
    List<OpenCount> openCounts(Instant now, int piece, List<String> receivers) {
        var counts = new LinkedHashMap<Tags, long[]>();
        PieceEnd after = null;
        while (true) {
            long began = System.nanoTime();
            var rows = jdbc.sql(
                            OPEN_COUNTS.formatted(
                                    (receivers.isEmpty() ? "" : " and receiver_eic = any(:receivers)")
                                            + (after == null
                                                    ? ""
                                                    : " and (receiver_eic, commodity, due_at, id) > (:receiver, :commodity, :due, :id)")))
                    .paramSource(openCountParameters(now, piece, after, receivers))
                    .query((rs, n) -> new PieceCount(
                            tags(rs),
                            rs.getLong(3),
                            rs.getLong(4),
                            new PieceEnd(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getObject(5, OffsetDateTime.class),
                                    rs.getObject(6, UUID.class))))
                    .list();
            long read = 0;
            for (var row : rows) {
                var total = counts.computeIfAbsent(row.tags(), k -> new long[2]);
                total[0] += row.open();
                total[1] += row.overdue();
                read += row.open();
                after = row.end();
            }
            if (read < piece) {
                break;
            }
            pause(Duration.ofNanos(2 * (System.nanoTime() - began)));
        }
        return counts.entrySet().stream()
                .map(e -> new OpenCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    // The counts of one receiver and commodity in a piece, and the piece's last key of theirs.
    private record PieceCount(Tags tags, long open, long overdue, PieceEnd end) {}

    // A key of the open enquiries' index.
    private record PieceEnd(String receiver, String commodity, OffsetDateTime due, UUID id) {}

    private static MapSqlParameterSource openCountParameters(
            Instant now, int piece, PieceEnd after, List<String> receivers) {
        var parameters = new MapSqlParameterSource()
                .addValue("now", HubTime.db(now))
                .addValue("piece", piece)
                .addValue("receivers", receivers.toArray(String[]::new));
        if (after != null) {
            parameters
                    .addValue("receiver", after.receiver())
                    .addValue("commodity", after.commodity())
                    .addValue("due", after.due())
                    .addValue("id", after.id());
        }
        return parameters;
    }

    // One piece: the next :piece open enquiries in the index's order, counted per receiver and commodity.
    private static final String OPEN_COUNTS = """
            with piece as (
                select receiver_eic, commodity, due_at, id from enquiry
                 where status = 'OPEN'%s
                 order by receiver_eic, commodity, due_at, id
                 limit :piece
            )
            select receiver_eic, commodity, count(*), count(*) filter (where due_at < :now),
                   max(due_at), (array_agg(id order by due_at desc, id desc))[1]
              from piece group by receiver_eic, commodity order by receiver_eic, commodity
            """;

    private static void pause(Duration pause) {
        try {
            Thread.sleep(Math.min(pause.toMillis(), 500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while refreshing the gauges", e);
        }
    }

    record OpenCount(Tags tags, long open, long overdue) {}

    private static Tags tags(ResultSet rs) throws SQLException {
        return Tags.of("receiver", rs.getString(1), "commodity", rs.getString(2));
    }

    private static Tags tags(AnswerStatistics s) {
        return Tags.of(
                "receiver", s.receiver().value(), "commodity", s.commodity().name());
    }

    private static AnswerStatistics statistics(ResultSet rs, int n) throws SQLException {
        return new AnswerStatistics(
                new Eic(rs.getString("receiver_eic")),
                Commodity.valueOf(rs.getString("commodity")),
                rs.getLong("enquiries"),
                rs.getLong("open"),
                rs.getLong("overdue"),
                rs.getLong("answered"),
                rs.getLong("answered_late"),
                seconds(rs, "p50"),
                seconds(rs, "p90"));
    }

    private static Optional<Duration> seconds(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(value * 1000)));
    }
}
