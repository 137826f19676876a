package ee.datahub.enquiryhub.enquiry;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * When a receiver owes its final answer: by the end of the n-th working day (or calendar day) after
 * the day the enquiry was sent, in the hub's time zone. Working days skip weekends and Estonia's
 * public holidays, from the Jollyday calendar (kept by its maintainers, not by this project).
 */
@Component
@EnableConfigurationProperties(DeadlineSettings.class)
public class AnswerDeadlines {

    /** How many working days ahead "due soon" looks. */
    public static final int SOON_WORKING_DAYS = 2;

    private final DeadlineSettings settings;
    private final HolidayManager holidays;

    AnswerDeadlines(DeadlineSettings settings) {
        this.settings = settings;
        this.holidays = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.ESTONIA));
    }

    /** The moment the final answer is due for an enquiry sent at {@code sent}. */
    public Instant dueFor(Instant sent) {
        var day = sent.atZone(settings.zone()).toLocalDate();
        int left = settings.answerWithin();
        while (left > 0) {
            day = day.plusDays(1);
            if (settings.count() == DeadlineSettings.DayCount.CALENDAR_DAYS || isWorkingDay(day)) {
                left--;
            }
        }
        // The end of that day: the first moment of the next.
        return day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
    }

    /**
     * Until when an open enquiry's answer is due soon, as of {@code now}: the end of the
     * {@value #SOON_WORKING_DAYS}nd working day after today (in the hub's time zone, weekends and public
     * holidays not counted, as for the deadline itself), so that a Friday already warns of Tuesday.
     */
    public Instant dueSoonUntil(Instant now) {
        var day = now.atZone(settings.zone()).toLocalDate();
        int left = SOON_WORKING_DAYS;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY
                && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.isHoliday(day);
    }
}
