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
 * audience or algorithm ({@code alg: none} included).
 */
final class CodedJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Set<String> algorithms;

    CodedJwtDecoder(JwtDecoder delegate, Set<String> algorithms) {
        this.delegate = delegate;
        this.algorithms = algorithms;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new CodedAuthenticationException(ErrorCode.JWT_FORMAT, "The bearer token is not a well-formed JWT");
        }
        if (parsed instanceof PlainJWT || !algorithms.contains(parsed.getHeader().getAlgorithm().getName())) {
            throw new CodedAuthenticationException(ErrorCode.JWT_PROCESSING,
                    "The token's signature algorithm " + parsed.getHeader().getAlgorithm() + " is not accepted; use one of "
                            + String.join(", ", algorithms));
        }
        try {
            return delegate.decode(token);
        } catch (JwtValidationException e) {
            boolean expired = e.getErrors().stream()
                    .anyMatch(error -> error.getDescription() != null && error.getDescription().contains("expired"));
            if (expired) {
                throw new CodedAuthenticationException(ErrorCode.AUTHENTICATION, "The token has expired; get a new one");
            }
            throw new CodedAuthenticationException(ErrorCode.JWT_PROCESSING,
                    "The token was not issued for this hub (issuer, audience or validity does not match)");
        } catch (BadJwtException e) {
            throw new CodedAuthenticationException(ErrorCode.JWT_PROCESSING, "The token's signature cannot be verified");
        }
    }
}
