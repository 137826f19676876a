package ee.datahub.enquiryhub.participant;

import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Registers the hub operator's first client at start, when {@code hub.bootstrap.hub-operator-client-id}
 * names one that is not registered yet, so that a production hub (no demo data) can be administered
 * from its first start. With an external issuer the client authenticates there; the hub only needs
 * its client id. With the embedded issuer, {@code hub.bootstrap.hub-operator-client-secret} is its secret.
 */
@Component
class HubOperatorBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HubOperatorBootstrap.class);

    private final TechnicalUsers technicalUsers;
    private final String clientId;
    private final String secret;

    HubOperatorBootstrap(
            TechnicalUsers technicalUsers,
            @Value("${hub.bootstrap.hub-operator-client-id:}") String clientId,
            @Value("${hub.bootstrap.hub-operator-client-secret:}") String secret) {
        this.technicalUsers = technicalUsers;
        this.clientId = clientId;
        this.secret = secret;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (clientId.isBlank() || technicalUsers.secretHash(clientId).isPresent()) {
            return;
        }
        try {
            if (secret.isBlank()) {
                technicalUsers.create(clientId, Optional.empty(), Set.of(Permission.HUB_OPERATOR));
            } else {
                technicalUsers.register(clientId, secret, Optional.empty(), Set.of(Permission.HUB_OPERATOR));
            }
            log.info("Registered the hub operator's client {}", clientId);
        } catch (RegisterRefused e) {
            if (!(e.refusal() instanceof RegisterRefusal.ClientIdTaken)) {
                throw e;
            }
            // Another instance starting at the same time registered it, or it was revoked: leave it.
        }
    }
}
