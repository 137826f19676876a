package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.SecondHub;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI descriptions list the demo credentials only where they work: a hub in demo mode (the
 * default start) shows them, a hub without demo data (here the second instance) serves the same
 * descriptions without them.
 */
class DemoCredentialsTest extends HubApiTest {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @Test
    void theDescriptionsNameTheDemoCredentialsOnlyInDemoMode() {
        for (var name : new String[] {"enquiry-hub-v1", "enquiry-hub-v2"}) {
            var path = "/openapi/" + name + ".yaml";
            var demo = hub.request("GET", path, Map.of(), null);
            assertThat(demo.status()).isEqualTo(200);
            assertThat(demo.header("Content-Type")).startsWith("application/yaml");
            assertThat(demo.body())
                    .contains("supplier-a-erp` / `supplier-a-secret`")
                    .contains("client_secret: supplier-a-secret");

            var withoutDemo = SecondHub.client().request("GET", path, Map.of(), null);
            assertThat(withoutDemo.status()).isEqualTo(200);
            assertThat(withoutDemo.body())
                    .as("%s without demo data", name)
                    .doesNotContain("supplier-a-secret")
                    .doesNotContain("grid-a-secret")
                    .doesNotContain("hub-operator-secret")
                    .doesNotContain("Demo technical users")
                    .contains("client_secret: <client secret>");

            JsonNode full = YAML.readTree(demo.body());
            JsonNode stripped = YAML.readTree(withoutDemo.body());
            assertThat(stripped.get("paths").propertyNames())
                    .as("the same operations, only the credentials left out")
                    .containsExactlyElementsOf(full.get("paths").propertyNames());
        }
    }
}
