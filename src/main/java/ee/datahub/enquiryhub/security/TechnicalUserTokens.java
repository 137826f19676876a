package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.participant.TechnicalUser;
import ee.datahub.enquiryhub.participant.TechnicalUsers;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.convert.converter.Converter;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Maps a verified token to its technical user by client id ({@code azp}, else {@code client_id}),
 * through the hub's register, so a revoked technical user's tokens stop working at once.
 */
final class TechnicalUserTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    private final TechnicalUsers technicalUsers;

    TechnicalUserTokens(TechnicalUsers technicalUsers) {
        this.technicalUsers = technicalUsers;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        var clientId = Stream.of("azp", "client_id")
                .map(jwt::getClaimAsString)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
        Optional<TechnicalUser> found;
        try {
            found = clientId.flatMap(technicalUsers::active);
        } catch (DataAccessException unreachable) {
            throw new AuthenticationServiceException("the register of technical users cannot be read", unreachable);
        }
        var user = found.orElseThrow(() -> {
            var cause = new CodedAuthenticationException(
                    ErrorCode.AUTHENTICATION,
                    "The token's client is not a registered technical user of the hub, or has been revoked");
            return new InvalidBearerTokenException(cause.getMessage(), cause);
        });
        return new ApiClientAuthentication(new ApiClient(user));
    }
}
