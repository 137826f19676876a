package ee.datahub.enquiryhub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The bearer token of a request's {@code Authorization} header, as Spring's {@link DefaultBearerTokenResolver}
 * (its defaults: the header only, never a parameter) finds it, without its regular expression: matching
 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} over a token of some 750 characters was 5 % of a
 * create's CPU (docs/benchmark.md). A well-formed header is read here; anything else goes to Spring's
 * resolver, which answers it as before (nothing, or "Bearer token is malformed").
 */
final class BearerTokens implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    private final BearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && isToken68(header, SCHEME.length())) {
            return header.substring(SCHEME.length());
        }
        return standard.resolve(request);
    }

    /** Whether {@code text} from {@code start} on is RFC 6750's token: one or more token characters, then any '='. */
    static boolean isToken68(String text, int start) {
        int i = start;
        while (i < text.length() && isTokenCharacter(text.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < text.length() && text.charAt(i) == '=') {
            i++;
        }
        return i == text.length();
    }

    private static boolean isTokenCharacter(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
