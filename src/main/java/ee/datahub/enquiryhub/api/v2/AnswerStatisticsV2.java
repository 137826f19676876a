package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.api.shared.StatisticsJson;
import ee.datahub.enquiryhub.enquiry.AnswerTimes;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v2/answer-statistics?from=&to=}: how the caller's enquiries were answered in a
 * period (a receiver: its own answers; a supplier: per receiver of the enquiries it sent).
 */
@RestController
class AnswerStatisticsV2 {

    private final V2Exchange exchange;
    private final AnswerTimes answerTimes;
    private final Clock clock;

    AnswerStatisticsV2(V2Exchange exchange, AnswerTimes answerTimes, Clock clock) {
        this.exchange = exchange;
        this.answerTimes = answerTimes;
        this.clock = clock;
    }

    @GetMapping("/api/v2/answer-statistics")
    ResponseEntity<String> statistics(HttpServletRequest request) {
        return exchange.read(request, "GET /api/v2/answer-statistics", Action.READ, call -> {
            var period = StatisticsJson.period(request.getParameterMap(), clock);
            var statistics = answerTimes.of(call.caller(), period.from(), period.to());
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(StatisticsJson.write(period, statistics));
        });
    }
}
