package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The hand-written OpenAPI description, exactly as the hub serves it, checked against the running
 * hub: it documents every v1 handler and nothing that does not exist, every operation has examples,
 * the request examples are accepted by the hub, and Swagger UI shows this description.
 */
class OpenApiDescriptionTest extends HubApiTest {

    private static final String DESCRIPTION = "/openapi/enquiry-hub-v1.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String TOKEN_ENDPOINT = "/oauth2/token";

    /** The ids the examples use for "the enquiry" and "its answer"; fresh ones replace them when an example is sent. */
    private static final String EXAMPLE_ENQUIRY_ID = "a4b1f0c2-5d3e-4f6a-8b7c-9d0e1f2a3b4c";
    private static final String EXAMPLE_ANSWER_ID = "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b";

    /** The demo participants the examples act for, by the EIC in their context. */
    private static final Map<String, Party> DEMO_PARTIES =
            Map.of(Party.SUPPLIER_A.eic(), Party.SUPPLIER_A, Party.GRID_A.eic(), Party.GRID_A);

    private static final Pattern FULL_CODE = Pattern.compile("opp\\.error\\.[a-z]+\\.[a-z-]*[a-z]");
    /** The descriptions abbreviate codes as {@code `…invalid-enum`}. */
    private static final Pattern ABBREVIATED_CODE = Pattern.compile("…([a-z-]*[a-z])`");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    /** An HTTP method (upper case) on a path template. */
    record Operation(String method, String path) implements Comparable<Operation> {

        @Override
        public int compareTo(Operation other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void everyV1HandlerIsDocumentedAndEveryDocumentedV1OperationIsAHandler() {
        var documented = operations(description()).keySet().stream()
                .filter(operation -> operation.path().startsWith("/api/v1/"))
                .collect(toCollection(TreeSet<Operation>::new));
        var implemented = handlerOperations("/api/v1/");

        assertThat(implemented).as("v1 handlers of the running hub").isNotEmpty();
        assertThat(documented).as("v1 operations in %s", DESCRIPTION).containsExactlyInAnyOrderElementsOf(implemented);
    }

    /**
     * GeneratedClientV1Test runs a client the build generates from the packaged copy of the description;
     * that proves something about the served description only while all three are the same text.
     */
    @Test
    void theServedDescriptionIsTheSourceFileTheGeneratedClientIsBuiltFrom() throws IOException {
        var served = hub.request("GET", DESCRIPTION, Map.of(), null).body();

        assertThat(served).isEqualTo(Files.readString(Path.of("src/main/resources/static" + DESCRIPTION)));
        assertThat(served).isEqualTo(Files.readString(Path.of("target/classes/static" + DESCRIPTION)));
    }

    @Test
    void everyDocumentedOperationExistsInTheHub() {
        var implemented = handlerOperations("/");
        var documented = operations(description()).keySet().stream()
                .filter(operation -> !operation.path().equals(TOKEN_ENDPOINT)) // a filter of the issuer, not a handler
                .toList();

        assertThat(implemented).as("handlers of the running hub").containsAll(documented);
    }

    @Test
    void everyOperationHasARequestExampleWhereItTakesABodyAndAResponseExample() {
        var description = description();
        var softly = new SoftAssertions();
        operations(description).forEach((operation, node) -> {
            if (node.has("requestBody")) {
                var content = resolve(description, node.get("requestBody")).path("content");
                softly.assertThat(hasExample(description, content)).as("%s has a request example", operation).isTrue();
            }
            var responses = node.path("responses");
            var anyResponseExample = responses.propertyNames().stream()
                    .anyMatch(status -> hasExample(description, resolve(description, responses.get(status)).path("content")));
            softly.assertThat(anyResponseExample).as("%s has a response example", operation).isTrue();
            for (var status : successStatuses(node)) {
                var content = resolve(description, responses.get(status)).path("content");
                if (!content.isEmpty()) {
                    softly.assertThat(hasExample(description, content)).as("%s %s has an example", operation, status).isTrue();
                }
            }
        });
        softly.assertAll();
    }

    @Test
    void everyReferenceAndPathVariableOfTheDescriptionResolves() {
        var description = description();
        var softly = new SoftAssertions();
        references(description).forEach(reference -> softly.assertThat(reference.startsWith("#/")
                && !description.at(reference.substring(1)).isMissingNode()).as("$ref %s resolves", reference).isTrue());
        operations(description).forEach((operation, node) -> {
            var declared = new ArrayList<JsonNode>();
            node.path("parameters").forEach(parameter -> declared.add(resolve(description, parameter)));
            var pathParameters = declared.stream()
                    .filter(parameter -> parameter.path("in").asString().equals("path"))
                    .map(parameter -> parameter.path("name").asString())
                    .collect(Collectors.toSet());
            var variables = Pattern.compile("\\{([^}]+)}").matcher(operation.path()).results()
                    .map(match -> match.group(1))
                    .collect(Collectors.toSet());
            softly.assertThat(pathParameters).as("path parameters of %s", operation).isEqualTo(variables);
        });
        softly.assertAll();
    }

    @Test
    void everyErrorCodeTheDescriptionNamesIsAnErrorCodeOfTheHub() {
        var text = hub.request("GET", DESCRIPTION, Map.of(), null).body();
        var codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        var lastSegments = codes.stream().map(code -> code.substring(code.lastIndexOf('.') + 1)).collect(Collectors.toSet());

        var named = FULL_CODE.matcher(text).results().map(match -> match.group()).collect(Collectors.toSet());
        var abbreviated = ABBREVIATED_CODE.matcher(text).results().map(match -> match.group(1)).collect(Collectors.toSet());

        assertThat(named).as("error codes named in %s", DESCRIPTION).isNotEmpty().isSubsetOf(codes);
        assertThat(abbreviated).as("abbreviated error codes in %s", DESCRIPTION).isSubsetOf(lastSegments);
    }

    @Test
    void swaggerUiLoadsAndShowsTheHandWrittenDescription() {
        var page = followingRedirects("/swagger-ui.html");
        assertThat(page.status()).as("Swagger UI: %s", page).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");

        var config = hub.request("GET", "/v3/api-docs/swagger-config", Map.of(), null);
        assertThat(config.status()).as("Swagger UI's config: %s", config).isEqualTo(200);
        assertThat(config.json().path("url").asString()).isEqualTo(DESCRIPTION);

        // springdoc must not serve a generated description beside the hand-written one
        assertThat(hub.request("GET", "/v3/api-docs", Map.of(), null).status()).isEqualTo(404);
    }

    @Test
    void theDocumentedV1RequestExamplesAreAcceptedByTheHub() {
        var description = description();
        var softly = new SoftAssertions();
        operations(description).forEach((operation, node) -> {
            if (!operation.path().startsWith("/api/v1/")) {
                return;
            }
            var success = successStatuses(node);
            softly.assertThat(success).as("%s documents one success status", operation).hasSize(1);
            var examples = resolve(description, node.path("requestBody")).path("content").path("application/json").path("examples");
            examples.propertyNames().forEach(name -> {
                var example = resolve(description, examples.get(name)).get("value");
                var response = send(operation, example);
                softly.assertThat(String.valueOf(response.status())).as("%s example %s: %s", operation, name, response)
                        .isEqualTo(success.getFirst());
                if (response.status() / 100 == 2) {
                    checkAnswer(softly, description, operation, node, success.getFirst(), example, response);
                }
            });
        });
        softly.assertAll();
    }

    @Test
    void theDocumentedTokenRequestsGetTokens() {
        var description = description();
        var examples = operations(description).get(new Operation("POST", TOKEN_ENDPOINT)).path("requestBody").path("content")
                .path("application/x-www-form-urlencoded").path("examples");
        assertThat(examples.propertyNames()).isNotEmpty();
        examples.propertyNames().forEach(name -> {
            var fields = resolve(description, examples.get(name)).get("value");
            var headers = new LinkedHashMap<String, String>();
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            if (!fields.has("client_id")) {
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Party.SUPPLIER_A.clientId() + ":" + Party.SUPPLIER_A.secret()).getBytes(StandardCharsets.UTF_8)));
            }
            var form = fields.propertyNames().stream()
                    .map(field -> field + "=" + URLEncoder.encode(fields.get(field).asString(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));

            var response = hub.request("POST", TOKEN_ENDPOINT, headers, form);

            assertThat(response.status()).as("token example %s: %s", name, response).isEqualTo(200);
            assertThat(response.json().path("access_token").asString()).isNotBlank();
            assertThat(response.json().path("token_type").asString()).isEqualTo("Bearer");
        });
    }

    /** Sends a request example for the demo participant its context names, about a fresh enquiry and answer. */
    private Response send(Operation operation, JsonNode example) {
        var body = (ObjectNode) example.deepCopy();
        var eic = body.path("marketParticipantContext").path("marketParticipantIdentification").asString();
        var party = DEMO_PARTIES.get(eic);
        assertThat(party).as("%s: an example acts for a demo participant, not %s", operation, eic).isNotNull();

        // The feed keeps 90 days, so fixed dates would expire: scan the last hour instead.
        if (body.has("updatePeriodStart")) {
            body.put("updatePeriodStart", Instant.now().minus(Duration.ofHours(1)).toString());
        }
        if (body.has("updatePeriodEnd")) {
            body.put("updatePeriodEnd", Instant.now().plus(Duration.ofHours(1)).toString());
        }
        var path = operation.path();
        var text = body.toString();
        boolean aboutAnAnswer = path.contains("{messageResponseId}") || text.contains(EXAMPLE_ANSWER_ID);
        boolean aboutAnEnquiry = aboutAnAnswer || path.contains("{messageRequestId}") || text.contains(EXAMPLE_ENQUIRY_ID);
        if (aboutAnEnquiry) {
            var enquiryId = supplierA().send(anEnquiry());
            path = path.replace("{messageRequestId}", enquiryId);
            text = text.replace(EXAMPLE_ENQUIRY_ID, enquiryId);
            if (aboutAnAnswer) {
                var answerId = gridA().answerId(enquiryId, "OPEN", "An interim answer to change");
                path = path.replace("{messageResponseId}", answerId);
                text = text.replace(EXAMPLE_ANSWER_ID, answerId);
            }
        }
        return hub.v1(operation.method(), path, party, text, Map.of());
    }

    /** The hub's answer has the documented shape: ids where the examples show ids, rows with the documented fields. */
    private static void checkAnswer(SoftAssertions softly, JsonNode description, Operation operation, JsonNode node,
            String status, JsonNode example, Response response) {
        var content = resolve(description, node.path("responses").get(status)).path("content").path("application/json");
        if (content.isMissingNode()) {
            softly.assertThat(response.body()).as("%s answers with an empty body", operation).isEmpty();
            return;
        }
        var answer = response.json();
        var schema = resolve(description, content.path("schema"));
        if (schema.path("type").asString().equals("array")) {
            var row = fieldsOf(description, schema.get("items"));
            softly.assertThat(answer.isArray()).as("%s answers with an array", operation).isTrue();
            answer.forEach(actual -> {
                var fields = new TreeSet<>(actual.propertyNames());
                softly.assertThat(fields).as("%s row fields are documented", operation).isSubsetOf(row.properties());
                softly.assertThat(fields).as("%s row has the required fields", operation).containsAll(row.required());
            });
            return;
        }
        var requests = example.path("directMessageRequest");
        if (requests.isArray() && requests.size() > 1) {
            softly.assertThat(answer.isArray() && answer.size() == requests.size())
                    .as("%s answers with an array of %d ids: %s", operation, requests.size(), response).isTrue();
        } else {
            softly.assertThat(answer.isString()).as("%s answers with one id as a JSON string: %s", operation, response).isTrue();
        }
    }

    private record Fields(Set<String> properties, Set<String> required) {}

    /** The properties and required properties of an object schema, through {@code $ref} and {@code allOf}. */
    private static Fields fieldsOf(JsonNode description, JsonNode schema) {
        var resolved = resolve(description, schema);
        var properties = new TreeSet<>(resolved.path("properties").propertyNames());
        var required = new TreeSet<String>();
        resolved.path("required").forEach(name -> required.add(name.asString()));
        resolved.path("allOf").forEach(part -> {
            var fields = fieldsOf(description, part);
            properties.addAll(fields.properties());
            required.addAll(fields.required());
        });
        return new Fields(properties, required);
    }

    private JsonNode description() {
        var response = hub.request("GET", DESCRIPTION, Map.of(), null);
        assertThat(response.status()).as("GET %s: %s", DESCRIPTION, response).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/yaml");
        var description = YAML.readTree(response.body());
        assertThat(description.path("openapi").asString()).startsWith("3.");
        return description;
    }

    private static Map<Operation, JsonNode> operations(JsonNode description) {
        var operations = new LinkedHashMap<Operation, JsonNode>();
        description.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(method -> HTTP_METHODS.contains(method.getKey()))
                .forEach(method -> operations.put(new Operation(method.getKey().toUpperCase(), path.getKey()), method.getValue())));
        return operations;
    }

    /** Every (method, path pattern) the hub's controllers handle under the prefix; a mapping for any method shows as ANY. */
    private Set<Operation> handlerOperations(String prefix) {
        var operations = new TreeSet<Operation>();
        handlers.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(path -> path.startsWith(prefix))
                .forEach(path -> {
                    var methods = info.getMethodsCondition().getMethods();
                    if (methods.isEmpty()) {
                        operations.add(new Operation("ANY", path));
                    }
                    methods.forEach(method -> operations.add(new Operation(method.name(), path)));
                }));
        return operations;
    }

    private static List<String> successStatuses(JsonNode operation) {
        return operation.path("responses").propertyNames().stream().filter(status -> status.startsWith("2")).toList();
    }

    private static boolean hasExample(JsonNode description, JsonNode content) {
        return content.properties().stream().anyMatch(media -> media.getValue().has("example")
                || media.getValue().path("examples").propertyNames().stream()
                        .anyMatch(name -> resolve(description, media.getValue().path("examples").get(name)).has("value")));
    }

    private static JsonNode resolve(JsonNode description, JsonNode node) {
        var resolved = node;
        while (resolved != null && resolved.has("$ref")) {
            resolved = description.at(resolved.get("$ref").asString().substring(1));
        }
        return resolved;
    }

    private static List<String> references(JsonNode node) {
        var references = new ArrayList<String>();
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref")) {
                    references.add(entry.getValue().asString());
                } else {
                    references.addAll(references(entry.getValue()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> references.addAll(references(element)));
        }
        return references;
    }

    private Response followingRedirects(String path) {
        var response = hub.request("GET", path, Map.of(), null);
        for (int hops = 0; hops < 5 && response.status() / 100 == 3; hops++) {
            var location = response.header("Location");
            assertThat(location).as("redirect from %s", path).isNotNull();
            response = hub.request("GET", location.startsWith("http") ? location.substring(hub.baseUrl().length()) : location,
                    Map.of(), null);
        }
        return response;
    }
}
