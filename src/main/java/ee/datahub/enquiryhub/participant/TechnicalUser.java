package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.eic.Eic;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An API client of one participant (or, with no participant, of the hub operator). Its secret is
 * kept only as a hash.
 */
public record TechnicalUser(
        String clientId, Optional<Eic> participant, Set<Permission> permissions, Instant createdAt) {

    public TechnicalUser {
        permissions = Set.copyOf(permissions);
    }

    public boolean isHubOperator() {
        return participant.isEmpty() && permissions.contains(Permission.HUB_OPERATOR);
    }
}
