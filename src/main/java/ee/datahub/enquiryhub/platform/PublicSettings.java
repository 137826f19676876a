package ee.datahub.enquiryhub.platform;

import jakarta.validation.constraints.AssertTrue;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.public-base-url}: the hub's address as its clients reach it (e.g.
 * {@code https://enquiries.example}); every absolute URL the hub writes (Swagger UI's OAuth2 redirect)
 * is built from it, never from the request's {@code Host} header, which any client can set.
 */
@ConfigurationProperties("hub")
@Validated
public record PublicSettings(String publicBaseUrl) {

    public PublicSettings {
        publicBaseUrl = publicBaseUrl == null ? "http://localhost:8080" : publicBaseUrl;
    }

    @AssertTrue(message = "public-base-url must be an absolute http(s) URL without a path, query or fragment")
    boolean isPublicBaseUrlAbsolute() {
        try {
            var uri = new URI(publicBaseUrl);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()))
                    && uri.getQuery() == null
                    && uri.getFragment() == null;
        } catch (Exception e) {
            return false;
        }
    }
}
