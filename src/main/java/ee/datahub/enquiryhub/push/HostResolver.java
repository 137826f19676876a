package ee.datahub.enquiryhub.push;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves the host of a subscription's URL to the addresses the hub would connect to. The hub checks
 * every one of them (no private, loopback, link-local, multicast, unique-local or metadata address)
 * at registration and again at each delivery, and connects only to the addresses it checked. The
 * default asks the system's resolver; tests put a resolver of their own in its place to play names
 * that resolve to forbidden addresses.
 */
public interface HostResolver {

    /** Every address the host (a name or an IP literal) stands for; throws when there is none. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
