package ee.datahub.enquiryhub.security;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers of every page a person sees (the web interface and the embedded provider's
 * login): a Content-Security-Policy that allows only the hub's own scripts, styles and images (no
 * inline script or style, no framing), no MIME sniffing, no referrer to other sites, and no caching
 * (Spring Security's default for authenticated pages, here for every page).
 */
public final class WebPageHeaders {

    private WebPageHeaders() {}

    public static void apply(HttpSecurity http) throws Exception {
        apply(http, List.of());
    }

    /** @param formTargets origins besides the hub's own that forms may lead to (an external provider's logout) */
    public static void apply(HttpSecurity http, List<String> formTargets) throws Exception {
        var formAction = String.join(
                " ",
                java.util.stream.Stream.concat(java.util.stream.Stream.of("'self'"), formTargets.stream())
                        .toList());
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(String.join(
                        "; ",
                        "default-src 'self'",
                        "script-src 'self'",
                        "style-src 'self'",
                        "img-src 'self' data:",
                        "font-src 'self'",
                        "connect-src 'self'",
                        "object-src 'none'",
                        "base-uri 'none'",
                        "form-action " + formAction,
                        "frame-ancestors 'none'")))
                .frameOptions(frame -> frame.deny())
                .contentTypeOptions(options -> {})
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()"))
                .cacheControl(cache -> {}));
    }
}
