package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.participant.TechnicalUser;
import java.util.Set;

/**
 * The authenticated technical user behind an API request, as established from its token. Its
 * permissions hold for every role and commodity of its participant (as in the public hub).
 */
public record ApiClient(TechnicalUser user) implements Actor {

    public String clientId() {
        return user.clientId();
    }

    @Override
    public String id() {
        return user.clientId();
    }

    @Override
    public boolean represents(Eic participant) {
        return user.participant().filter(participant::equals).isPresent();
    }

    @Override
    public Set<Permission> permissionsFor(Eic participant, MarketRole role, Commodity commodity) {
        return represents(participant) ? user.permissions() : Set.of();
    }
}
