package ee.datahub.enquiryhub.api.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI descriptions as served: with the demo credentials only in demo mode. Outside it, the
 * lines from {@code <!-- demo -->} to {@code <!-- /demo -->} are left out, and a value marked
 * {@code # demo: <other>} is replaced by the other.
 */
@RestController
class DescriptionFiles {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private static final Pattern DEMO_VALUE = Pattern.compile("^(\\s*[^:#]+:\\s*)\\S.*?\\s+# demo: (.+)$");

    private final Map<String, String> served;

    DescriptionFiles(@Value("${hub.demo.enabled:true}") boolean demo) {
        this.served = Stream.of("enquiry-hub-v1", "enquiry-hub-v2")
                .collect(Collectors.toMap(name -> name, name -> demo ? read(name) : withoutDemo(read(name))));
    }

    @GetMapping("/openapi/{name:enquiry-hub-v[12]}.yaml")
    ResponseEntity<String> description(@PathVariable String name) {
        return ResponseEntity.ok()
                .contentType(YAML)
                .cacheControl(CacheControl.noCache())
                .body(served.get(name));
    }

    static String withoutDemo(String yaml) {
        var kept = new StringBuilder();
        boolean inDemo = false;
        for (var line : yaml.split("\n", -1)) {
            if (line.contains("<!-- demo -->")) {
                inDemo = true;
            } else if (line.contains("<!-- /demo -->")) {
                inDemo = false;
            } else if (!inDemo) {
                var value = DEMO_VALUE.matcher(line);
                kept.append(value.matches() ? value.group(1) + value.group(2) : line)
                        .append('\n');
            }
        }
        return kept.substring(0, kept.length() - 1);
    }

    private static String read(String name) {
        try (var in = new ClassPathResource("static/openapi/" + name + ".yaml").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
