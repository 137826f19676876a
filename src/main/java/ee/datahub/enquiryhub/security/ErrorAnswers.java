package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 answers of the security filters, in the hub's error shapes (401s without a log line each). */
final class ErrorAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        var error = toError(failure);
        if (error.error().status() == 401) {
            // counted per source and minute by the audit filter; a flood of bad tokens writes no log line each
            ErrorResponses.writeUnlogged(request, response, error);
        } else {
            ErrorResponses.write(request, response, error);
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        ErrorResponses.write(
                request,
                response,
                new HubException(
                        ErrorCode.INSUFFICIENT_PERMISSION,
                        "This technical user's permissions do not allow this request",
                        "permission"));
    }

    private static HubException toError(AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            return new HubException(
                    ErrorCode.SERVICE_UNAVAILABLE, "The hub cannot check the token right now; try again shortly");
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CodedAuthenticationException coded) {
                return new HubException(coded.code(), coded.getMessage(), "Authorization");
            }
        }
        if (failure instanceof OAuth2AuthenticationException) {
            // A malformed Authorization header (the bearer token resolver's invalid_request) or a token
            // the decoder could not classify.
            return new HubException(
                    ErrorCode.JWT_FORMAT,
                    "The Authorization header does not hold a well-formed bearer token",
                    "Authorization");
        }
        return new HubException(
                ErrorCode.AUTHENTICATION,
                "A bearer token is required: get one from the token endpoint with the client-credentials grant",
                "Authorization");
    }
}
