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
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The hand-written OpenAPI descriptions (v1 and v2), exactly as the hub serves them, checked against the
 * running hub: each documents every handler of its API version and nothing that does not exist, every
 * operation has examples, every example matches its schema, the request examples are accepted by the
 * hub and its answers look as described, and Swagger UI shows both descriptions.
 */
class OpenApiDescriptionTest extends HubApiTest {

    private static final String V1 = "/openapi/enquiry-hub-v1.yaml";
    private static final String V2 = "/openapi/enquiry-hub-v2.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String TOKEN_ENDPOINT = "/oauth2/token";

    // The ids the examples use for "the enquiry" and "its answer"; fresh ones replace them when an example is sent.
    private static final String EXAMPLE_ENQUIRY_ID = "a4b1f0c2-5d3e-4f6a-8b7c-9d0e1f2a3b4c";

    private static final String EXAMPLE_ANSWER_ID = "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b";

    // The demo participants the examples act for, by the EIC in their context (v1) or header (v2).
    private static final Map<String, Party> DEMO_PARTIES =
            Map.of(Party.SUPPLIER_A.eic(), Party.SUPPLIER_A, Party.GRID_A.eic(), Party.GRID_A);

    // v2 query parameters whose examples are not sent: a cursor only the hub can issue (the example is
    // not one), and a long-poll wait that would hold the request for its length.
    private static final Set<String> V2_QUERY_EXAMPLES_NOT_SENT = Set.of("after", "wait");

    private static final Pattern FULL_CODE = Pattern.compile("opp\\.error\\.[a-z]+\\.[a-z-]*[a-z]");
    // The descriptions abbreviate codes as `…invalid-enum`.
    private static final Pattern ABBREVIATED_CODE = Pattern.compile("…([a-z-]*[a-z])`");

    private static final Pattern ENTITY_TAG = Pattern.compile("\"(\\d+)\"");

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
        documentsExactlyTheHandlersUnder(V1, "/api/v1/");
    }

    @Test
    void everyV2HandlerIsDocumentedAndEveryDocumentedV2OperationIsAHandler() {
        documentsExactlyTheHandlersUnder(V2, "/api/v2/");
    }

    @Test
    void theV2DescriptionDescribesOnlyV2AndTheTokenEndpoint() {
        assertThat(operations(description(V2)).keySet())
                .allMatch(operation -> operation.path().startsWith("/api/v2/")
                        || operation.path().equals(TOKEN_ENDPOINT));
        assertThat(operations(description(V1)).keySet())
                .noneMatch(operation -> operation.path().startsWith("/api/v2/"));
    }

    /**
     * GeneratedClientV1Test and GeneratedClientV2Test run clients the build generates from the packaged
     * copies of the descriptions; that proves something about the served descriptions only while all
     * three are the same text.
     */
    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void theServedDescriptionIsTheSourceFileTheGeneratedClientIsBuiltFrom(String document) throws IOException {
        var served = hub.request("GET", document, Map.of(), null).body();

        assertThat(served).isEqualTo(Files.readString(Path.of("src/main/resources/static" + document)));
        assertThat(served).isEqualTo(Files.readString(Path.of("target/classes/static" + document)));
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void everyDocumentedOperationExistsInTheHub(String document) {
        var implemented = handlerOperations("/");
        var documented = operations(description(document)).keySet().stream()
                .filter(operation -> !operation.path().equals(TOKEN_ENDPOINT)) // a filter of the issuer, not a handler
                .toList();

        assertThat(implemented).as("handlers of the running hub").containsAll(documented);
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void everyOperationHasARequestExampleWhereItTakesABodyAndAResponseExample(String document) {
        var description = description(document);
        var softly = new SoftAssertions();
        operations(description).forEach((operation, node) -> {
            if (node.has("requestBody")) {
                var content = resolve(description, node.get("requestBody")).path("content");
                softly.assertThat(hasExample(description, content))
                        .as("%s has a request example", operation)
                        .isTrue();
            }
            var responses = node.path("responses");
            var anyResponseExample = responses.propertyNames().stream()
                    .anyMatch(status -> hasExample(
                            description,
                            resolve(description, responses.get(status)).path("content")));
            softly.assertThat(anyResponseExample)
                    .as("%s has a response example", operation)
                    .isTrue();
            for (var status : successStatuses(node)) {
                var content = resolve(description, responses.get(status)).path("content");
                if (!content.isEmpty()) {
                    softly.assertThat(hasExample(description, content))
                            .as("%s %s has an example", operation, status)
                            .isTrue();
                }
            }
        });
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void everyExampleMatchesItsSchema(String document) {
        var description = description(document);
        var schemas = new DescribedSchema(description);
        var softly = new SoftAssertions();
        operations(description).forEach((operation, node) -> {
            node.path("parameters").forEach(reference -> {
                var parameter = resolve(description, reference);
                if (parameter.has("example")) {
                    softly.assertThat(schemas.mismatches(parameter.get("schema"), parameter.get("example")))
                            .as(
                                    "%s parameter %s example",
                                    operation, parameter.path("name").asString())
                            .isEmpty();
                }
            });
            var requestContent = resolve(description, node.path("requestBody")).path("content");
            examplesOf(description, requestContent)
                    .forEach((name, example) -> softly.assertThat(schemas.mismatches(example.schema(), example.value()))
                            .as("%s request example %s", operation, name)
                            .isEmpty());
            node.path("responses").properties().forEach(status -> {
                var response = resolve(description, status.getValue());
                examplesOf(description, response.path("content"))
                        .forEach((name, example) -> softly.assertThat(
                                        schemas.mismatches(example.schema(), example.value()))
                                .as("%s %s example %s", operation, status.getKey(), name)
                                .isEmpty());
                response.path("headers").properties().forEach(header -> {
                    var resolved = resolve(description, header.getValue());
                    if (resolved.has("example")) {
                        softly.assertThat(schemas.mismatches(resolved.get("schema"), resolved.get("example")))
                                .as("%s %s header %s example", operation, status.getKey(), header.getKey())
                                .isEmpty();
                    }
                });
            });
        });
        description.path("components").path("schemas").properties().forEach(schema -> {
            if (schema.getValue().has("example")) {
                softly.assertThat(schemas.mismatches(
                                schema.getValue(), schema.getValue().get("example")))
                        .as("schema %s example", schema.getKey())
                        .isEmpty();
            }
        });
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void everyReferenceAndPathVariableOfTheDescriptionResolves(String document) {
        var description = description(document);
        var softly = new SoftAssertions();
        references(description)
                .forEach(reference -> softly.assertThat(reference.startsWith("#/")
                                && !description.at(reference.substring(1)).isMissingNode())
                        .as("$ref %s resolves", reference)
                        .isTrue());
        operations(description).forEach((operation, node) -> {
            var declared = new ArrayList<JsonNode>();
            node.path("parameters").forEach(parameter -> declared.add(resolve(description, parameter)));
            var pathParameters = declared.stream()
                    .filter(parameter -> parameter.path("in").asString().equals("path"))
                    .map(parameter -> parameter.path("name").asString())
                    .collect(Collectors.toSet());
            var variables = Pattern.compile("\\{([^}]+)}")
                    .matcher(operation.path())
                    .results()
                    .map(match -> match.group(1))
                    .collect(Collectors.toSet());
            softly.assertThat(pathParameters)
                    .as("path parameters of %s", operation)
                    .isEqualTo(variables);
        });
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void everyErrorCodeTheDescriptionNamesIsAnErrorCodeOfTheHub(String document) {
        var text = hub.request("GET", document, Map.of(), null).body();
        var codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        var lastSegments = codes.stream()
                .map(code -> code.substring(code.lastIndexOf('.') + 1))
                .collect(Collectors.toSet());

        var named =
                FULL_CODE.matcher(text).results().map(match -> match.group()).collect(Collectors.toSet());
        var abbreviated = ABBREVIATED_CODE
                .matcher(text)
                .results()
                .map(match -> match.group(1))
                .collect(Collectors.toSet());

        assertThat(named).as("error codes named in %s", document).isNotEmpty().isSubsetOf(codes);
        assertThat(abbreviated).as("abbreviated error codes in %s", document).isSubsetOf(lastSegments);
    }

    @Test
    void swaggerUiLoadsAndShowsBothHandWrittenDescriptions() {
        var page = followingRedirects("/swagger-ui.html");
        assertThat(page.status()).as("Swagger UI: %s", page).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");

        var config = hub.request("GET", "/v3/api-docs/swagger-config", Map.of(), null);
        assertThat(config.status()).as("Swagger UI's config: %s", config).isEqualTo(200);
        assertThat(config.json()
                        .path("urls")
                        .valueStream()
                        .map(url -> url.path("url").asString())
                        .toList())
                .as("Swagger UI's documents: %s", config)
                .containsExactly(V1, V2);

        // springdoc must not serve a generated description beside the hand-written ones
        assertThat(hub.request("GET", "/v3/api-docs", Map.of(), null).status()).isEqualTo(404);
    }

    @Test
    void theDocumentedV1RequestExamplesAreAcceptedByTheHub() {
        var description = description(V1);
        var schemas = new DescribedSchema(description);
        var softly = new SoftAssertions();
        operations(description).forEach((operation, node) -> {
            if (!operation.path().startsWith("/api/v1/")) {
                return;
            }
            var success = successStatuses(node);
            softly.assertThat(success)
                    .as("%s documents one success status", operation)
                    .hasSize(1);
            var examples = resolve(description, node.path("requestBody"))
                    .path("content")
                    .path("application/json")
                    .path("examples");
            examples.propertyNames().forEach(name -> {
                var example = resolve(description, examples.get(name)).get("value");
                var response = sendV1(operation, example);
                softly.assertThat(String.valueOf(response.status()))
                        .as("%s example %s: %s", operation, name, response)
                        .isEqualTo(success.getFirst());
                if (response.status() / 100 == 2) {
                    checkV1Answer(softly, schemas, operation, node, success.getFirst(), example, response);
                }
            });
        });
        softly.assertAll();
    }

    @Test
    void theDocumentedV2RequestsAreAcceptedByTheHubAndAnsweredAsDescribed() {
        var description = description(V2);
        var schemas = new DescribedSchema(description);
        var softly = new SoftAssertions();
        operations(description).forEach((operation, node) -> {
            if (!operation.path().startsWith("/api/v2/")) {
                return;
            }
            var success = successStatuses(node);
            softly.assertThat(success)
                    .as("%s documents one success status", operation)
                    .hasSize(1);
            var examples = resolve(description, node.path("requestBody"))
                    .path("content")
                    .path("application/json")
                    .path("examples");
            var bodies = new LinkedHashMap<String, JsonNode>();
            examples.propertyNames()
                    .forEach(name -> bodies.put(
                            name, resolve(description, examples.get(name)).get("value")));
            if (bodies.isEmpty()) {
                bodies.put("(no body)", null);
            }
            bodies.forEach((name, body) -> {
                var response = sendV2(description, operation, node, body);
                softly.assertThat(String.valueOf(response.status()))
                        .as("%s example %s: %s", operation, name, response)
                        .isEqualTo(success.getFirst());
                if (response.status() / 100 == 2) {
                    checkV2Answer(
                            softly, schemas, operation, node.path("responses").get(success.getFirst()), response);
                }
            });
        });
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {V1, V2})
    void theDocumentedTokenRequestsGetTokens(String document) {
        var description = description(document);
        var examples = operations(description)
                .get(new Operation("POST", TOKEN_ENDPOINT))
                .path("requestBody")
                .path("content")
                .path("application/x-www-form-urlencoded")
                .path("examples");
        assertThat(examples.propertyNames()).isNotEmpty();
        examples.propertyNames().forEach(name -> {
            var fields = resolve(description, examples.get(name)).get("value");
            var headers = new LinkedHashMap<String, String>();
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            if (!fields.has("client_id")) {
                headers.put(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((Party.SUPPLIER_A.clientId() + ":" + Party.SUPPLIER_A.secret())
                                                .getBytes(StandardCharsets.UTF_8)));
            }
            var form = fields.propertyNames().stream()
                    .map(field ->
                            field + "=" + URLEncoder.encode(fields.get(field).asString(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));

            var response = hub.request("POST", TOKEN_ENDPOINT, headers, form);

            assertThat(response.status())
                    .as("token example %s: %s", name, response)
                    .isEqualTo(200);
            assertThat(response.json().path("access_token").asString()).isNotBlank();
            assertThat(response.json().path("token_type").asString()).isEqualTo("Bearer");
        });
    }

    private void documentsExactlyTheHandlersUnder(String document, String prefix) {
        var documented = operations(description(document)).keySet().stream()
                .filter(operation -> operation.path().startsWith(prefix))
                .collect(toCollection(TreeSet<Operation>::new));
        var implemented = handlerOperations(prefix);

        assertThat(implemented).as("%s handlers of the running hub", prefix).isNotEmpty();
        assertThat(documented)
                .as("%s operations in %s", prefix, document)
                .containsExactlyInAnyOrderElementsOf(implemented);
    }

    // Sends a v1 request example for the demo participant its context names, about a fresh enquiry and answer.
    private Response sendV1(Operation operation, JsonNode example) {
        var body = (ObjectNode) example.deepCopy();
        var eic = body.path("marketParticipantContext")
                .path("marketParticipantIdentification")
                .asString();
        var party = DEMO_PARTIES.get(eic);
        assertThat(party)
                .as("%s: an example acts for a demo participant, not %s", operation, eic)
                .isNotNull();

        // The feed keeps 90 days, so fixed dates would expire: scan the last hour instead.
        if (body.has("updatePeriodStart")) {
            body.put(
                    "updatePeriodStart",
                    Instant.now().minus(Duration.ofHours(1)).toString());
        }
        if (body.has("updatePeriodEnd")) {
            body.put("updatePeriodEnd", Instant.now().plus(Duration.ofHours(1)).toString());
        }
        var path = operation.path();
        var text = body.toString();
        boolean aboutAnAnswer = path.contains("{messageResponseId}") || text.contains(EXAMPLE_ANSWER_ID);
        boolean aboutAnEnquiry =
                aboutAnAnswer || path.contains("{messageRequestId}") || text.contains(EXAMPLE_ENQUIRY_ID);
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

    // Sends a v2 request as the description shows it: for the demo participant, role and commodity of
    // its header examples, with the example query parameters, about a fresh enquiry (and answer) where
    // the path names one. Conditional headers are left out: their example tag is no fresh enquiry's.
    private Response sendV2(JsonNode description, Operation operation, JsonNode node, JsonNode body) {
        var parameters = new ArrayList<JsonNode>();
        node.path("parameters").forEach(parameter -> parameters.add(resolve(description, parameter)));
        var headers = new LinkedHashMap<String, String>();
        var query = new ArrayList<String>();
        Party party = null;
        for (var parameter : parameters) {
            var name = parameter.path("name").asString();
            var example = parameter.path("example").asString();
            switch (parameter.path("in").asString()) {
                case "header" -> {
                    switch (name) {
                        case "x-market-participant-eic" -> {
                            party = DEMO_PARTIES.get(example);
                            headers.put(name, example);
                        }
                        case "x-document-identification" ->
                            headers.put(name, UUID.randomUUID().toString());
                        case "If-Match", "If-None-Match" -> {
                            // conditional: see above
                        }
                        default -> headers.put(name, example);
                    }
                }
                case "query" -> {
                    if (parameter.has("example") && !V2_QUERY_EXAMPLES_NOT_SENT.contains(name)) {
                        query.add(name + "=" + URLEncoder.encode(example, StandardCharsets.UTF_8));
                    }
                }
                default -> {
                    // path variables: below
                }
            }
        }
        assertThat(party)
                .as("%s: its header examples act for a demo participant", operation)
                .isNotNull();
        headers.put("Authorization", "Bearer " + hub.token(party));
        var path = operation.path();
        if (path.contains("{id}")) {
            var enquiryId = supplierA().send(anEnquiry());
            path = path.replace("{id}", enquiryId);
            if (path.contains("{responseId}")) {
                path = path.replace("{responseId}", gridA().answerId(enquiryId, "OPEN", "An interim answer to change"));
            }
        }
        if (path.contains("{subscriptionId}")) {
            // a subscription of the party's context, paused (its example URL leads nowhere)
            var subscription = (ObjectNode) YAML.createObjectNode()
                    .put("url", "https://erp.example/hooks")
                    .put("active", false);
            subscription.putArray("kinds").add("ALL");
            var created = hub.request(
                    "POST",
                    "/api/v2/subscriptions",
                    Map.of(
                            "Authorization",
                            "Bearer " + hub.token(party),
                            "x-market-participant-eic",
                            headers.get("x-market-participant-eic"),
                            "x-market-participant-role",
                            headers.get("x-market-participant-role"),
                            "x-commodity-type",
                            headers.get("x-commodity-type"),
                            "x-document-identification",
                            UUID.randomUUID().toString(),
                            "Content-Type",
                            "application/json"),
                    subscription.toString());
            assertThat(created.status())
                    .as("%s: a subscription to act on: %s", operation, created)
                    .isEqualTo(201);
            path = path.replace("{subscriptionId}", created.json().get("id").asString());
        }
        // The feed keeps 90 days, so a fixed replay time would expire: replay the last hour instead.
        if (body != null && body.has("since")) {
            body = ((ObjectNode) body.deepCopy())
                    .put("since", Instant.now().minus(Duration.ofHours(1)).toString());
        }
        if (!query.isEmpty()) {
            path += "?" + String.join("&", query);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return hub.request(operation.method(), path, headers, body == null ? null : body.toString());
    }

    // The v1 answer has the documented shape: ids where the examples show ids, rows as the schema describes.
    private static void checkV1Answer(
            SoftAssertions softly,
            DescribedSchema schemas,
            Operation operation,
            JsonNode node,
            String status,
            JsonNode example,
            Response response) {
        var content = schemas.resolve(node.path("responses").get(status))
                .path("content")
                .path("application/json");
        if (content.isMissingNode()) {
            softly.assertThat(response.body())
                    .as("%s answers with an empty body", operation)
                    .isEmpty();
            return;
        }
        var answer = response.json();
        softly.assertThat(schemas.mismatches(content.path("schema"), answer))
                .as("%s answer %s", operation, answer)
                .isEmpty();
        if (schemas.resolve(content.path("schema")).has("type")) {
            return;
        }
        var requests = example.path("directMessageRequest");
        if (requests.isArray() && requests.size() > 1) {
            softly.assertThat(answer.isArray() && answer.size() == requests.size())
                    .as("%s answers with an array of %d ids: %s", operation, requests.size(), response)
                    .isTrue();
        } else {
            softly.assertThat(answer.isString())
                    .as("%s answers with one id as a JSON string: %s", operation, response)
                    .isTrue();
        }
    }

    // The v2 answer matches its schema, carries its required headers, and its ETag is the version it shows.
    private static void checkV2Answer(
            SoftAssertions softly,
            DescribedSchema schemas,
            Operation operation,
            JsonNode responseNode,
            Response response) {
        var described = schemas.resolve(responseNode);
        if (response.body().isEmpty()) {
            softly.assertThat(described.has("content"))
                    .as("%s answers without a body as described", operation)
                    .isFalse();
            return;
        }
        var answer = response.json();
        softly.assertThat(schemas.mismatches(
                        described.path("content").path("application/json").path("schema"), answer))
                .as("%s answer %s", operation, answer)
                .isEmpty();
        described.path("headers").properties().forEach(header -> {
            var resolved = schemas.resolve(header.getValue());
            if (resolved.path("required").asBoolean(false)) {
                softly.assertThat(response.header(header.getKey()))
                        .as("%s header %s", operation, header.getKey())
                        .isNotNull();
            }
        });
        var etag = response.header("ETag");
        if (described.path("headers").has("ETag") && etag != null) {
            var tag = ENTITY_TAG.matcher(etag);
            softly.assertThat(tag.matches())
                    .as("%s ETag %s is a strong tag of a version", operation, etag)
                    .isTrue();
            if (tag.matches()) {
                softly.assertThat(answer.path("version").asLong())
                        .as("%s version is the ETag's", operation)
                        .isEqualTo(Long.parseLong(tag.group(1)));
            }
        }
        var location = response.header("Location");
        if (location != null && answer.has("id")) {
            softly.assertThat(location)
                    .as("%s Location", operation)
                    .contains("/" + answer.get("id").asString());
        }
    }

    private record Example(JsonNode schema, JsonNode value) {}

    // The examples of a content map, by media type and name, with the schema they illustrate.
    private static Map<String, Example> examplesOf(JsonNode description, JsonNode content) {
        var examples = new LinkedHashMap<String, Example>();
        content.properties().forEach(media -> {
            var schema = media.getValue().path("schema");
            if (media.getValue().has("example")) {
                examples.put(
                        media.getKey(), new Example(schema, media.getValue().get("example")));
            }
            media.getValue().path("examples").properties().forEach(example -> {
                var value = resolve(description, example.getValue()).get("value");
                if (value != null) {
                    examples.put(media.getKey() + " " + example.getKey(), new Example(schema, value));
                }
            });
        });
        return examples;
    }

    private JsonNode description(String document) {
        var response = hub.request("GET", document, Map.of(), null);
        assertThat(response.status()).as("GET %s: %s", document, response).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/yaml");
        var description = YAML.readTree(response.body());
        assertThat(description.path("openapi").asString()).startsWith("3.");
        return description;
    }

    private static Map<Operation, JsonNode> operations(JsonNode description) {
        var operations = new LinkedHashMap<Operation, JsonNode>();
        description
                .path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().stream()
                        .filter(method -> HTTP_METHODS.contains(method.getKey()))
                        .forEach(method -> operations.put(
                                new Operation(method.getKey().toUpperCase(), path.getKey()), method.getValue())));
        return operations;
    }

    // Every (method, path pattern) the hub's controllers handle under the prefix; a mapping for any method shows as
    // ANY.
    private Set<Operation> handlerOperations(String prefix) {
        var operations = new TreeSet<Operation>();
        handlers.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
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
        return operation.path("responses").propertyNames().stream()
                .filter(status -> status.startsWith("2"))
                .toList();
    }

    private static boolean hasExample(JsonNode description, JsonNode content) {
        return content.properties().stream()
                .anyMatch(media -> media.getValue().has("example")
                        || media.getValue().path("examples").propertyNames().stream()
                                .anyMatch(name -> resolve(
                                                description,
                                                media.getValue()
                                                        .path("examples")
                                                        .get(name))
                                        .has("value")));
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
            response = hub.request(
                    "GET",
                    location.startsWith("http")
                            ? location.substring(hub.baseUrl().length())
                            : location,
                    Map.of(),
                    null);
        }
        return response;
    }
}
