package ee.datahub.enquiryhub.push;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Where a URL leads, checked (no server-side request forgery): its shape ({@link WebhookUrl}), then
 * every address its host resolves to ({@link AddressPolicy}); an {@code http} URL (development only)
 * must lead to loopback addresses only. Used when an ADMIN registers or changes a URL and again by
 * the delivery client each time it connects, which then connects only to the addresses checked here.
 */
@Component
class Destinations {

    /** The URL or its addresses are not allowed; the message says why, for a person (and the logs: no personal data). */
    static final class Refused extends UnknownHostException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final HostResolver resolver;
    private final AddressPolicy policy;
    private final boolean allowHttp;

    Destinations(HostResolver resolver, PushSettings settings) {
        this.resolver = resolver;
        this.policy = new AddressPolicy(settings.allowHttpLoopback());
        this.allowHttp = settings.allowHttpLoopback();
    }

    /** The URL text checked for its shape (not yet resolved). */
    URI parse(String text) {
        return WebhookUrl.parse(text, allowHttp);
    }

    /**
     * The addresses of the host, every one of them allowed; {@link Refused} when one is not (a name
     * that resolves to a public and a private address is refused whole), {@link UnknownHostException}
     * when the host does not resolve.
     */
    List<InetAddress> addresses(String host, boolean plainHttp) throws UnknownHostException {
        var addresses = resolver.resolve(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (var address : addresses) {
            var refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new Refused(describe(host, address)
                        + refusal.get().substring(address.getHostAddress().length()));
            }
            if (plainHttp && !AddressPolicy.isLoopback(address)) {
                throw new Refused(describe(host, address)
                        + " is not a loopback address, and http is allowed only to those" + " (use https)");
            }
        }
        return addresses;
    }

    /** Checks a URL whole, as registration does; throws {@link SubscriptionRefused} naming the problem. */
    URI check(String text) {
        var uri = parse(text);
        var host = WebhookUrl.host(uri);
        try {
            addresses(host, WebhookUrl.isPlainHttp(uri));
        } catch (Refused e) {
            throw new SubscriptionRefused(new SubscriptionRefusal.UrlRefused(text, e.getMessage()));
        } catch (UnknownHostException e) {
            throw new SubscriptionRefused(
                    new SubscriptionRefusal.UrlRefused(text, "its host " + host + " could not be resolved"));
        }
        return uri;
    }

    private static String describe(String host, InetAddress address) {
        var literal = address.getHostAddress();
        return host.equalsIgnoreCase(literal) ? literal : host + " resolves to " + literal + ", which";
    }
}
