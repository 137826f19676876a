package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.enquiry.AnswerDeadlines;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * How pressing an open enquiry's answer is, from its {@code dueAt}: overdue once that has passed; due
 * soon before {@link AnswerDeadlines#dueSoonUntil} (the end of the second working day after today, as
 * the deadline counts days). Closed and cancelled enquiries are neither.
 */
@Component("dueMarks")
public class DueMarks {

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
        return enquiry.dueAt().isAfter(deadlines.dueSoonUntil(now)) ? DueMark.NONE : DueMark.DUE_SOON;
    }
}
