package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.access.ApiClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: the technical user its token maps to, with its permissions as authorities. */
final class ApiClientAuthentication extends AbstractAuthenticationToken {

    private final ApiClient client;

    ApiClientAuthentication(ApiClient client) {
        super(client.user().permissions().stream()
                .map(p -> new SimpleGrantedAuthority(p.name()))
                .toList());
        this.client = client;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiClient getPrincipal() {
        return client;
    }

    @Override
    public String getName() {
        return client.clientId();
    }
}
