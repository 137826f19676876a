package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import java.util.Set;

/** Permissions a person holds for one participant, in one market role and one commodity. */
public record Grant(Eic participant, MarketRole role, Commodity commodity, Set<Permission> permissions) {

    public Grant {
        permissions = Set.copyOf(permissions);
    }

    public boolean appliesTo(Eic participant, MarketRole role, Commodity commodity) {
        return this.participant.equals(participant) && this.role == role && this.commodity == commodity;
    }
}
