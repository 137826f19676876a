package ee.datahub.enquiryhub.security;

import ee.datahub.enquiryhub.platform.PublicSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The addresses by which the hub is its own: {@code hub.public-base-url}, {@code hub.web.public-url},
 * and this instance on {@code localhost} and {@code 127.0.0.1} with its port. Login and logout redirects
 * are built on the address a request came by when it is one of these, else on the public base URL, never
 * on a {@code Host} header a client forged ({@link #canonical}).
 */
@Component
public class WebAddresses {

    private final Environment environment;
    private final String publicBaseUrl;
    private final String webPublicUrl;

    WebAddresses(
            Environment environment, PublicSettings settings, @Value("${hub.web.public-url:}") String webPublicUrl) {
        this.environment = environment;
        this.publicBaseUrl = trimmed(settings.publicBaseUrl());
        this.webPublicUrl = trimmed(webPublicUrl);
    }

    /** The hub's public base URL, without a trailing slash. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /** This instance as it reaches itself (its token endpoint and key set, for the web login's back channel). */
    String localUrl() {
        return "http://localhost:" + port();
    }

    /** Every base URL of the hub's own (scheme, host and port; no path), in a stable order. */
    public Set<String> own() {
        var own = new LinkedHashSet<String>();
        own.add(publicBaseUrl);
        if (!webPublicUrl.isEmpty()) {
            own.add(webPublicUrl);
        }
        own.add(localUrl());
        own.add("http://127.0.0.1:" + port());
        return own;
    }

    /** The base URL a request came by, when it is the hub's own; the public base URL otherwise. */
    public String baseOf(HttpServletRequest request) {
        var scheme = String.valueOf(request.getScheme()).toLowerCase(Locale.ROOT);
        var host = String.valueOf(request.getServerName()).toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort =
                port <= 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        var base = scheme + "://" + host + (defaultPort ? "" : ":" + port);
        return own().contains(base) ? base : publicBaseUrl;
    }

    /** The request as if it had come by {@link #baseOf} its address: what URLs built from it use. */
    public HttpServletRequest canonical(HttpServletRequest request) {
        var base = URI.create(baseOf(request));
        int port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getScheme() {
                return base.getScheme();
            }

            @Override
            public String getServerName() {
                return base.getHost();
            }

            @Override
            public int getServerPort() {
                return port;
            }

            @Override
            public boolean isSecure() {
                return "https".equals(base.getScheme());
            }

            @Override
            public StringBuffer getRequestURL() {
                return new StringBuffer(base.toString()).append(getRequestURI());
            }
        };
    }

    private String port() {
        return environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    private static String trimmed(String url) {
        var value = url == null ? "" : url.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value.toLowerCase(Locale.ROOT).startsWith("http") ? lowerCaseOrigin(value) : value;
    }

    /** Scheme and host compare without case; the rest of a URL (none here) would not. */
    private static String lowerCaseOrigin(String url) {
        try {
            var uri = URI.create(url);
            return uri.getScheme().toLowerCase(Locale.ROOT)
                    + "://"
                    + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (RuntimeException malformed) {
            return url;
        }
    }
}
