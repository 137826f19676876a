package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.enquiry.AnswerStatistics;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Answer statistics as the APIs answer them, and the period they are asked for ({@code from}, {@code to}). */
public final class StatisticsJson {

    /** The default and the longest period. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatisticsJson() {}

    public record Period(Instant from, Instant to) {}

    /** {@code from} and {@code to} of a query string: the last 30 days by default, at most 366 days. */
    public static Period period(Map<String, String[]> parameters, Clock clock) {
        var query = JsonObject.body(Queries.object(parameters), "from", "to");
        var to = query.dateTime("to").orElse(HubTime.now(clock));
        var from = query.dateTime("from").orElse(to.minus(DEFAULT_PERIOD));
        if (!from.isBefore(to)) {
            throw new HubException(ErrorCode.INVALID_VALUE, "from must be before to", "from", HubTime.format(from));
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new HubException(
                    ErrorCode.INVALID_VALUE, "A period is at most 366 days", "from", HubTime.format(from));
        }
        return new Period(from, to);
    }

    public static String write(Period period, List<AnswerStatistics> statistics) {
        var root = JSON.createObjectNode();
        root.put("from", HubTime.format(period.from()));
        root.put("to", HubTime.format(period.to()));
        var rows = root.putArray("statistics");
        for (var s : statistics) {
            var row = rows.addObject();
            row.put("receiverEic", s.receiver().value());
            row.put("commodity", s.commodity().name());
            row.put("enquiries", s.enquiries());
            row.put("open", s.open());
            row.put("overdue", s.overdue());
            row.put("answered", s.answered());
            row.put("answeredLate", s.answeredLate());
            s.medianAnswerTime().ifPresent(d -> row.put("medianAnswerSeconds", d.toMillis() / 1000.0));
            s.p90AnswerTime().ifPresent(d -> row.put("p90AnswerSeconds", d.toMillis() / 1000.0));
        }
        return JSON.writeValueAsString(root);
    }
}
