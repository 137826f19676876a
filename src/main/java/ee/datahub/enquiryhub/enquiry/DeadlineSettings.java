package ee.datahub.enquiryhub.enquiry;

import jakarta.validation.constraints.AssertTrue;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.deadlines.*}: a receiver has {@code answerWithin} days (default 10) for its final answer,
 * counted as {@code WORKING_DAYS} (default: weekends and Estonian public holidays do not count) or
 * {@code CALENDAR_DAYS}, in the days of {@code zone} (default Europe/Tallinn).
 */
@Validated
@ConfigurationProperties("hub.deadlines")
public record DeadlineSettings(Integer answerWithin, DayCount count, ZoneId zone) {

    public enum DayCount {
        WORKING_DAYS,
        CALENDAR_DAYS
    }

    public DeadlineSettings {
        answerWithin = answerWithin == null ? 10 : answerWithin;
        count = count == null ? DayCount.WORKING_DAYS : count;
        zone = zone == null ? ZoneId.of("Europe/Tallinn") : zone;
    }

    @AssertTrue(message = "hub.deadlines.answer-within must be from 1 to 365 days")
    boolean isAnswerWithinSane() {
        return answerWithin >= 1 && answerWithin <= 365;
    }
}
