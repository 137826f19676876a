package ee.datahub.enquiryhub.api.admin;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.api.shared.StatisticsJson;
import ee.datahub.enquiryhub.enquiry.AnswerTimes;
import java.time.Clock;
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
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The hub operator's API (its own credentials, permission HUB_OPERATOR): registers market
 * participants and metering points (one by one or by CSV) and appoints a participant's first ADMIN.
 */
@RestController
class HubOperatorApi {

    private final ParticipantRegister register;
    private final MeteringPointImport meteringPointImport;
    private final TechnicalUsers technicalUsers;
    private final AnswerTimes answerTimes;
    private final Clock clock;

    HubOperatorApi(ParticipantRegister register, MeteringPointImport meteringPointImport, TechnicalUsers technicalUsers,
            AnswerTimes answerTimes, Clock clock) {
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
            return new ParticipantView(p.eic().value(), p.name(), p.roles().stream().sorted().toList(),
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
        var name = body.text("name", 200).filter(n -> !n.isBlank())
                .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "name is required", "name"));
        var participant = new Participant(eic, name, body.requiredEnumSet("roles", MarketRole.class),
                body.requiredEnumSet("commodities", Commodity.class));
        return ParticipantView.of(register.register(participant));
    }

    @GetMapping("/api/operator/participants")
    List<ParticipantView> participants() {
        return register.all().stream().map(ParticipantView::of).toList();
    }

    @PostMapping("/api/operator/metering-points")
    @ResponseStatus(HttpStatus.CREATED)
    MeteringPointView registerMeteringPoint(@RequestBody JsonNode json) {
        var body = JsonObject.body(json, "eic", "gridOperatorEic", "commodity");
        var point = new MeteringPoint(body.requiredEic("eic", Optional.of(EicType.METERING_POINT)),
                body.requiredEic("gridOperatorEic", Optional.of(EicType.PARTY)),
                body.requiredEnum("commodity", Commodity.class));
        return MeteringPointView.of(register.register(point));
    }

    /** CSV with the header {@code meterEic,gridOperatorEic,commodity}; all rows or none. */
    @PostMapping(path = "/api/operator/metering-points/import", consumes = "text/csv")
    Map<String, Integer> importMeteringPoints(@RequestBody String csv) {
        return Map.of("imported", meteringPointImport.importCsv(csv));
    }

    record AppointedAdmin(String clientId, String clientSecret, List<Permission> permissions) {}

    /** Appoints a participant's first ADMIN technical user; the secret is shown only in this answer. */
    @PostMapping("/api/operator/participants/{eic}/technical-users")
    @ResponseStatus(HttpStatus.CREATED)
    AppointedAdmin appointAdmin(@PathVariable String eic, @RequestBody JsonNode json) {
        var body = JsonObject.body(json, "clientId");
        var participant = partyInPath(eic);
        var clientId = body.string("clientId").orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD,
                "clientId is required", "clientId"));
        var created = technicalUsers.create(clientId, Optional.of(participant), java.util.Set.of(Permission.ADMIN));
        return new AppointedAdmin(clientId, created.clientSecret(), List.of(Permission.ADMIN));
    }

    /** A party EIC from the path; a bad one is the caller's 400, not an unexpected 500. */
    private static Eic partyInPath(String eic) {
        try {
            return Eic.parse(eic, EicType.PARTY);
        } catch (InvalidEicException e) {
            throw JsonObject.eicError("eic", e);
        }
    }
}
