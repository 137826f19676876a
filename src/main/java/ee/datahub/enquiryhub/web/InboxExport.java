package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.enquiry.ReadMarks;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.Window;
import ee.datahub.enquiryhub.web.EnquiryForms.ListFilter;
import ee.datahub.enquiryhub.web.EnquiryForms.Shown;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The list's current view, filters and order as a CSV file (RFC 4180, UTF-8 with a byte order mark for
 * spreadsheets), at most {@link Window#MAX_RESULTS} rows, headings in the person's language. A cell that
 * a spreadsheet would take for a formula ({@code = + - @}, a tab or a carriage return first) is
 * neutralised with a leading apostrophe. Every enquiry in it is named in the request's audit entry.
 */
@Component
class InboxExport {

    private static final int PAGE = PageRequest.MAX_SIZE;
    private static final String[] HEADINGS = {
        "inbox.csv.id",
        "enquiry.topic",
        "enquiry.reference",
        "enquiry.status",
        "enquiries.unread",
        "enquiry.sender",
        "enquiry.receiver",
        "enquiry.meter",
        "enquiry.customer",
        "enquiry.created",
        "enquiry.updated",
        "enquiry.due",
        "enquiry.comment"
    };

    private final Enquiries enquiries;
    private final ReadMarks readMarks;
    private final PartyNames parties;
    private final WebFormat format;
    private final MessageSource messages;
    private final Clock clock;

    InboxExport(
            Enquiries enquiries,
            ReadMarks readMarks,
            PartyNames parties,
            WebFormat format,
            MessageSource messages,
            Clock clock) {
        this.enquiries = enquiries;
        this.readMarks = readMarks;
        this.parties = parties;
        this.format = format;
        this.messages = messages;
        this.clock = clock;
    }

    ResponseEntity<byte[]> csv(Caller caller, ListFilter filter, HttpServletRequest request) {
        var criteria = filter.criteria(filter.shownOver(Shown.DEFAULT));
        var locale = LocaleContextHolder.getLocale();
        var names = new HashMap<Eic, String>();
        var ids = new ArrayList<UUID>();
        var bytes = new ByteArrayOutputStream();
        try (var printer = new CSVPrinter(
                new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
            bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            var headings = new ArrayList<String>();
            for (var key : HEADINGS) {
                headings.add(messages.getMessage(key, null, locale));
            }
            printer.printRecord(headings);
            for (int page = 0; page * PAGE < Window.MAX_RESULTS; page++) {
                var found = enquiries.list(caller, criteria, new PageRequest(page, PAGE));
                var unread = readMarks.unread(caller, found.content());
                for (var e : found.content()) {
                    ids.add(e.id().value());
                    printer.printRecord(row(e, unread.contains(e.id()), names, locale));
                }
                if (found.content().size() < PAGE) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AuditTrail.of(request).enquiries(ids);
        var name = (caller.side() == Side.SENDER ? "sent-enquiries-" : "inbox-") + WebFormat.isoDate(clock.instant())
                + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(bytes.toByteArray());
    }

    private List<String> row(EnquiryView e, boolean unread, HashMap<Eic, String> names, Locale locale) {
        var cells = List.of(
                e.id().toString(),
                messages.getMessage("enum." + e.topic(), null, locale),
                e.reference().map(Reference::value).orElse(""),
                messages.getMessage("enum." + e.status(), null, locale),
                unread ? messages.getMessage("enquiries.unread", null, locale) : "",
                names.computeIfAbsent(e.sender(), parties::of),
                names.computeIfAbsent(e.receiver(), parties::of),
                e.meter().value(),
                e.customer().value(),
                format.minutes(e.createdAt()),
                format.minutes(e.updatedAt()),
                format.minutes(e.dueAt()),
                e.comment().orElse(""));
        return cells.stream().map(InboxExport::neutralised).toList();
    }

    /** A cell a spreadsheet would not run: one that starts like a formula gets an apostrophe first. */
    static String neutralised(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
