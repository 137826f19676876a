package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.ListCriteria;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.enquiry.ReadMarks;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.web.DueMarks.DueMark;
import ee.datahub.enquiryhub.web.EnquiryForms.ListFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The inbox (a grid operator's or closed distribution network's received enquiries) and the sent
 * enquiries (a supplier's): the list filters of spec §6, newest first, paged, each enquiry's status,
 * whether it is unread for the participant, and whether its answer is due soon or overdue.
 *
 * <p>New arrivals appear without a reload: the page carries a cursor at the end of the participant's
 * change feed, taken before the list was read, and {@code hub.js} long-polls
 * {@code /web/enquiries/changes}, which waits on the feed (woken by a write on any instance, holding no
 * database connection while it waits) and, when changes came, answers with the list's rows as they are
 * now and the next cursor. Polls that return nothing write no audit entry (see {@link AuditTrail#unrecorded()}).
 */
@Controller
class EnquiryListPage {

    static final int PAGE_SIZE = 25;
    /** How long a poll waits for a change: under the usual 30-60 s idle limits of proxies and load balancers. */
    static final Duration POLL_WAIT = Duration.ofSeconds(25);

    static final int POLL_LIMIT = 50;

    private final Enquiries enquiries;
    private final ReadMarks readMarks;
    private final ChangeFeed feed;
    private final DueMarks dueMarks;
    private final Duration sessionTimeout;

    EnquiryListPage(
            Enquiries enquiries,
            ReadMarks readMarks,
            ChangeFeed feed,
            DueMarks dueMarks,
            @Value("${spring.session.timeout:30m}") Duration sessionTimeout) {
        this.enquiries = enquiries;
        this.readMarks = readMarks;
        this.feed = feed;
        this.dueMarks = dueMarks;
        this.sessionTimeout = sessionTimeout;
    }

    /** One enquiry in the list, with what the row shows beside its fields. */
    record Row(EnquiryView enquiry, boolean unread, DueMark due, Eic counterpart) {

        /** What makes a row look different: the live updates replace a row only when this changed. */
        public String state() {
            return enquiry.version() + (unread ? "-unread-" : "-read-") + due;
        }
    }

    @GetMapping("/web/enquiries")
    String list(
            Visitor visitor,
            @ModelAttribute("filter") ListFilter filter,
            BindingResult errors,
            @RequestParam(name = "page", defaultValue = "1") String pageText,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        AuditTrail.of(request).action("GET /web/enquiries");
        var caller = visitor.caller(Action.READ);
        model.addAttribute("sender", caller.side() == Side.SENDER);
        model.addAttribute("topics", Arrays.asList(Topic.values()));
        model.addAttribute("statuses", Arrays.asList(RequestStatus.values()));
        model.addAttribute("filtered", !filter.isEmpty());
        var criteria = filter.criteria(errors);
        int page = page(pageText);
        if (criteria.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("formFailed", true);
            return "web/enquiries/list";
        }
        // The cursor first: whatever becomes visible after it reaches the page through the polls, even
        // if the list below already shows it (rows are replaced, never doubled).
        var cursor = feed.cursorAtEnd(caller);
        try {
            rows(caller, criteria.get(), page, filter, model, request);
        } catch (Refused | HubException refused) {
            // A page beyond the result window: said above the list, not beside a field.
            var error = FormErrors.refusal(refused).orElseThrow();
            FormErrors.reject(errors, error, Map.of());
            response.setStatus(error.error().status());
            model.addAttribute("formFailed", true);
            return "web/enquiries/list";
        }
        model.addAttribute("cursor", cursor);
        model.addAttribute("liveUrl", url("/web/enquiries/changes", filter, page + 1));
        model.addAttribute("idleSeconds", sessionTimeout.toSeconds());
        return "web/enquiries/list";
    }

    /**
     * A live update of the list: waits up to {@link #POLL_WAIT} (or {@code wait} seconds) for changes after the cursor
     * in the participant's feed; answers with the next cursor, and, when changes came, the list's rows
     * (same filters, same page) as they are now.
     */
    @GetMapping("/web/enquiries/changes")
    String changes(
            Visitor visitor,
            @ModelAttribute("filter") ListFilter filter,
            BindingResult errors,
            @RequestParam(name = "page", defaultValue = "1") String pageText,
            @RequestParam("cursor") String cursor,
            @RequestParam(name = "wait", defaultValue = "") String waitText,
            Model model,
            HttpServletRequest request) {
        var trail = AuditTrail.of(request).action("GET /web/enquiries/changes");
        var caller = visitor.caller(Action.READ);
        var criteria = filter.criteria(errors);
        if (criteria.isEmpty()) {
            // The page's own filters were valid: these were not written by it (the script reloads the page).
            throw new HubException(ErrorCode.INVALID_VALUE, "The list's filters are not valid", "filter");
        }
        var changes = feed.changes(caller, Optional.of(cursor), POLL_LIMIT, waitFor(waitText));
        model.addAttribute("cursor", changes.nextCursor());
        if (changes.content().isEmpty()) {
            trail.unrecorded();
            return "web/enquiries/rows :: update";
        }
        model.addAttribute(
                "changed",
                changes.content().stream()
                        .map(FeedRow::enquiry)
                        .map(EnquiryView::id)
                        .distinct()
                        .count());
        model.addAttribute("sender", caller.side() == Side.SENDER);
        model.addAttribute("filtered", !filter.isEmpty());
        rows(caller, criteria.get(), page(pageText), filter, model, request);
        return "web/enquiries/rows :: update";
    }

    private void rows(
            Caller caller,
            ListCriteria criteria,
            int page,
            ListFilter filter,
            Model model,
            HttpServletRequest request) {
        Page<EnquiryView> found = enquiries.list(caller, criteria, new PageRequest(page, PAGE_SIZE));
        var unread = readMarks.unread(caller, found.content());
        var rows = found.content().stream()
                .map(e -> new Row(
                        e,
                        unread.contains(e.id()),
                        dueMarks.of(e),
                        caller.side() == Side.SENDER ? e.receiver() : e.sender()))
                .toList();
        AuditTrail.of(request)
                .enquiries(found.content().stream().map(e -> e.id().value()).toList());
        model.addAttribute("rows", rows);
        model.addAttribute("total", found.totalElements());
        model.addAttribute("totalExact", found.exact());
        model.addAttribute("pageNumber", page + 1);
        model.addAttribute("pages", found.totalPages());
        if (page > 0) {
            model.addAttribute("previousUrl", url("/web/enquiries", filter, page));
        }
        if (page + 1 < found.totalPages()) {
            model.addAttribute("nextUrl", url("/web/enquiries", filter, page + 2));
        }
    }

    /** At most {@link #POLL_WAIT}, less when asked ({@code wait} in seconds; the page's script does not ask). */
    private static Duration waitFor(String text) {
        try {
            return Duration.ofSeconds(Math.clamp(Long.parseLong(text.strip()), 0, POLL_WAIT.toSeconds()));
        } catch (NumberFormatException e) {
            return POLL_WAIT;
        }
    }

    /** The 1-based page of the address as the 0-based page of the list; the first for anything else. */
    private static int page(String text) {
        try {
            return Math.max(0, Integer.parseInt(text.strip()) - 1);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A link to the list (or its live updates) with these filters, on this 1-based page. */
    static String url(String path, ListFilter filter, int page) {
        var parameters = new java.util.LinkedHashMap<>(filter.parameters());
        if (page > 1) {
            parameters.put("page", String.valueOf(page));
        }
        var query = parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + UriUtils.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }
}
