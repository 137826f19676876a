package ee.datahub.enquiryhub.api.docs;

import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's hand-written OpenAPI descriptions ({@code static/openapi/enquiry-hub-v1.yaml} and
 * {@code enquiry-hub-v2.yaml}, one document per API version), shown by Swagger UI at
 * {@code /swagger-ui.html} (see {@code springdoc.*} in application.yml).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

    /** The servlet container knows no type for {@code .yaml}; without this the file would go out as octet-stream. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> yamlMediaType() {
        return factory -> {
            var yaml = new MimeMappings();
            yaml.add("yaml", "application/yaml");
            factory.addMimeMappings(yaml);
        };
    }
}
