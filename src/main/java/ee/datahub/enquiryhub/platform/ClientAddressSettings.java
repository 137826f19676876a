package ee.datahub.enquiryhub.platform;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.client-address.trusted-proxy-hops}: how many proxies in front of the hub append to
 * {@code X-Forwarded-For}. 0 (default): the header is ignored and the client's address is the TCP peer's,
 * since any client can write the header. n: the address the n-th proxy from the hub saw, that is the
 * n-th entry from the right; entries further left are the client's own claims and never used.
 */
@ConfigurationProperties("hub.client-address")
@Validated
public record ClientAddressSettings(@Min(0) @Max(10) Integer trustedProxyHops) {

    public ClientAddressSettings {
        trustedProxyHops = trustedProxyHops == null ? 0 : trustedProxyHops;
    }
}
