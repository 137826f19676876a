package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.error.ErrorCode;
import org.springframework.security.oauth2.jwt.BadJwtException;

/** A token refused for a reason the 401 answer names by its code. */
final class CodedAuthenticationException extends BadJwtException {

    private final ErrorCode code;

    CodedAuthenticationException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
