package ee.datahub.enquiryhub.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses deliveries may go to: public unicast only; loopback only where development allows it. */
class AddressPolicyTest {

    private static final AddressPolicy PRODUCTION = new AddressPolicy(false);
    private static final AddressPolicy DEVELOPMENT = new AddressPolicy(true);

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, unspecified",
        "0.1.2.3, unspecified",
        "10.0.0.1, private",
        "10.255.255.255, private",
        "172.16.0.1, private",
        "172.31.255.254, private",
        "192.168.0.1, private",
        "100.64.0.1, shared",
        "100.127.255.254, shared",
        "169.254.169.254, metadata",
        "169.254.0.1, link-local",
        "192.0.0.8, reserved",
        "192.0.2.1, documentation",
        "198.51.100.7, documentation",
        "203.0.113.9, documentation",
        "198.18.0.1, benchmarking",
        "224.0.0.251, multicast",
        "239.255.255.250, multicast",
        "240.0.0.1, reserved",
        "255.255.255.255, broadcast",
        "'::', unspecified",
        "fc00::1, unique-local",
        "fd12:3456::1, unique-local",
        "fe80::1, link-local",
        "fec0::1, site-local",
        "ff02::1, multicast",
        "2001:db8::1, documentation",
        "2001:0:4136:e378::1, Teredo",
        "'::ffff:10.0.0.1', private",
        "'::10.0.0.1', private",
        "'64:ff9b::169.254.169.254', metadata",
        "'2002:c0a8:0101::1', private",
        "100::1, discard-only"
    })
    void nonPublicAddressesAreRefusedAndTheRefusalSaysWhy(String address, String why) throws Exception {
        assertThat(PRODUCTION.refusal(InetAddress.getByName(address)))
                .hasValueSatisfying(reason -> assertThat(reason).contains(why));
        assertThat(DEVELOPMENT.refusal(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"})
    void loopbackIsRefusedInProductionAndAllowedInDevelopment(String address) throws Exception {
        assertThat(PRODUCTION.refusal(InetAddress.getByName(address)))
                .hasValueSatisfying(r -> assertThat(r).contains("loopback"));
        assertThat(DEVELOPMENT.refusal(InetAddress.getByName(address))).isEmpty();
        assertThat(AddressPolicy.isLoopback(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "1.1.1.1",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "192.169.0.1",
                "2a00:1450:4001:82a::200e",
                "2606:4700::6810:84e5",
                "64:ff9b::8.8.8.8"
            })
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(PRODUCTION.refusal(InetAddress.getByName(address))).isEmpty();
    }
}
