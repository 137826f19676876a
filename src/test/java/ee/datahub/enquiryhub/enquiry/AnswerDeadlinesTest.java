package ee.datahub.enquiryhub.enquiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Answer deadlines count working days in Tallinn: weekends and Estonia's public holidays do not count. */
class AnswerDeadlinesTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    private final AnswerDeadlines workingDays = new AnswerDeadlines(new DeadlineSettings(null, null, null));

    @Test
    void tenWorkingDaysSkipChristmasTheNewYearAndWeekends() {
        // Fri 18 Dec 2026: 21-23 Dec, (24-26 Dec holidays, 27 Sunday), 28-31 Dec, (1 Jan holiday, weekend), 4-6 Jan.
        assertThat(workingDays.dueFor(tallinn(2026, 12, 18, 10))).isEqualTo(Instant.parse("2027-01-06T22:00:00Z"));
    }

    @Test
    void independenceDayDoesNotCount() {
        // Mon 22 Feb 2027: 23 Feb, (24 Feb Independence Day), 25, 26 Feb, 1-5 Mar, 8-9 Mar.
        assertThat(workingDays.dueFor(tallinn(2027, 2, 22, 9))).isEqualTo(Instant.parse("2027-03-09T22:00:00Z"));
    }

    @Test
    void goodFridayDoesNotCountButEasterMondayDoesAndTheDueTimeFollowsSummerTime() {
        // Thu 25 Mar 2027: (26 Mar Good Friday, weekend; summer time from 28 Mar), 29 Mar - 2 Apr, 5-9 Apr.
        assertThat(workingDays.dueFor(tallinn(2027, 3, 25, 15))).isEqualTo(Instant.parse("2027-04-09T21:00:00Z"));
    }

    @Test
    void anEnquirySentAtTheWeekendCountsFromTheNextWorkingDay() {
        // Sat 5 Dec 2026 23:30 Tallinn (21:30 UTC): 7-11 Dec, 14-18 Dec.
        assertThat(workingDays.dueFor(Instant.parse("2026-12-05T21:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-18T22:00:00Z"));
    }

    @Test
    void calendarDaysCountEveryDay() {
        var calendarDays = new AnswerDeadlines(new DeadlineSettings(10, DeadlineSettings.DayCount.CALENDAR_DAYS, null));
        assertThat(calendarDays.dueFor(tallinn(2026, 12, 18, 10))).isEqualTo(Instant.parse("2026-12-28T22:00:00Z"));
    }

    private static Instant tallinn(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, TALLINN).toInstant();
    }
}
