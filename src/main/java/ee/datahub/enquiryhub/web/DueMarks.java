package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.enquiry.AnswerDeadlines;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * How pressing an open enquiry's answer is, from its {@code dueAt}: overdue once that has passed; due
 * soon when it falls before the end of the second working day after today (Estonian time, weekends and
 * public holidays not counted, as for the deadline itself), so that a Friday's list already warns of
 * what is due on Tuesday. Closed and cancelled enquiries are neither.
 */
@Component("dueMarks")
public class DueMarks {

    /** How many working days ahead "due soon" looks. */
    public static final int SOON_WORKING_DAYS = 2;

    /** Shown beside an open enquiry's due time, in words and colour (never colour alone). */
    public enum DueMark {
        OVERDUE,
        DUE_SOON,
        NONE
    }

    private final AnswerDeadlines deadlines;
    private final Clock clock;

    DueMarks(AnswerDeadlines deadlines, Clock clock) {
        this.deadlines = deadlines;
        this.clock = clock;
    }

    public DueMark of(EnquiryView enquiry) {
        return of(enquiry, clock.instant());
    }

    DueMark of(EnquiryView enquiry, Instant now) {
        if (enquiry.status() != RequestStatus.OPEN) {
            return DueMark.NONE;
        }
        if (!enquiry.dueAt().isAfter(now)) {
            return DueMark.OVERDUE;
        }
        return enquiry.dueAt().isAfter(soonUntil(now)) ? DueMark.NONE : DueMark.DUE_SOON;
    }

    /** The end of the {@value #SOON_WORKING_DAYS}nd working day after the day of {@code now}. */
    private Instant soonUntil(Instant now) {
        var day = now.atZone(WebConfiguration.TALLINN).toLocalDate();
        int left = SOON_WORKING_DAYS;
        while (left > 0) {
            day = day.plusDays(1);
            if (deadlines.isWorkingDay(day)) {
                left--;
            }
        }
        return day.plusDays(1).atStartOfDay(WebConfiguration.TALLINN).toInstant();
    }
}
