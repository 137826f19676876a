package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.api.shared.RegisterRefusals;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.MeteringPointImport;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.web.Forms.AuditForm;
import ee.datahub.enquiryhub.web.Forms.GrantForm;
import ee.datahub.enquiryhub.web.Forms.ImportForm;
import ee.datahub.enquiryhub.web.Forms.MeteringPointForm;
import ee.datahub.enquiryhub.web.Forms.MeteringPointSearch;
import ee.datahub.enquiryhub.web.Forms.ParticipantForm;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The hub operator (a person of its staff acting as the hub operator): registers participants and
 * appoints a person as a participant's ADMIN, registers metering points one by one or by CSV import,
 * and searches the audit log. Refused (403) in any other context.
 */
@Controller
class OperatorPages {

    static final int AUDIT_PAGE_SIZE = 50;
    static final int METERING_POINT_PAGE_SIZE = 50;

    private final ParticipantRegister register;
    private final MeteringPointImport meteringPointImport;
    private final People people;
    private final AuditLines lines;

    OperatorPages(
            ParticipantRegister register, MeteringPointImport meteringPointImport, People people, AuditLines lines) {
        this.register = register;
        this.meteringPointImport = meteringPointImport;
        this.people = people;
        this.lines = lines;
    }

    @GetMapping("/web/operator/participants")
    ModelAndView participants(Visitor visitor) {
        visitor.requireHubOperator();
        return participantsPage();
    }

    @PostMapping("/web/operator/participants")
    String registerParticipant(Visitor visitor, @ModelAttribute("form") ParticipantForm form) {
        visitor.requireHubOperator();
        var participant =
                new FormPage("form", form, this::participantsPage).submit(() -> register.register(form.participant()));
        return Redirects.to("/web/operator/participants", "registered", participant.name());
    }

    /** The hub operator appoints a person as a participant's ADMIN (in one of its roles and commodities). */
    @PostMapping("/web/operator/participants/appoint")
    String appoint(Visitor visitor, @ModelAttribute("appoint") GrantForm form) {
        visitor.requireHubOperator();
        var appointed = new FormPage("appoint", form, this::participantsPage).submit(() -> {
            var asked = form.read(Optional.empty(), Optional.of(Set.of(Permission.ADMIN)));
            people.grant(
                    asked.subject(),
                    asked.name(),
                    asked.grant(),
                    visitor.person().id());
            return asked.name();
        });
        return Redirects.to("/web/operator/participants", "appointed", appointed);
    }

    private ModelAndView participantsPage() {
        return new ModelAndView("web/operator/participants")
                .addObject("form", ParticipantForm.blank())
                .addObject("appoint", GrantForm.blank())
                .addObject("participants", register.all())
                .addObject("roles", Arrays.asList(MarketRole.values()))
                .addObject("commodities", Arrays.asList(Commodity.values()));
    }

    /** The list of metering points, a page at a time, by the filters given. */
    @GetMapping("/web/operator/metering-points")
    ModelAndView meteringPoints(
            Visitor visitor,
            @ModelAttribute("search") MeteringPointSearch search,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "before", required = false) String before) {
        visitor.requireHubOperator();
        var page = meteringPointsPage(search);
        return new FormPage("search", search, () -> page)
                .submit(() -> page.addObject(
                        "points",
                        register.meteringPoints(
                                search.query(),
                                MeteringPointSearch.pageKey(after),
                                MeteringPointSearch.pageKey(before),
                                METERING_POINT_PAGE_SIZE)));
    }

    /** Registers a new metering point and shows it in the list; one registered already is refused. */
    @PostMapping("/web/operator/metering-points")
    String registerMeteringPoint(Visitor visitor, @ModelAttribute("form") MeteringPointForm form) {
        visitor.requireHubOperator();
        var point = new FormPage("form", form, this::meteringPointsPage)
                .submit(() -> register.registerNew(form.meteringPoint()));
        return Redirects.to(
                "/web/operator/metering-points?eicPrefix=" + point.eic().value(),
                "registered",
                point.eic().value());
    }

    /**
     * A CSV file of metering points ({@code meterEic,gridOperatorEic,commodity}); all rows or none. A
     * refused file is reported on the page: every refused row with its line and problem.
     */
    @PostMapping("/web/operator/metering-points/import")
    ModelAndView importMeteringPoints(Visitor visitor, @ModelAttribute("upload") ImportForm upload) {
        visitor.requireHubOperator();
        var report = new FormPage("upload", upload, this::meteringPointsPage)
                .submit(() -> meteringPointImport.importCsv(upload.bytes()));
        return report.accepted()
                ? new ModelAndView(Redirects.to("/web/operator/metering-points", "imported", report.imported()))
                : refusedRows(report);
    }

    private ModelAndView meteringPointsPage() {
        return meteringPointsPage(MeteringPointSearch.blank());
    }

    private ModelAndView meteringPointsPage(MeteringPointSearch search) {
        return new ModelAndView("web/operator/metering-points")
                .addObject("form", MeteringPointForm.blank())
                .addObject("upload", ImportForm.blank())
                .addObject("search", search)
                .addObject(
                        "gridOperators",
                        register.all().stream()
                                .filter(p -> Arrays.stream(Commodity.values()).anyMatch(p::receivesEnquiriesIn))
                                .toList())
                .addObject("commodities", Arrays.asList(Commodity.values()));
    }

    /** One refused row of an import, said in the person's language (the message keyed by the row's code). */
    public record RefusedRow(long line, MessageSourceResolvable problem) {}

    // The import's report: its rows' refusals in a table, and how many above the file field.
    private ModelAndView refusedRows(MeteringPointImport.Report report) {
        var file = new BeanPropertyBindingResult(ImportForm.blank(), "upload");
        file.rejectValue(
                "file",
                "metering-points.refused",
                new Object[] {report.badRows()},
                report.badRows() + " rows of the file are refused; nothing was imported");
        var page = meteringPointsPage()
                .addObject(BindingResult.MODEL_KEY_PREFIX + "upload", file)
                .addObject("formFailed", true)
                .addObject("badRows", report.badRows())
                .addObject(
                        "refusedRows",
                        report.errors().stream()
                                .map(row -> new RefusedRow(row.line(), WebRefusals.message(RegisterRefusals.of(row))))
                                .toList());
        page.setStatus(HttpStatusCode.valueOf(400));
        return page;
    }

    /** The audit log as actions (page views too when asked), newest first, by the filters given. */
    @GetMapping("/web/operator/audit")
    ModelAndView audit(
            Visitor visitor,
            @ModelAttribute("form") AuditForm form,
            @RequestParam(name = "after", required = false) String after,
            Locale locale) {
        visitor.requireHubOperator();
        var page = new ModelAndView("web/operator/audit")
                .addObject("participants", register.all())
                .addObject("events", AuditLines.EVENTS);
        return new FormPage("form", form, () -> page).submit(() -> {
            var found = lines.page(form, after, AUDIT_PAGE_SIZE, locale);
            found.next().ifPresent(next -> page.addObject("nextQuery", next));
            return page.addObject("lines", found.lines());
        });
    }
}
