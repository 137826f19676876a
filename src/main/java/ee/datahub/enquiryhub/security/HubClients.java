package ee.datahub.enquiryhub.security;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** The embedded provider's clients: the hub's web interface, and every technical user. */
final class HubClients implements RegisteredClientRepository {

    private final HubWebClient webClient;
    private final RegisteredClientRepository technicalUsers;

    HubClients(HubWebClient webClient, RegisteredClientRepository technicalUsers) {
        this.webClient = webClient;
        this.technicalUsers = technicalUsers;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        // Clients are the hub's own (its web interface) or its register's (technical users).
    }

    @Override
    public RegisteredClient findById(String id) {
        return HubWebClient.isWebClient(id) ? webClient.registered() : technicalUsers.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return HubWebClient.isWebClient(clientId) ? webClient.registered() : technicalUsers.findByClientId(clientId);
    }
}
