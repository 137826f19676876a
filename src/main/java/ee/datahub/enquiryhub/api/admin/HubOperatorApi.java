package ee.datahub.enquiryhub.api.admin;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.api.shared.RegisterRefusals;
import ee.datahub.enquiryhub.api.shared.StatisticsJson;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.enquiry.AnswerTimes;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.MeteringPoint;
import ee.datahub.enquiryhub.participant.MeteringPointImport;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub operator's API (its own credentials, permission HUB_OPERATOR): registers market
 * participants and metering points (one by one or by CSV) and appoints a participant's first ADMIN.
 */
@RestController
class HubOperatorApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ParticipantRegister register;
    private final MeteringPointImport meteringPointImport;
    private final TechnicalUsers technicalUsers;
    private final AnswerTimes answerTimes;
    private final Clock clock;

    HubOperatorApi(
            ParticipantRegister register,
            MeteringPointImport meteringPointImport,
            TechnicalUsers technicalUsers,
            AnswerTimes answerTimes,
            Clock clock) {
        this.register = register;
        this.meteringPointImport = meteringPointImport;
        this.technicalUsers = technicalUsers;
        this.answerTimes = answerTimes;
        this.clock = clock;
    }

    /** How every receiver answered in a period ({@code from}, {@code to}: the last 30 days by default). */
    @GetMapping(path = "/api/operator/answer-statistics", produces = "application/json")
    String answerStatistics(jakarta.servlet.http.HttpServletRequest request) {
        var period = StatisticsJson.period(request.getParameterMap(), clock);
        return StatisticsJson.write(period, answerTimes.ofEveryReceiver(period.from(), period.to()));
    }

    record ParticipantView(String eic, String name, List<MarketRole> roles, List<Commodity> commodities) {
        static ParticipantView of(Participant p) {
            return new ParticipantView(
                    p.eic().value(),
                    p.name(),
                    p.roles().stream().sorted().toList(),
                    p.commodities().stream().sorted().toList());
        }
    }

    record MeteringPointView(String eic, String gridOperatorEic, Commodity commodity) {
        static MeteringPointView of(MeteringPoint m) {
            return new MeteringPointView(m.eic().value(), m.gridOperator().value(), m.commodity());
        }
    }

    @PostMapping("/api/operator/participants")
    @ResponseStatus(HttpStatus.CREATED)
    ParticipantView registerParticipant(@RequestBody JsonNode json) {
        var body = JsonObject.body(json, "eic", "name", "roles", "commodities");
        var eic = body.requiredEic("eic", Optional.of(EicType.PARTY));
        var name = body.text("name", 200)
                .filter(n -> !n.isBlank())
                .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "name is required", "name"));
        var participant = new Participant(
                eic,
                name,
                body.requiredEnumSet("roles", MarketRole.class),
                body.requiredEnumSet("commodities", Commodity.class));
        return ParticipantView.of(register.register(participant));
    }

    @GetMapping("/api/operator/participants")
    List<ParticipantView> participants() {
        return register.all().stream().map(ParticipantView::of).toList();
    }

    /** Registers a metering point, or moves a registered one to another grid operator or commodity. */
    @PostMapping("/api/operator/metering-points")
    @ResponseStatus(HttpStatus.CREATED)
    MeteringPointView registerMeteringPoint(@RequestBody JsonNode json) {
        var body = JsonObject.body(json, "eic", "gridOperatorEic", "commodity");
        var point = new MeteringPoint(
                body.requiredEic("eic", Optional.of(EicType.METERING_POINT)),
                body.requiredEic("gridOperatorEic", Optional.of(EicType.PARTY)),
                body.requiredEnum("commodity", Commodity.class));
        register.register(point);
        return MeteringPointView.of(point);
    }

    /** The largest CSV file the import reads (100 000 rows fit in well under half of it). */
    static final int MAX_CSV_BYTES = 32 * 1024 * 1024;

    /**
     * CSV with the header {@code meterEic,gridOperatorEic,commodity} ({@link MeteringPointImport}); all rows
     * or none. 200 {@code {"rows", "imported"}}; with any bad row 400 in the error shape, naming the first
     * bad row, plus {@code errors}: every bad row's line, code, message and args.
     */
    @PostMapping(path = "/api/operator/metering-points/import", consumes = "text/csv")
    ResponseEntity<String> importMeteringPoints(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_CSV_BYTES) {
            throw tooLarge();
        }
        var bytes = request.getInputStream().readNBytes(MAX_CSV_BYTES + 1);
        if (bytes.length > MAX_CSV_BYTES) {
            throw tooLarge();
        }
        var report = meteringPointImport.importCsv(bytes);
        if (report.accepted()) {
            var body = JSON.createObjectNode().put("rows", report.rows()).put("imported", report.imported());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.toString());
        }
        var first = RegisterRefusals.of(report.errors().getFirst());
        var summary = report.badRows() == 1
                ? first.getMessage() + "; nothing was imported"
                : report.badRows() + " of " + report.rows() + " rows are wrong (the first: " + first.getMessage()
                        + "); nothing was imported";
        var error = new HubException(first.error(), summary, first.args().toArray(String[]::new));
        var body = (ObjectNode) JSON.readTree(ErrorResponses.bodyFor(request, error));
        body.put("rows", report.rows()).put("imported", 0).put("badRows", report.badRows());
        var errors = body.putArray("errors");
        report.errors().forEach(bad -> {
            var row = RegisterRefusals.of(bad);
            var item = errors.addObject()
                    .put("line", bad.line())
                    .put("code", row.error().code())
                    .put("message", row.getMessage());
            var args = item.putArray("args");
            row.args().forEach(args::add);
        });
        return ResponseEntity.status(400)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body.toString());
    }

    private static HubException tooLarge() {
        return new HubException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "A CSV import is at most 32 MiB; split the file",
                "body",
                String.valueOf(MAX_CSV_BYTES));
    }

    record AppointedAdmin(String clientId, String clientSecret, List<Permission> permissions) {}

    /** Appoints a participant's first ADMIN technical user; the secret is shown only in this answer. */
    @PostMapping("/api/operator/participants/{eic}/technical-users")
    @ResponseStatus(HttpStatus.CREATED)
    AppointedAdmin appointAdmin(@PathVariable String eic, @RequestBody JsonNode json) {
        var body = JsonObject.body(json, "clientId");
        var participant = partyInPath(eic);
        var clientId = body.string("clientId")
                .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "clientId is required", "clientId"));
        var created = technicalUsers.create(clientId, Optional.of(participant), java.util.Set.of(Permission.ADMIN));
        return new AppointedAdmin(clientId, created.clientSecret(), List.of(Permission.ADMIN));
    }

    // A party EIC from the path; a bad one is the caller's 400, not an unexpected 500.
    private static Eic partyInPath(String eic) {
        try {
            return Eic.parse(eic, EicType.PARTY);
        } catch (InvalidEicException e) {
            throw JsonObject.eicError("eic", e);
        }
    }
}
