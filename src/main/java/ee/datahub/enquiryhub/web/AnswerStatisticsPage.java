package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.enquiry.AnswerTimes;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.web.EnquiryForms.PeriodForm;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The hub operator's answer statistics (issue: deadlines): per receiver and commodity, of the
 * enquiries sent in a period of whole days (Estonian time; the last 30 days unless chosen), how many
 * are open, overdue, answered finally and late, and the median and 90th percentile time from sending to
 * the final answer.
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

    @GetMapping("/web/operator/statistics")
    String statistics(
            Visitor visitor,
            @ModelAttribute("period") PeriodForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response) {
        visitor.requireHubOperator();
        var today = LocalDate.ofInstant(clock.instant(), WebConfiguration.TALLINN);
        if (Forms.text(form.getFrom()).isEmpty() && Forms.text(form.getTo()).isEmpty()) {
            form.setFrom(today.minusDays(DEFAULT_DAYS).toString());
            form.setTo(today.toString());
        }
        var from = FormErrors.check(
                errors,
                () -> EnquiryForms.day("from", form.getFrom(), 0)
                        .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "from is required", "from")));
        var to = FormErrors.check(
                errors,
                () -> EnquiryForms.day("to", form.getTo(), 1)
                        .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "to is required", "to")));
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            FormErrors.check(errors, () -> {
                throw new HubException(ErrorCode.INVALID_VALUE, "to is before from", "to");
            });
        }
        if (errors.hasErrors()) {
            response.setStatus(400);
            model.addAttribute("formFailed", true);
            return "web/operator/statistics";
        }
        model.addAttribute("statistics", answerTimes.ofEveryReceiver(from.get(), to.get()));
        return "web/operator/statistics";
    }
}
