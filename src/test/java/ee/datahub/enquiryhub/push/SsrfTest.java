package ee.datahub.enquiryhub.push;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.ProductionHub;
import ee.datahub.enquiryhub.support.Receiver;
import ee.datahub.enquiryhub.support.SubscriptionClient;
import ee.datahub.enquiryhub.support.TestHosts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * No server-side request forgery: URLs leading to private, loopback (in production), link-local,
 * metadata, unique-local or multicast addresses, after name resolution, are refused at registration and
 * at every delivery, which connects only to the address checked (a name rebound to a private address is
 * refused: none is ever connected to); refusals are logged without personal data and in the delivery log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SsrfTest extends HubApiTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.0.0.1/hooks",
                "https://10.255.255.254:8443/hooks",
                "https://172.16.0.1/hooks",
                "https://172.31.200.9/hooks",
                "https://192.168.1.1/hooks",
                "https://169.254.169.254/latest/meta-data/",
                "https://169.254.1.1/hooks",
                "https://100.64.0.1/hooks",
                "https://0.0.0.0/hooks",
                "https://224.0.0.1/hooks",
                "https://255.255.255.255/hooks",
                "https://[fd00::1]/hooks",
                "https://[fe80::1]/hooks",
                "https://[ff02::1]/hooks",
                "https://[::ffff:10.0.0.1]/hooks",
                "https://[64:ff9b::a9fe:a9fe]/hooks",
                "https://[2002:c0a8:0101::1]/hooks",
                "https://[::]/hooks",
                "https://167772161/hooks",
                "https://intranet.test/hooks",
                "https://metadata.test/hooks",
                "https://split.test/hooks"
            })
    void aUrlLeadingToAForbiddenAddressIsRefusedAtRegistration(String url) {
        TestHosts.resolve("intranet.test", "10.1.2.3");
        TestHosts.resolve("metadata.test", "169.254.169.254");
        // one public and one private address: refused whole (a client might connect to either)
        TestHosts.resolve("split.test", "127.0.0.1", "192.168.7.7");
        var admin = new SubscriptionClient(hub, Party.GRID_A, "GRID_OPERATOR", "ELECTRICITY");

        var refused = admin.create(SubscriptionClient.body(url, "ALL"));

        assertThat(refused.status()).as("%s: %s", url, refused).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("opp.error.validation.invalid-value");
        assertThat(refused.args()).first().isEqualTo("url");
        assertThat(refused.errorMessage())
                .containsAnyOf(
                        "private",
                        "link-local",
                        "metadata",
                        "unique-local",
                        "multicast",
                        "unspecified",
                        "shared",
                        "reserved",
                        "broadcast");
    }

    @Test
    void aNameThatResolvesToAPrivateAddressAtDeliveryIsRefusedNotConnectedToAndShownInTheLog(CapturedOutput output) {
        var receiver = new Receiver();
        try {
            var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
            var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
            var admin = new SubscriptionClient(hub, grid, "GRID_OPERATOR", "ELECTRICITY");
            var name = "rebinding-" + receiver.port() + ".test";
            TestHosts.resolve(name, "127.0.0.1");
            var subscription = admin.subscribe("http://" + name + ":" + receiver.port() + "/hooks", "ALL");
            var id = subscription.get("id").stringValue();
            var supplier = hub.v2(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
            supplier.send(anEnquiry().about(meter).comment("Customer data that must not reach the logs"));
            Receiver.await(
                    "the first change delivered",
                    () -> receiver.received().size() == 1,
                    () -> admin.deliveries(id, "").body());

            // DNS rebinding: the name now points into the private network
            TestHosts.resolve(name, "10.20.30.40");
            supplier.send(anEnquiry().about(meter));
            Receiver.await(
                    "an attempt refused",
                    () -> admin.deliveries(id, "outcome=REFUSED")
                                    .json()
                                    .get("totalElements")
                                    .intValue()
                            >= 1);

            var refused = admin.deliveries(id, "outcome=REFUSED")
                    .json()
                    .get("content")
                    .get(0);
            assertThat(refused.get("error").stringValue())
                    .contains("refused, not sent")
                    .contains(name)
                    .contains("10.20.30.40")
                    .contains("private");
            assertThat(refused.has("statusCode")).isFalse();
            assertThat(receiver.received()).as("nothing more reached anyone").hasSize(1);
            assertThat(output.getAll())
                    .contains("Push: delivery")
                    .contains(name + " resolves to 10.20.30.40, which is a private address")
                    .doesNotContain("Customer data that must not reach the logs")
                    .doesNotContain(Party.CUSTOMER);

            TestHosts.resolve(name, "127.0.0.1");
            Receiver.await(
                    "delivered once the name is public again",
                    () -> receiver.received().size() == 2);
            admin.delete(id);
        } finally {
            receiver.close();
        }
    }

    @Test
    void inProductionModeLoopbackByNameOrAddressAndPlainHttpAreRefused() {
        var admin = new SubscriptionClient(ProductionHub.client(port), Party.GRID_A, "GRID_OPERATOR", "ELECTRICITY");

        for (var url : List.of(
                "https://localhost/hooks",
                "https://LOCALHOST:8443/hooks",
                "https://127.0.0.1/hooks",
                "https://127.1.2.3/hooks",
                "https://[::1]/hooks",
                "https://2130706433/hooks",
                "http://erp.grid.example/hooks",
                "http://127.0.0.1:8080/hooks")) {
            var refused = admin.create(SubscriptionClient.body(url, "ALL"));
            assertThat(refused.status()).as("%s: %s", url, refused).isEqualTo(400);
            assertThat(refused.args()).first().isEqualTo("url");
            assertThat(refused.errorMessage()).containsAnyOf("loopback", "only https");
        }
    }
}
