package ee.datahub.enquiryhub.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses the hub delivers to (no server-side request forgery): public unicast only. Private,
 * shared, link-local (cloud metadata included), unique- and site-local, multicast, broadcast, reserved
 * and documentation ranges are refused, and loopback unless {@code allowLoopback} (development); IPv6
 * forms carrying an IPv4 address are judged by it, Teredo is refused.
 */
record AddressPolicy(boolean allowLoopback) {

    /** Why the hub does not deliver to this address, for a person; empty when it does. */
    Optional<String> refusal(InetAddress address) {
        Optional<String> reason = switch (address) {
            case Inet4Address v4 -> reason4(v4.getAddress());
            case Inet6Address v6 -> reason6(v6.getAddress());
            default -> Optional.of("not an IP address the hub knows");
        };
        return reason.map(why -> address.getHostAddress() + " is " + why);
    }

    /** True when the address is a loopback address (IPv4 or IPv6, embedded forms included). */
    static boolean isLoopback(InetAddress address) {
        var bytes = address.getAddress();
        if (bytes.length == 16) {
            var embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                return (embedded.get()[0] & 0xff) == 127;
            }
            return address.isLoopbackAddress();
        }
        return (bytes[0] & 0xff) == 127;
    }

    private Optional<String> reason4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        String why = null;
        if (a0 == 0) {
            why = "an unspecified address (0.0.0.0/8)";
        } else if (a0 == 127) {
            why = allowLoopback ? null : "a loopback address (127.0.0.0/8)";
        } else if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            why = "a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)";
        } else if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            why = "a shared address (100.64.0.0/10)";
        } else if (a0 == 169 && a1 == 254) {
            why = a2 == 169 && (b[3] & 0xff) == 254
                    ? "the cloud metadata address (169.254.169.254)"
                    : "a link-local address (169.254.0.0/16)";
        } else if (a0 == 192 && a1 == 0 && a2 == 0) {
            why = "a reserved address (192.0.0.0/24)";
        } else if ((a0 == 192 && a1 == 0 && a2 == 2)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            why = "a documentation address";
        } else if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            why = "a benchmarking address (198.18.0.0/15)";
        } else if (a0 >= 224 && a0 <= 239) {
            why = "a multicast address (224.0.0.0/4)";
        } else if (a0 >= 240) {
            why = "a reserved or broadcast address (240.0.0.0/4)";
        }
        return Optional.ofNullable(why);
    }

    private Optional<String> reason6(byte[] b) {
        var embedded = embeddedIpv4(b);
        if (embedded.isPresent()) {
            String v4;
            try {
                v4 = InetAddress.getByAddress(embedded.get()).getHostAddress();
            } catch (UnknownHostException e) {
                return Optional.of("an IPv6 form of an IPv4 address the hub cannot read");
            }
            return reason4(embedded.get()).map(reason -> "an IPv6 form of " + v4 + ", " + reason);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        String why = null;
        if (Arrays.equals(b, new byte[16])) {
            why = "the unspecified address (::)";
        } else if (isV6Loopback(b)) {
            why = allowLoopback ? null : "the loopback address (::1)";
        } else if ((first & 0xfe) == 0xfc) {
            why = "a unique-local address (fc00::/7)";
        } else if (first == 0xfe && (second & 0xc0) == 0x80) {
            why = "a link-local address (fe80::/10)";
        } else if (first == 0xfe && (second & 0xc0) == 0xc0) {
            why = "a site-local address (fec0::/10)";
        } else if (first == 0xff) {
            why = "a multicast address (ff00::/8)";
        } else if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            why = "a documentation address (2001:db8::/32)";
        } else if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            why = "a Teredo tunnel address (2001::/32)";
        } else if (first == 0x01 && second == 0 && isZero(b, 2, 8)) {
            why = "a discard-only address (100::/64)";
        } else if (first == 0 && second == 0 && isZero(b, 2, 10)) {
            why = "a reserved address (::/80)";
        }
        return Optional.ofNullable(why);
    }

    // The IPv4 address an IPv6 address carries: mapped (::ffff:0:0/96), compatible (::/96), NAT64 (64:ff9b::/96), 6to4
    // (2002::/16).
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Optional.of(Arrays.copyOfRange(b, 12, 16));
        }
        if (isZero(b, 0, 12) && !isZero(b, 12, 15)) {
            return Optional.of(Arrays.copyOfRange(b, 12, 16));
        }
        if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
            return Optional.of(Arrays.copyOfRange(b, 12, 16));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(Arrays.copyOfRange(b, 2, 6));
        }
        return Optional.empty();
    }

    private static boolean isV6Loopback(byte[] b) {
        return isZero(b, 0, 15) && b[15] == 1;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
