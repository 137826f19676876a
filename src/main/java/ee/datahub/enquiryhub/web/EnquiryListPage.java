package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.web.EnquiryForms.ListFilter;
import ee.datahub.enquiryhub.web.EnquiryForms.MarkForm;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The inbox and the sent enquiries ({@link Inbox}): quick views, orders and the list filters of spec
 * §6, paged, every refused filter beside its field; bulk read and unread marks; the view as CSV
 * ({@link InboxExport}); and the list's live updates, which follow the participant's change feed.
 */
@Controller
class EnquiryListPage {

    private final Inbox inbox;
    private final InboxExport export;

    EnquiryListPage(Inbox inbox, InboxExport export) {
        this.inbox = inbox;
        this.export = export;
    }

    @GetMapping("/web/enquiries")
    ModelAndView list(
            Visitor visitor,
            @ModelAttribute("filter") ListFilter filter,
            @RequestParam(defaultValue = "1") String page,
            HttpServletRequest request) {
        var caller = visitor.caller(Action.READ);
        return new FormPage("filter", filter, () -> inbox.frame(caller, filter))
                .submit(() -> inbox.page(visitor, caller, filter, page(page), request));
    }

    /** The ticked rows marked read or unread, then back to the list as it was (no script needed). */
    @PostMapping("/web/enquiries/marks")
    String mark(Visitor visitor, @ModelAttribute MarkForm form, HttpServletRequest request) {
        var caller = visitor.caller(Action.READ);
        return inbox.mark(caller, form, request).redirect();
    }

    /** The list's current view, filters and order as a CSV file: an audited read of every row in it. */
    @GetMapping("/web/enquiries/export")
    ResponseEntity<byte[]> export(
            Visitor visitor, @ModelAttribute("filter") ListFilter filter, HttpServletRequest request) {
        var caller = visitor.caller(Action.READ);
        return new FormPage("filter", filter, () -> inbox.frame(caller, filter))
                .submit(() -> export.csv(caller, filter, request));
    }

    /** A live update of the list; {@code wait} (seconds) shortens the poll, which the page does not ask. */
    @GetMapping("/web/enquiries/changes")
    ModelAndView changes(
            Visitor visitor,
            @ModelAttribute("filter") ListFilter filter,
            @RequestParam(defaultValue = "1") String page,
            @RequestParam String cursor,
            @RequestParam(defaultValue = "") String since,
            @RequestParam(defaultValue = "") String wait,
            HttpServletRequest request) {
        var caller = visitor.caller(Action.READ);
        return inbox.changes(caller, filter, page(page), cursor, instant(since), seconds(wait), request);
    }

    // The 1-based page of the address as the 0-based page of the list; the first for anything else.
    private static int page(String text) {
        try {
            return Math.max(0, Integer.parseInt(text.strip()) - 1);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // The time (epoch seconds) the page started following the feed; none when it resumes now.
    private static Optional<Instant> instant(String epochSeconds) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(epochSeconds.strip())));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Duration seconds(String text) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text.strip())));
        } catch (NumberFormatException e) {
            return Inbox.POLL_WAIT;
        }
    }
}
