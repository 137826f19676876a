package ee.datahub.enquiryhub.demo;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.MeteringPoint;
import ee.datahub.enquiryhub.participant.Participant;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo participants, metering points and technical users of the default start (README lists
 * them). Loaded at every start where missing; {@code hub.demo.enabled=false} in production.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final List<Participant> PARTICIPANTS = List.of(
            new Participant(
                    new Eic("38X-EIN-OS-----J"),
                    "Demo Open Supplier A",
                    Set.of(MarketRole.OPEN_SUPPLIER),
                    Set.of(Commodity.ELECTRICITY)),
            new Participant(
                    new Eic("38X-DEMO-SUPB--T"),
                    "Demo Open Supplier B",
                    Set.of(MarketRole.OPEN_SUPPLIER),
                    Set.of(Commodity.ELECTRICITY, Commodity.NATURAL_GAS)),
            new Participant(
                    new Eic("38X-EIN-ALL----B"),
                    "Demo Grid Operator A (also a supplier)",
                    Set.of(MarketRole.GRID_OPERATOR, MarketRole.OPEN_SUPPLIER),
                    Set.of(Commodity.ELECTRICITY)),
            new Participant(
                    new Eic("38X-DEMO-GOB---8"),
                    "Demo Grid Operator B",
                    Set.of(MarketRole.GRID_OPERATOR),
                    Set.of(Commodity.ELECTRICITY, Commodity.NATURAL_GAS)),
            new Participant(
                    new Eic("38X-DEMO-CDN---5"),
                    "Demo Closed Distribution Network",
                    Set.of(MarketRole.CLOSED_DISTRIBUTION_NETWORK),
                    Set.of(Commodity.ELECTRICITY)));

    static final List<MeteringPoint> METERING_POINTS = List.of(
            new MeteringPoint(new Eic("38ZGO-1000001U-D"), new Eic("38X-EIN-ALL----B"), Commodity.ELECTRICITY),
            new MeteringPoint(new Eic("38ZGO-1000002U-9"), new Eic("38X-EIN-ALL----B"), Commodity.ELECTRICITY),
            new MeteringPoint(new Eic("38ZGO-1000003U-5"), new Eic("38X-EIN-ALL----B"), Commodity.ELECTRICITY),
            new MeteringPoint(new Eic("38ZGB-2000001E-M"), new Eic("38X-DEMO-GOB---8"), Commodity.ELECTRICITY),
            new MeteringPoint(new Eic("38ZGB-2000002G-C"), new Eic("38X-DEMO-GOB---8"), Commodity.NATURAL_GAS),
            new MeteringPoint(new Eic("38ZCD-3000001E-3"), new Eic("38X-DEMO-CDN---5"), Commodity.ELECTRICITY));

    record DemoClient(String clientId, String secret, Optional<Eic> participant, Set<Permission> permissions) {}

    static final List<DemoClient> CLIENTS = List.of(
            new DemoClient("hub-operator", "hub-operator-secret", Optional.empty(), Set.of(Permission.HUB_OPERATOR)),
            new DemoClient(
                    "supplier-a-erp",
                    "supplier-a-secret",
                    Optional.of(new Eic("38X-EIN-OS-----J")),
                    Set.of(Permission.ADMIN)),
            new DemoClient(
                    "supplier-b-erp",
                    "supplier-b-secret",
                    Optional.of(new Eic("38X-DEMO-SUPB--T")),
                    Set.of(Permission.ADMIN)),
            new DemoClient(
                    "grid-a-erp", "grid-a-secret", Optional.of(new Eic("38X-EIN-ALL----B")), Set.of(Permission.ADMIN)),
            new DemoClient(
                    "grid-b-erp", "grid-b-secret", Optional.of(new Eic("38X-DEMO-GOB---8")), Set.of(Permission.ADMIN)),
            new DemoClient(
                    "cdn-erp", "cdn-secret", Optional.of(new Eic("38X-DEMO-CDN---5")), Set.of(Permission.ADMIN)));

    private final ParticipantRegister register;
    private final TechnicalUsers technicalUsers;

    DemoData(ParticipantRegister register, TechnicalUsers technicalUsers) {
        this.register = register;
        this.technicalUsers = technicalUsers;
    }

    @Override
    public void run(ApplicationArguments args) {
        PARTICIPANTS.stream().filter(p -> register.find(p.eic()).isEmpty()).forEach(register::register);
        METERING_POINTS.stream()
                .filter(m -> register.meteringPoint(m.eic()).isEmpty())
                .forEach(register::register);
        for (var client : CLIENTS) {
            if (technicalUsers.active(client.clientId()).isEmpty()
                    && technicalUsers.secretHash(client.clientId()).isEmpty()) {
                try {
                    technicalUsers.register(
                            client.clientId(), client.secret(), client.participant(), client.permissions());
                } catch (RuntimeException e) {
                    log.debug("Demo client {} not created: {}", client.clientId(), e.toString());
                }
            }
        }
        log.info(
                "Demo data ready: {} participants, {} metering points, {} technical users (see README)",
                PARTICIPANTS.size(),
                METERING_POINTS.size(),
                CLIENTS.size());
    }
}
