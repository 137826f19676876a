package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Duration;
import java.util.Optional;

/**
 * How one receiver answered the enquiries sent to it in one commodity and period: how many were
 * sent, are still open, are open past their due time, got a final answer (and how many of those
 * late), and the median and 90th percentile of the time from sending to final answer.
 */
public record AnswerStatistics(
        Eic receiver,
        Commodity commodity,
        long enquiries,
        long open,
        long overdue,
        long answered,
        long answeredLate,
        Optional<Duration> medianAnswerTime,
        Optional<Duration> p90AnswerTime) {}
