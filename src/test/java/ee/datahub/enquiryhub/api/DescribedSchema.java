package ee.datahub.enquiryhub.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON value against a schema of an OpenAPI description: the subset the hub's descriptions use
 * ({@code $ref}, {@code allOf}, types, {@code properties}, {@code required}, {@code enum}, the
 * {@code uuid} and {@code date-time} formats, {@code pattern}, lengths, bounds, item and property counts).
 * A property the schema does not declare is a mismatch, whether or not it says
 * {@code additionalProperties: false}: a field the description does not name is undocumented.
 */
final class DescribedSchema {

    private final JsonNode description;

    DescribedSchema(JsonNode description) {
        this.description = description;
    }

    /** What is wrong with the value, each as "path: problem"; empty when it matches. */
    List<String> mismatches(JsonNode schema, JsonNode value) {
        var problems = new ArrayList<String>();
        check(schema, value, "$", problems);
        return problems;
    }

    JsonNode resolve(JsonNode node) {
        var resolved = node;
        while (resolved != null && resolved.has("$ref")) {
            resolved = description.at(resolved.get("$ref").asString().substring(1));
        }
        return resolved;
    }

    private void check(JsonNode schemaNode, JsonNode value, String path, List<String> problems) {
        var schema = resolve(schemaNode);
        if (schema.has("allOf")) {
            // the parts describe one object together: a property of one part is no stranger to another
            if (!value.isObject()) {
                problems.add(path + ": not an object but " + value);
                return;
            }
            checkProperties(schema, value, path, problems);
            return;
        }
        var type = schema.path("type").asString("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + ": not an object but " + value);
                    return;
                }
                checkProperties(schema, value, path, problems);
                if (schema.has("minProperties")
                        && value.size() < schema.get("minProperties").asInt()) {
                    problems.add(
                            path + ": fewer than " + schema.get("minProperties").asInt() + " properties");
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": not an array but " + value);
                    return;
                }
                if (schema.has("minItems")
                        && value.size() < schema.get("minItems").asInt()) {
                    problems.add(path + ": fewer than " + schema.get("minItems").asInt() + " items");
                }
                if (schema.has("maxItems")
                        && value.size() > schema.get("maxItems").asInt()) {
                    problems.add(path + ": more than " + schema.get("maxItems").asInt() + " items");
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), path + "[" + i + "]", problems);
                }
            }
            case "string" -> checkString(schema, value, path, problems);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": not an integer but " + value);
                    return;
                }
                if (schema.has("minimum")
                        && value.asLong() < schema.get("minimum").asLong()) {
                    problems.add(path + ": below " + schema.get("minimum").asLong());
                }
                if (schema.has("maximum")
                        && value.asLong() > schema.get("maximum").asLong()) {
                    problems.add(path + ": above " + schema.get("maximum").asLong());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": not a boolean but " + value);
                }
            }
            default -> {
                // no type: any JSON value (the v1 create answer, a string or an array)
            }
        }
    }

    private void checkProperties(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (!value.isObject()) {
            return;
        }
        var declared = declaredProperties(schema);
        value.properties().forEach(entry -> {
            var property = declared.path(entry.getKey());
            if (property.isMissingNode()) {
                problems.add(path + "." + entry.getKey() + ": not a documented property");
            } else {
                check(property, entry.getValue(), path + "." + entry.getKey(), problems);
            }
        });
        requiredProperties(schema).forEach(name -> {
            if (!value.has(name)) {
                problems.add(path + "." + name + ": required but absent");
            }
        });
    }

    // The properties of the schema and of its allOf parts, by name.
    private JsonNode declaredProperties(JsonNode schemaNode) {
        var schema = resolve(schemaNode);
        var all = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        schema.path("properties").properties().forEach(entry -> all.set(entry.getKey(), entry.getValue()));
        schema.path("allOf")
                .forEach(part -> declaredProperties(part)
                        .properties()
                        .forEach(entry -> all.set(entry.getKey(), entry.getValue())));
        return all;
    }

    private List<String> requiredProperties(JsonNode schemaNode) {
        var schema = resolve(schemaNode);
        var required = new ArrayList<String>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        schema.path("allOf").forEach(part -> required.addAll(requiredProperties(part)));
        return required;
    }

    private static void checkString(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (!value.isString()) {
            problems.add(path + ": not a string but " + value);
            return;
        }
        var text = value.asString();
        if (schema.has("enum")) {
            var allowed = new ArrayList<String>();
            schema.get("enum").forEach(literal -> allowed.add(literal.asString()));
            if (!allowed.contains(text)) {
                problems.add(path + ": " + text + " is none of " + allowed);
            }
        }
        switch (schema.path("format").asString("")) {
            case "uuid" -> {
                try {
                    UUID.fromString(text);
                } catch (IllegalArgumentException e) {
                    problems.add(path + ": " + text + " is not a UUID");
                }
            }
            case "date-time" -> {
                try {
                    OffsetDateTime.parse(text);
                } catch (DateTimeParseException e) {
                    problems.add(path + ": " + text + " is not a date-time");
                }
            }
            default -> {
                // no format to check
            }
        }
        if (schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asString())
                        .matcher(text)
                        .find()) {
            problems.add(path + ": " + text + " does not match "
                    + schema.get("pattern").asString());
        }
        var length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            problems.add(path + ": shorter than " + schema.get("minLength").asInt());
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            problems.add(path + ": longer than " + schema.get("maxLength").asInt());
        }
    }
}
