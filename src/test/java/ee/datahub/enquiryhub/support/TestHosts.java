package ee.datahub.enquiryhub.support;

import ee.datahub.enquiryhub.push.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The test hub's DNS: names a test sets resolve to the addresses it gives them (a name that resolves
 * to a private address, one that changes between registration and delivery); every other name and
 * every IP literal as the system resolves it. Names under {@code .example} resolve to loopback, so
 * that the OpenAPI description's example URLs are accepted and deliveries to them fail locally;
 * names under {@code .invalid} resolve to nothing, at once.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestHosts {

    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();

    /** From now on, the name resolves to these addresses (IP literals). */
    public static void resolve(String name, String... addresses) {
        NAMES.put(
                name.toLowerCase(),
                java.util.Arrays.stream(addresses).map(TestHosts::literal).toList());
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Bean
    @Primary
    HostResolver testHostResolver() {
        return host -> {
            var name = host.toLowerCase();
            var given = NAMES.get(name);
            if (given != null) {
                return given;
            }
            if (name.endsWith(".invalid")) {
                throw new UnknownHostException(host);
            }
            if (name.endsWith(".example")) {
                return List.of(InetAddress.getLoopbackAddress());
            }
            return List.of(InetAddress.getAllByName(host));
        };
    }
}
