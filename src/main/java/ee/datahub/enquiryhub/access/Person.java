package ee.datahub.enquiryhub.access;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A person logged in to the web interface, identified by the subject its OpenID Connect provider
 * gives it. It may represent several participants; its permissions are granted per participant,
 * role and commodity.
 *
 * @param hubOperator true for the hub operator's staff, who act for no participant
 */
public record Person(String subject, String name, List<Grant> grants, boolean hubOperator) implements Actor {

    public Person {
        grants = List.copyOf(grants);
    }

    @Override
    public String id() {
        return "person:" + subject;
    }

    @Override
    public boolean represents(Eic participant) {
        return grants.stream().anyMatch(grant -> grant.participant().equals(participant));
    }

    @Override
    public Set<Permission> permissionsFor(Eic participant, MarketRole role, Commodity commodity) {
        var permissions = EnumSet.noneOf(Permission.class);
        grants.stream()
                .filter(grant -> grant.appliesTo(participant, role, commodity))
                .forEach(grant -> permissions.addAll(grant.permissions()));
        return permissions;
    }
}
