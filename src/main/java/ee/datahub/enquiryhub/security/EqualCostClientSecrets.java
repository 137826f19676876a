package ee.datahub.enquiryhub.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Client-secret authentication at the token endpoint that costs the same whether the client id exists
 * or not: for an unknown (or revoked) id it checks the secret against a decoy hash — of a random secret
 * nobody knows, made with the same encoder and cost — before refusing, so the answer's timing does not
 * tell which client ids exist (it did: 84 ms against 3 ms). Known ids go to Spring's provider.
 */
final class EqualCostClientSecrets implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final String decoyHash;

    EqualCostClientSecrets(
            AuthenticationProvider delegate, RegisteredClientRepository clients, PasswordEncoder passwords) {
        this.delegate = delegate;
        this.clients = clients;
        this.passwords = passwords;
        var secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.decoyHash = passwords.encode(Base64.getEncoder().encodeToString(secret));
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (authentication instanceof OAuth2ClientAuthenticationToken client
                && bySecret(client)
                && clients.findByClientId(String.valueOf(client.getPrincipal())) == null) {
            passwords.matches(String.valueOf(client.getCredentials()), decoyHash);
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed", null));
        }
        return delegate.authenticate(authentication);
    }

    private static boolean bySecret(OAuth2ClientAuthenticationToken client) {
        return client.getCredentials() != null
                && (ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(client.getClientAuthenticationMethod())
                        || ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(
                                client.getClientAuthenticationMethod()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
