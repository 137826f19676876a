package ee.datahub.enquiryhub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded provider's authorization endpoint serves the hub's web client only, and redirects only to
 * one of its registered addresses, compared as whole strings (no loopback port of the caller's choosing).
 * Anything else is a 400 with the OAuth error in JSON, sent nowhere: a missing, repeated or other client
 * id ({@code invalid_request}, {@code unauthorized_client}) or redirect URI ({@code invalid_request}).
 */
final class AuthorizationEndpointGuard extends OncePerRequestFilter implements AuthenticationFailureHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HubWebClient webClient;

    AuthorizationEndpointGuard(HubWebClient webClient) {
        this.webClient = webClient;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(SecurityConfiguration.EmbeddedIssuer.AUTHORIZATION_ENDPOINT.equals(request.getRequestURI()
                        .substring(request.getContextPath().length()))
                && ("GET".equals(request.getMethod()) || "POST".equals(request.getMethod())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var clientIds = request.getParameterValues("client_id");
        if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
            refuse(response, OAuth2ErrorCodes.INVALID_REQUEST, "client_id is required, once");
            return;
        }
        if (!HubWebClient.isWebClient(clientIds[0])) {
            // the same answer for a technical user's client id and for one that does not exist
            refuse(
                    response,
                    OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
                    "Only the hub's web interface logs in here; technical users get their tokens with the"
                            + " client_credentials grant at /oauth2/token");
            return;
        }
        var redirects = request.getParameterValues("redirect_uri");
        if (redirects == null
                || redirects.length != 1
                || !webClient.redirectUris().contains(redirects[0])) {
            refuse(response, OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri must be the hub's own registered address");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The provider's own refusals of an authorization request: back to the web client with the error when
     * the request named one of its registered addresses, else a 400 with the error in JSON.
     */
    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        var error = failure instanceof OAuth2AuthenticationException oauth
                ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
        if (failure instanceof OAuth2AuthorizationCodeRequestAuthenticationException refused
                && refused.getAuthorizationCodeRequestAuthentication() != null
                && refused.getAuthorizationCodeRequestAuthentication().getRedirectUri() != null
                && webClient
                        .redirectUris()
                        .contains(refused.getAuthorizationCodeRequestAuthentication()
                                .getRedirectUri())) {
            var authorization = refused.getAuthorizationCodeRequestAuthentication();
            var target = UriComponentsBuilder.fromUriString(authorization.getRedirectUri())
                    .queryParam("error", error.getErrorCode());
            if (error.getDescription() != null) {
                target.queryParam("error_description", UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
            }
            if (authorization.getState() != null) {
                target.queryParam("state", UriUtils.encode(authorization.getState(), StandardCharsets.UTF_8));
            }
            response.sendRedirect(target.build(true).toUriString());
            return;
        }
        refuse(response, error.getErrorCode(), error.getDescription());
    }

    /** Redirect URIs compared as whole strings, where the provider's default lets a loopback address use any port. */
    static void exactRedirectUri(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken authorization = context.getAuthentication();
        var requested = authorization.getRedirectUri();
        if (requested == null
                || !context.getRegisteredClient().getRedirectUris().contains(requested)) {
            var sentNowhere = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                    authorization.getAuthorizationUri(),
                    authorization.getClientId(),
                    (Authentication) authorization.getPrincipal(),
                    null,
                    authorization.getState(),
                    authorization.getScopes(),
                    authorization.getAdditionalParameters());
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: redirect_uri", null),
                    sentNowhere);
        }
    }

    static void refuse(HttpServletResponse response, String error, String description) throws IOException {
        var body = new LinkedHashMap<String, String>();
        body.put("error", error);
        if (description != null && !description.isBlank()) {
            body.put("error_description", description);
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
