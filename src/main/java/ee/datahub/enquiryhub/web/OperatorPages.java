package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.api.shared.RegisterRefusals;
import ee.datahub.enquiryhub.audit.AuditSearch;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.MeteringPoint;
import ee.datahub.enquiryhub.participant.MeteringPointImport;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.RegisterRefused;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.person.PersonRefused;
import ee.datahub.enquiryhub.web.Forms.AuditForm;
import ee.datahub.enquiryhub.web.Forms.GrantForm;
import ee.datahub.enquiryhub.web.Forms.ImportForm;
import ee.datahub.enquiryhub.web.Forms.MeteringPointForm;
import ee.datahub.enquiryhub.web.Forms.ParticipantForm;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The hub operator (a person of its staff acting as the hub operator): registers participants and
 * appoints a person as a participant's ADMIN, registers metering points one by one or by CSV import,
 * and searches the audit log. Refused (403) in any other context.
 */
@Controller
class OperatorPages {

    static final int AUDIT_PAGE_SIZE = 50;

    private final ParticipantRegister register;
    private final MeteringPointImport meteringPointImport;
    private final People people;
    private final AuditSearch audit;

    OperatorPages(
            ParticipantRegister register, MeteringPointImport meteringPointImport, People people, AuditSearch audit) {
        this.register = register;
        this.meteringPointImport = meteringPointImport;
        this.people = people;
        this.audit = audit;
    }

    @GetMapping("/web/operator/participants")
    String participants(Visitor visitor, Model model) {
        visitor.requireHubOperator();
        model.addAttribute("form", new ParticipantForm());
        model.addAttribute("appoint", new GrantForm());
        return participantsPage(model);
    }

    @PostMapping("/web/operator/participants")
    String registerParticipant(
            Visitor visitor,
            @ModelAttribute("form") ParticipantForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        visitor.requireHubOperator();
        var eic = FormErrors.check(errors, () -> eic("eic", form.getEic(), EicType.PARTY));
        var name = FormErrors.check(errors, () -> {
            var text = FormErrors.required("name", form.getName());
            if (text.codePointCount(0, text.length()) > 200) {
                throw new HubException(ErrorCode.MAX_LENGTH, "name is at most 200 characters", "name", "200");
            }
            return text;
        });
        var roles = FormErrors.check(errors, () -> Forms.choices("roles", form.getRoles(), MarketRole.class));
        var commodities =
                FormErrors.check(errors, () -> Forms.choices("commodities", form.getCommodities(), Commodity.class));
        try {
            if (errors.hasErrors()) {
                return participantsRefused(model, response, 400);
            }
            var participant = register.register(new Participant(
                    eic.orElseThrow(), name.orElseThrow(), roles.orElseThrow(), commodities.orElseThrow()));
            redirect.addFlashAttribute("registered", participant.name());
            return "redirect:/web/operator/participants";
        } catch (HubException error) {
            FormErrors.reject(errors, error, Map.of());
            return participantsRefused(model, response, error.error().status());
        }
    }

    /** The hub operator appoints a person as a participant's ADMIN (in one of its roles and commodities). */
    @PostMapping("/web/operator/participants/appoint")
    String appoint(
            Visitor visitor,
            @ModelAttribute("appoint") GrantForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        visitor.requireHubOperator();
        var participant = FormErrors.check(errors, () -> eic("participant", form.getParticipant(), EicType.PARTY));
        var role = FormErrors.check(errors, () -> Forms.choice("role", form.getRole(), MarketRole.class));
        var commodity = FormErrors.check(errors, () -> Forms.choice("commodity", form.getCommodity(), Commodity.class));
        var subject = FormErrors.check(errors, () -> FormErrors.required("subject", form.getSubject()));
        var name = FormErrors.check(errors, () -> FormErrors.required("name", form.getName()));
        try {
            if (errors.hasErrors()) {
                return appointRefused(model, response, 400);
            }
            people.grant(
                    subject.orElseThrow(),
                    name.orElseThrow(),
                    new Grant(
                            participant.orElseThrow(),
                            role.orElseThrow(),
                            commodity.orElseThrow(),
                            Set.of(Permission.ADMIN)),
                    visitor.person().id());
            redirect.addFlashAttribute("appointed", name.orElseThrow());
            return "redirect:/web/operator/participants";
        } catch (HubException | PersonRefused refused) {
            var error = FormErrors.refusal(refused).orElseThrow();
            FormErrors.reject(errors, error, Map.of());
            return appointRefused(model, response, error.error().status());
        }
    }

    private String participantsRefused(Model model, HttpServletResponse response, int status) {
        response.setStatus(status);
        model.addAttribute("formFailed", true);
        model.addAttribute("appoint", new GrantForm());
        return participantsPage(model);
    }

    private String appointRefused(Model model, HttpServletResponse response, int status) {
        response.setStatus(status);
        model.addAttribute("formFailed", true);
        model.addAttribute("form", new ParticipantForm());
        return participantsPage(model);
    }

    private String participantsPage(Model model) {
        model.addAttribute("participants", register.all());
        model.addAttribute("roles", Arrays.asList(MarketRole.values()));
        model.addAttribute("commodities", Arrays.asList(Commodity.values()));
        return "web/operator/participants";
    }

    @GetMapping("/web/operator/metering-points")
    String meteringPoints(Visitor visitor, Model model) {
        visitor.requireHubOperator();
        model.addAttribute("form", new MeteringPointForm());
        model.addAttribute("upload", new ImportForm());
        return meteringPointsPage(model);
    }

    @PostMapping("/web/operator/metering-points")
    String registerMeteringPoint(
            Visitor visitor,
            @ModelAttribute("form") MeteringPointForm form,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        visitor.requireHubOperator();
        var eic = FormErrors.check(errors, () -> eic("eic", form.getEic(), EicType.METERING_POINT));
        var operator = FormErrors.check(errors, () -> eic("gridOperatorEic", form.getGridOperatorEic(), EicType.PARTY));
        var commodity = FormErrors.check(errors, () -> Forms.choice("commodity", form.getCommodity(), Commodity.class));
        try {
            if (errors.hasErrors()) {
                return meteringPointsRefused(model, response, 400);
            }
            var point = register.register(
                    new MeteringPoint(eic.orElseThrow(), operator.orElseThrow(), commodity.orElseThrow()));
            redirect.addFlashAttribute("registered", point.eic().value());
            return "redirect:/web/operator/metering-points";
        } catch (HubException | RegisterRefused refused) {
            var error = FormErrors.refusal(refused).orElseThrow();
            FormErrors.reject(errors, error, Map.of());
            return meteringPointsRefused(model, response, error.error().status());
        }
    }

    private String meteringPointsRefused(Model model, HttpServletResponse response, int status) {
        response.setStatus(status);
        model.addAttribute("formFailed", true);
        model.addAttribute("upload", new ImportForm());
        return meteringPointsPage(model);
    }

    /** One refused row of an import, said in the person's language (the message keyed by the row's code). */
    public record RefusedRow(long line, org.springframework.context.MessageSourceResolvable problem) {}

    /**
     * A CSV file of metering points ({@code meterEic,gridOperatorEic,commodity}); all rows or none, every
     * refused row listed with its line and problem.
     */
    @PostMapping("/web/operator/metering-points/import")
    String importMeteringPoints(
            Visitor visitor,
            @ModelAttribute("upload") ImportForm upload,
            BindingResult errors,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        visitor.requireHubOperator();
        try {
            var file = upload.getFile();
            if (file == null || file.isEmpty()) {
                throw new HubException(ErrorCode.REQUIRED_FIELD, "Choose a CSV file", "file");
            }
            var report = meteringPointImport.importCsv(file.getBytes());
            if (report.accepted()) {
                redirect.addFlashAttribute("imported", report.imported());
                return "redirect:/web/operator/metering-points";
            }
            model.addAttribute(
                    "refusedRows",
                    report.errors().stream()
                            .map(row -> {
                                var error = RegisterRefusals.of(row);
                                return new RefusedRow(
                                        row.line(),
                                        new org.springframework.context.support.DefaultMessageSourceResolvable(
                                                new String[] {error.error().code()},
                                                error.args().toArray(),
                                                error.getMessage()));
                            })
                            .toList());
            model.addAttribute("badRows", report.badRows());
            errors.rejectValue(
                    "file",
                    "metering-points.refused",
                    new Object[] {report.badRows()},
                    report.badRows() + " rows of the file are refused; nothing was imported");
            response.setStatus(400);
            model.addAttribute("formFailed", true);
            model.addAttribute("form", new MeteringPointForm());
            return meteringPointsPage(model);
        } catch (HubException error) {
            FormErrors.reject(errors, error, Map.of());
            response.setStatus(error.error().status());
            model.addAttribute("formFailed", true);
            model.addAttribute("form", new MeteringPointForm());
            return meteringPointsPage(model);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String meteringPointsPage(Model model) {
        model.addAttribute(
                "gridOperators",
                register.all().stream()
                        .filter(p -> Arrays.stream(Commodity.values()).anyMatch(p::receivesEnquiriesIn))
                        .toList());
        model.addAttribute("commodities", Arrays.asList(Commodity.values()));
        return "web/operator/metering-points";
    }

    @GetMapping("/web/operator/audit")
    String audit(
            Visitor visitor,
            @ModelAttribute("form") AuditForm form,
            BindingResult errors,
            @RequestParam(name = "after", required = false) String after,
            Model model,
            HttpServletResponse response) {
        visitor.requireHubOperator();
        try {
            var query = new AuditSearch.Query(
                    optional(form.getEnquiry(), text -> uuid("enquiry", text)),
                    optional(
                            form.getParticipant(),
                            text -> eic("participant", text, EicType.PARTY).value()),
                    optional(form.getActor(), Function.identity()),
                    optional(form.getFrom(), text -> tallinnTime("from", text)),
                    optional(form.getTo(), text -> tallinnTime("to", text)));
            var page = audit.search(query, AuditSearch.Position.parse(after), AUDIT_PAGE_SIZE);
            model.addAttribute("page", page);
            page.next().ifPresent(next -> model.addAttribute("nextQuery", next.text()));
        } catch (HubException error) {
            FormErrors.reject(errors, error, Map.of());
            response.setStatus(error.error().status());
            model.addAttribute("formFailed", true);
        }
        return "web/operator/audit";
    }

    private static <T> Optional<T> optional(String text, Function<String, T> parse) {
        var value = Forms.text(text);
        return value.isEmpty() ? Optional.empty() : Optional.of(parse.apply(value));
    }

    private static Eic eic(String field, String text, EicType type) {
        var value = Forms.text(text);
        if (value.isEmpty()) {
            throw new HubException(ErrorCode.REQUIRED_FIELD, field + " is required", field);
        }
        try {
            return Eic.parse(value, type);
        } catch (InvalidEicException e) {
            throw JsonObject.eicError(field, e);
        }
    }

    private static UUID uuid(String field, String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new HubException(ErrorCode.INVALID_UUID, field + " is not a UUID", field, text);
    }

    /** A time as a {@code datetime-local} field gives it, in Estonian time. */
    private static Instant tallinnTime(String field, String text) {
        try {
            return LocalDateTime.parse(text).atZone(WebConfiguration.TALLINN).toInstant();
        } catch (DateTimeParseException e) {
            throw new HubException(ErrorCode.INVALID_DATE_TIME, field + " is not a date and time", field, text);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HubException(ErrorCode.INVALID_VALUE, "The file is not UTF-8 text", "file");
        }
    }
}
