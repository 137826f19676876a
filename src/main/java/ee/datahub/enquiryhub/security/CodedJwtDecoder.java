package ee.datahub.enquiryhub.security;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import ee.datahub.enquiryhub.error.ErrorCode;
import java.text.ParseException;
import java.util.Set;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes bearer tokens and says why one is refused: {@code jwt-format} for a token that is not a
 * JWT, {@code authentication} for an expired one, {@code jwt-processing} for a bad signature, issuer,
 * audience, algorithm ({@code alg: none} included) or a missing expiry. The claims' codes come from
 * {@link TokenClaimsValidator}, never from a framework's message text.
 */
final class CodedJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Set<String> algorithms;

    CodedJwtDecoder(JwtDecoder delegate, Set<String> algorithms) {
        this.delegate = delegate;
        this.algorithms = algorithms;
    }

    private record Failure(ErrorCode code, String message) {}

    @Override
    public Jwt decode(String token) throws JwtException {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new CodedAuthenticationException(ErrorCode.JWT_FORMAT, "The bearer token is not a well-formed JWT");
        }
        if (parsed instanceof PlainJWT
                || !algorithms.contains(parsed.getHeader().getAlgorithm().getName())) {
            throw new CodedAuthenticationException(
                    ErrorCode.JWT_PROCESSING,
                    "The token's signature algorithm " + parsed.getHeader().getAlgorithm()
                            + " is not accepted; use one of " + String.join(", ", algorithms));
        }
        try {
            return delegate.decode(token);
        } catch (JwtValidationException e) {
            // The first failure our own validator named wins; jwt-processing (not the hub's token) before
            // authentication (expired), so that an expired token of another issuer is not called merely expired.
            var failures = e.getErrors().stream()
                    .flatMap(error ->
                            TokenClaimsValidator.codeOf(error)
                                    .map(code -> new Failure(code, error.getDescription()))
                                    .stream())
                    .sorted(java.util.Comparator.comparing(failure -> failure.code() == ErrorCode.AUTHENTICATION))
                    .toList();
            if (failures.isEmpty()) {
                throw new CodedAuthenticationException(
                        ErrorCode.JWT_PROCESSING,
                        "The token was not issued for this hub (issuer, audience or validity does not match)");
            }
            throw new CodedAuthenticationException(
                    failures.getFirst().code(), failures.getFirst().message());
        } catch (BadJwtException e) {
            throw new CodedAuthenticationException(
                    ErrorCode.JWT_PROCESSING, "The token's signature cannot be verified");
        }
    }
}
