package ee.datahub.enquiryhub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * The web login's redirects, built on the hub's own address ({@link WebAddresses#canonical}) and never on
 * a forged {@code Host}: the redirect URI of an authorization request (with PKCE, for any provider) and
 * the address the provider sends a person back to after logging out there.
 */
public final class WebLoginRedirects {

    private WebLoginRedirects() {}

    /** Authorization requests for the registrations under {@code baseUri} (e.g. {@code /web/oauth2/authorization}). */
    public static OAuth2AuthorizationRequestResolver authorizationRequests(
            ClientRegistrationRepository registrations, String baseUri, WebAddresses addresses) {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, baseUri);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                try {
                    return resolver.resolve(addresses.canonical(request));
                } catch (IllegalArgumentException unknownRegistration) {
                    // no login of that name: nothing to resolve (Spring's resolver throws, a 500)
                    return null;
                }
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                try {
                    return resolver.resolve(addresses.canonical(request), registrationId);
                } catch (IllegalArgumentException unknownRegistration) {
                    return null;
                }
            }
        };
    }

    /**
     * Logout at the provider (RP-initiated, where it offers that), which sends the person back to
     * {@code signedOutPath}; without a provider logout, straight there.
     */
    public static LogoutSuccessHandler logoutSuccess(
            ClientRegistrationRepository registrations, String signedOutPath, WebAddresses addresses) {
        var handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}" + signedOutPath);
        handler.setDefaultTargetUrl(signedOutPath);
        return (request, response, authentication) ->
                handler.onLogoutSuccess(addresses.canonical(request), response, authentication);
    }
}
