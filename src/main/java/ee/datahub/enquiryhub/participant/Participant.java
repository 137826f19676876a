package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.eic.Eic;
import java.util.Set;

/** A market participant registered in the hub. */
public record Participant(Eic eic, String name, Set<MarketRole> roles, Set<Commodity> commodities) {

    public Participant {
        roles = Set.copyOf(roles);
        commodities = Set.copyOf(commodities);
    }

    public boolean holds(MarketRole role) {
        return roles.contains(role);
    }

    public boolean trades(Commodity commodity) {
        return commodities.contains(commodity);
    }

    /** True when it may receive enquiries in this commodity. */
    public boolean receivesEnquiriesIn(Commodity commodity) {
        return trades(commodity) && roles.stream().anyMatch(MarketRole::isReceiverRole);
    }
}
