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
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answer times per receiver (issue: deadlines): for the API, the hub operator, and as Prometheus
 * gauges ({@code hub_enquiries_open}, {@code hub_enquiries_overdue}, {@code hub_answer_time_seconds}
 * with {@code quantile} 0.5 and 0.9 over the last 30 days, per receiver and commodity), refreshed
 * every minute.
 */
@Service
public class AnswerTimes {

    private static final Duration METRICS_PERIOD = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MultiGauge open;
    private final MultiGauge overdue;
    private final MultiGauge answerTime;

    AnswerTimes(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.open = MultiGauge.builder("hub.enquiries.open").description("Open enquiries per receiver").register(registry);
        this.overdue = MultiGauge.builder("hub.enquiries.overdue")
                .description("Open enquiries past their answer's due time, per receiver").register(registry);
        this.answerTime = MultiGauge.builder("hub.answer.time").baseUnit("seconds")
                .description("Time from sending to final answer over the last 30 days, per receiver").register(registry);
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
    public void refreshMetrics() {
        var now = clock.instant();
        var statistics = ofEveryReceiver(now.minus(METRICS_PERIOD), now);
        open.register(jdbc.sql("select receiver_eic, commodity, count(*) from enquiry where status = 'OPEN' group by 1, 2")
                .query((rs, n) -> MultiGauge.Row.of(tags(rs), rs.getLong(3))).list(), true);
        overdue.register(jdbc.sql("""
                select receiver_eic, commodity, count(*) from enquiry where status = 'OPEN' and due_at < ? group by 1, 2
                """).param(HubTime.db(now)).query((rs, n) -> MultiGauge.Row.of(tags(rs), rs.getLong(3))).list(), true);
        answerTime.register(statistics.stream().flatMap(s -> java.util.stream.Stream.of(
                s.medianAnswerTime().map(d -> MultiGauge.Row.of(tags(s).and("quantile", "0.5"), d.toMillis() / 1000.0)),
                s.p90AnswerTime().map(d -> MultiGauge.Row.of(tags(s).and("quantile", "0.9"), d.toMillis() / 1000.0)))
                .flatMap(Optional::stream)).toList(), true);
    }

    private static Tags tags(ResultSet rs) throws SQLException {
        return Tags.of("receiver", rs.getString(1), "commodity", rs.getString(2));
    }

    private static Tags tags(AnswerStatistics s) {
        return Tags.of("receiver", s.receiver().value(), "commodity", s.commodity().name());
    }

    private static AnswerStatistics statistics(ResultSet rs, int n) throws SQLException {
        return new AnswerStatistics(new Eic(rs.getString("receiver_eic")), Commodity.valueOf(rs.getString("commodity")),
                rs.getLong("enquiries"), rs.getLong("open"), rs.getLong("overdue"), rs.getLong("answered"),
                rs.getLong("answered_late"), seconds(rs, "p50"), seconds(rs, "p90"));
    }

    private static Optional<Duration> seconds(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(value * 1000)));
    }
}
