package ee.datahub.enquiryhub.demo;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo people of the default start (README lists them), who log in to the web interface at the
 * embedded provider with the password {@value #PASSWORD}. Loaded after the demo participants, where
 * missing; a grant changed in the web interface is left as it is.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoPeople implements ApplicationRunner {

    static final String PASSWORD = "demo";

    private static final Eic SUPPLIER_A = new Eic("38X-EIN-OS-----J");
    private static final Eic SUPPLIER_B = new Eic("38X-DEMO-SUPB--T");
    private static final Eic GRID_A = new Eic("38X-EIN-ALL----B");

    record DemoPerson(String username, String name, boolean hubOperator, List<Grant> grants) {}

    static final List<DemoPerson> PEOPLE = List.of(
            new DemoPerson(
                    "mari",
                    "Mari Maasikas",
                    false,
                    List.of(grant(
                            SUPPLIER_A,
                            MarketRole.OPEN_SUPPLIER,
                            Commodity.ELECTRICITY,
                            Permission.EDITOR_DIRECT_MESSAGE))),
            new DemoPerson(
                    "jaan",
                    "Jaan Tamm",
                    false,
                    List.of(grant(
                            SUPPLIER_A,
                            MarketRole.OPEN_SUPPLIER,
                            Commodity.ELECTRICITY,
                            Permission.VIEWER_DIRECT_MESSAGE))),
            new DemoPerson(
                    "kati",
                    "Kati Kask",
                    false,
                    List.of(grant(
                            GRID_A,
                            MarketRole.GRID_OPERATOR,
                            Commodity.ELECTRICITY,
                            Permission.EDITOR_DIRECT_MESSAGE))),
            new DemoPerson(
                    "peeter",
                    "Peeter Pärn",
                    false,
                    List.of(
                            grant(
                                    GRID_A,
                                    MarketRole.GRID_OPERATOR,
                                    Commodity.ELECTRICITY,
                                    Permission.EDITOR_DIRECT_MESSAGE),
                            grant(
                                    SUPPLIER_B,
                                    MarketRole.OPEN_SUPPLIER,
                                    Commodity.ELECTRICITY,
                                    Permission.EDITOR_DIRECT_MESSAGE),
                            grant(
                                    SUPPLIER_B,
                                    MarketRole.OPEN_SUPPLIER,
                                    Commodity.NATURAL_GAS,
                                    Permission.VIEWER_DIRECT_MESSAGE))),
            new DemoPerson(
                    "anne",
                    "Anne Ader",
                    false,
                    List.of(grant(SUPPLIER_A, MarketRole.OPEN_SUPPLIER, Commodity.ELECTRICITY, Permission.ADMIN))),
            new DemoPerson("helen", "Helen Haldur", true, List.of()));

    private final People people;

    DemoPeople(People people) {
        this.people = people;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var person : PEOPLE) {
            if (people.find(person.username()).isPresent()) {
                continue;
            }
            people.register(person.username(), person.name(), person.hubOperator());
            person.grants().forEach(grant -> people.grant(person.username(), person.name(), grant, "demo"));
            people.setEmbeddedPassword(person.username(), PASSWORD);
        }
    }

    private static Grant grant(Eic participant, MarketRole role, Commodity commodity, Permission permission) {
        return new Grant(participant, role, commodity, Set.of(permission));
    }
}
