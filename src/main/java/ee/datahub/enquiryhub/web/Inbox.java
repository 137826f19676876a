package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.ListCriteria;
import ee.datahub.enquiryhub.enquiry.ListPreferences;
import ee.datahub.enquiryhub.enquiry.ListView;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.enquiry.ReadMarks;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.SortKey;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.web.DueMarks.DueMark;
import ee.datahub.enquiryhub.web.EnquiryForms.ListFilter;
import ee.datahub.enquiryhub.web.EnquiryForms.MarkForm;
import ee.datahub.enquiryhub.web.EnquiryForms.Shown;
import ee.datahub.enquiryhub.web.WebWrites.Next;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;

/**
 * The inbox (a receiver's enquiries) and the sent enquiries (a supplier's) as pages of rows in a quick
 * view and order the person chose (remembered per context), each row with its status, unread mark and
 * due mark, named in the request's audit entry; bulk read and unread marks; and live updates, which
 * wait on the participant's change feed (holding no database connection) and are applied by htmx
 * ({@code rows.html}).
 */
@Component
class Inbox {

    static final int PAGE_SIZE = 25;
    /** How long a poll waits for a change: under the usual 30-60 s idle limits of proxies and load balancers. */
    static final Duration POLL_WAIT = Duration.ofSeconds(25);

    static final int POLL_LIMIT = 50;

    private final Enquiries enquiries;
    private final ReadMarks readMarks;
    private final ListPreferences preferences;
    private final ChangeFeed feed;
    private final DueMarks dueMarks;
    private final Duration sessionTimeout;
    private final Clock clock;

    Inbox(
            Enquiries enquiries,
            ReadMarks readMarks,
            ListPreferences preferences,
            ChangeFeed feed,
            DueMarks dueMarks,
            @Value("${spring.session.timeout:30m}") Duration sessionTimeout,
            Clock clock) {
        this.clock = clock;
        this.enquiries = enquiries;
        this.readMarks = readMarks;
        this.preferences = preferences;
        this.feed = feed;
        this.dueMarks = dueMarks;
        this.sessionTimeout = sessionTimeout;
    }

    /** One enquiry in the list, with what the row shows beside its fields. */
    record Row(EnquiryView enquiry, boolean unread, DueMark due, Eic counterpart) {}

    /** A quick view as the list offers it: its name in addresses, how many it holds, its link. */
    record ViewLink(String name, Enquiries.Count count, String url, boolean current) {}

    /** An order the list offers: its name in addresses ({@code due-asc}), and whether it is the one shown. */
    record SortChoice(String name, boolean current) {}

    /** The list page around its rows: the filter form's choices, the view and order shown. */
    ModelAndView frame(Caller caller, ListFilter filter) {
        var shown = filter.shownOver(Shown.DEFAULT);
        return new ModelAndView("web/enquiries/list")
                .addObject("sender", caller.side() == Side.SENDER)
                .addObject("topics", Arrays.asList(Topic.values()))
                .addObject("statuses", Arrays.asList(RequestStatus.values()))
                .addObject("filtered", !filter.isEmpty())
                .addObject("moreFilters", filter.moreGiven())
                .addObject("shownView", filter.namesShown() ? Shown.name(shown.view()) : null)
                .addObject("shownSort", filter.namesShown() ? shown.sortName() : null);
    }

    /**
     * The list page with its rows and where its live updates follow the feed: from a cursor taken before
     * the rows were read, so whatever becomes visible after it reaches the page (rows are replaced, never doubled).
     * A view and order the address names are remembered for the person in its context; without them,
     * the remembered ones are shown.
     */
    ModelAndView page(Visitor visitor, Caller caller, ListFilter asked, int page, HttpServletRequest request) {
        var subject = visitor.person().subject();
        var context = visitor.context().orElseThrow().key();
        var remembered = preferences.of(subject, context).map(Shown::of).orElse(Shown.DEFAULT);
        var shown = asked.shownOver(remembered);
        if (asked.namesShown()) {
            preferences.remember(subject, context, shown.preference());
        }
        var filter = asked.showing(shown);
        var criteria = filter.criteria(shown);
        var cursor = feed.cursorAtEnd(caller);
        return frame(caller, filter)
                .addAllObjects(rows(caller, criteria, filter, page, request, Set.<EnquiryId>of()))
                .addAllObjects(live(filter, page, cursor, clock.instant()));
    }

    /** The quick views the home page counts (unread, due soon, overdue), each a link into the list. */
    List<ViewLink> counts(Caller caller) {
        var counts = enquiries.counts(caller);
        return List.of(ListView.UNREAD, ListView.DUE_SOON, ListView.OVERDUE).stream()
                .map(view -> new ViewLink(
                        Shown.name(view), counts.get(view), "/web/enquiries?view=" + Shown.name(view), false))
                .toList();
    }

    /**
     * Marks the chosen enquiries read or unread for the caller's participant (those it sees; others are
     * left alone) and names them in the request's audit entry; returns to the list as it was.
     */
    Next mark(Caller caller, MarkForm form, HttpServletRequest request) {
        var marked = new ArrayList<java.util.UUID>();
        for (var id : form.enquiries()) {
            enquiries.read(caller, id).ifPresent(enquiry -> {
                if (form.read()) {
                    readMarks.opened(caller, enquiry);
                } else {
                    readMarks.markUnread(caller, enquiry);
                }
                marked.add(id.value());
            });
        }
        AuditTrail.of(request).enquiries(marked);
        if (marked.isEmpty()) {
            return new Next(form.back(), "inbox.banner.none-marked");
        }
        return new Next(form.back(), form.read() ? "inbox.banner.marked-read" : "inbox.banner.marked-unread");
    }

    private static List<SortChoice> sorts(Shown shown) {
        var choices = new ArrayList<SortChoice>();
        for (var key : List.of(SortKey.DUE, SortKey.CREATED, SortKey.UPDATED)) {
            for (var descending : List.of(false, true)) {
                var choice = new Shown(shown.view(), key, descending);
                choices.add(new SortChoice(choice.sortName(), choice.sortName().equals(shown.sortName())));
            }
        }
        return choices;
    }

    /**
     * A live update: waits up to {@code wait} (at most {@link #POLL_WAIT}) for changes after the cursor;
     * answers with the next poll and, when changes came, the list's rows as they are now. A page left
     * alone for a session's lifetime ({@code since} its load, or its last resumption) is paused instead,
     * so that it does not keep the session alive. A poll that returns nothing writes no audit entry.
     */
    ModelAndView changes(
            Caller caller,
            ListFilter filter,
            int page,
            String cursor,
            Optional<Instant> since,
            Duration wait,
            HttpServletRequest request) {
        var criteria = filter.criteria(filter.shownOver(Shown.DEFAULT));
        var started = since.orElse(clock.instant());
        var update = new ModelAndView("web/enquiries/rows :: update");
        if (started.plus(sessionTimeout).isBefore(clock.instant())) {
            AuditTrail.of(request).unrecorded();
            return update.addAllObjects(live(filter, page, cursor, null));
        }
        var changes =
                feed.changes(caller, Optional.of(cursor), POLL_LIMIT, wait.compareTo(POLL_WAIT) < 0 ? wait : POLL_WAIT);
        update.addAllObjects(live(filter, page, changes.nextCursor(), started));
        if (changes.content().isEmpty()) {
            AuditTrail.of(request).unrecorded();
            return update;
        }
        var changed = changes.content().stream()
                .map(FeedRow::enquiry)
                .map(EnquiryView::id)
                .collect(Collectors.toSet());
        return update.addObject("changed", changed.size())
                .addObject("sender", caller.side() == Side.SENDER)
                .addObject("filtered", !filter.isEmpty())
                .addAllObjects(rows(caller, criteria, filter, page, request, changed));
    }

    // The next poll of the list's live updates, from the cursor; paused when there is no start.
    private static Map<String, Object> live(ListFilter filter, int page, String cursor, Instant since) {
        var url = url("/web/enquiries/changes", filter, page + 1);
        var next = url + (url.contains("?") ? "&" : "?") + "cursor=" + UriUtils.encode(cursor, StandardCharsets.UTF_8)
                + "&since=" + (since == null ? "" : since.getEpochSecond());
        return Map.of("liveUrl", next, "paused", since == null);
    }

    private Map<String, Object> rows(
            Caller caller,
            ListCriteria criteria,
            ListFilter filter,
            int page,
            HttpServletRequest request,
            Set<EnquiryId> changed) {
        var found = enquiries.list(caller, criteria, new PageRequest(page, PAGE_SIZE));
        var counts = enquiries.counts(caller);
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
        var model = new LinkedHashMap<String, Object>();
        var shown = filter.shownOver(Shown.DEFAULT);
        model.put(
                "views",
                Arrays.stream(ListView.values())
                        .map(view -> new ViewLink(
                                Shown.name(view),
                                counts.get(view),
                                url(
                                        "/web/enquiries",
                                        filter.showing(new Shown(view, shown.sort(), shown.descending())),
                                        1),
                                view == shown.view()))
                        .toList());
        model.put("sortUrls", sortUrls(filter, shown));
        model.put("listSort", shown.sortName());
        model.put("listSorts", sorts(shown));
        var kept = new LinkedHashMap<>(filter.parameters());
        kept.remove("sort");
        model.put("keptForSort", kept);
        model.put("exportUrl", url("/web/enquiries/export", filter, 1));
        model.put("listUrl", url("/web/enquiries", filter, page + 1));
        model.put("rows", rows);
        model.put("changedIds", changed);
        model.put("total", found.totalElements());
        model.put("totalExact", found.exact());
        model.put("pageNumber", page + 1);
        model.put("pages", found.totalPages());
        if (page > 0) {
            model.put("previousUrl", url("/web/enquiries", filter, page));
        }
        if (page + 1 < found.totalPages()) {
            model.put("nextUrl", url("/web/enquiries", filter, page + 2));
        }
        return model;
    }

    // Per sort key (due, created, updated): the list sorted by it, the other way round when it is shown now.
    private static Map<String, String> sortUrls(ListFilter filter, Shown shown) {
        var urls = new LinkedHashMap<String, String>();
        for (var key : SortKey.values()) {
            boolean descending = key == shown.sort() ? !shown.descending() : key != SortKey.DUE;
            urls.put(
                    Shown.name(key),
                    url("/web/enquiries", filter.showing(new Shown(shown.view(), key, descending)), 1));
        }
        return urls;
    }

    /** A link to the list (or its live updates) with these filters, on this 1-based page. */
    static String url(String path, ListFilter filter, int page) {
        var parameters = new LinkedHashMap<>(filter.parameters());
        if (page > 1) {
            parameters.put("page", String.valueOf(page));
        }
        var query = parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + UriUtils.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? path : path + "?" + query;
    }
}
