package ee.datahub.enquiryhub.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The shape of a URL the hub delivers to, before any name is resolved: absolute, {@code https}
 * ({@code http} only where development allows it, and then only to loopback addresses), with a host,
 * without user name, password or fragment, at most 2000 characters. Every other scheme ({@code file:},
 * {@code ftp:}, {@code gopher:}, {@code jar:}, …) is refused.
 */
final class WebhookUrl {

    static final int MAX_LENGTH = 2000;

    private WebhookUrl() {}

    /** The URL, or why it is refused (for a person). */
    static URI parse(String text, boolean allowHttp) {
        var problem = problem(text, allowHttp);
        if (problem.isPresent()) {
            throw new SubscriptionRefused(new SubscriptionRefusal.UrlRefused(text, problem.get()));
        }
        return URI.create(text);
    }

    static Optional<String> problem(String text, boolean allowHttp) {
        if (text.length() > MAX_LENGTH) {
            return Optional.of("it is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("it is not a URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute()) {
            return Optional.of("it is not an absolute URL (like https://erp.example.com/hub-webhooks)");
        }
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!allowHttp) {
                return Optional.of("only https URLs are accepted, not http");
            }
        } else if (!scheme.equals("https")) {
            return Optional.of("only https URLs are accepted, not " + scheme + ":");
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("it has no host name (or one that is not a valid host name)");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("it must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("it must not have a fragment (#…)");
        }
        return Optional.empty();
    }

    /** True for http URLs (allowed only to loopback addresses, in development). */
    static boolean isPlainHttp(URI uri) {
        return uri.getScheme().equalsIgnoreCase("http");
    }

    /** The host as the resolver takes it (IPv6 literals without their brackets). */
    static String host(URI uri) {
        var host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
