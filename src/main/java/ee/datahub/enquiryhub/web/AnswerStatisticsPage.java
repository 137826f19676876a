package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.enquiry.AnswerTimes;
import ee.datahub.enquiryhub.web.EnquiryForms.PeriodForm;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * The hub operator's answer statistics: per receiver and commodity, of the enquiries sent in a period
 * of whole days (Estonian time; the last 30 days unless chosen), how many are open, overdue, answered
 * finally and late, and the median and 90th percentile time from sending to the final answer.
 */
@Controller
class AnswerStatisticsPage {

    static final int DEFAULT_DAYS = 30;

    private final AnswerTimes answerTimes;
    private final Clock clock;

    AnswerStatisticsPage(AnswerTimes answerTimes, Clock clock) {
        this.answerTimes = answerTimes;
        this.clock = clock;
    }

    /** The period chosen (bound apart from the page's {@code period}, which may be the default one). */
    @GetMapping("/web/operator/statistics")
    ModelAndView statistics(Visitor visitor, @ModelAttribute("chosen") PeriodForm chosen) {
        visitor.requireHubOperator();
        var form = chosen.orLast(DEFAULT_DAYS, LocalDate.ofInstant(clock.instant(), WebConfiguration.TALLINN));
        var page = new ModelAndView("web/operator/statistics").addObject("period", form);
        return new FormPage("period", form, () -> page).submit(() -> page.addObject("statistics", statistics(form)));
    }

    private Object statistics(PeriodForm form) {
        var period = form.period();
        return answerTimes.ofEveryReceiver(period.from(), period.to());
    }
}
