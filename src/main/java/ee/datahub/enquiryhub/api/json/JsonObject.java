package ee.datahub.enquiryhub.api.json;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.enquiry.Reason;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one JSON object of a request field by field, naming the JSON path of anything wrong. A
 * {@code null} value counts as absent. Unknown fields are refused when the object is opened. Values the
 * domain refuses are said here too ({@link #invalid}), in the spec's codes.
 */
public final class JsonObject {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final JsonNode node;
    private final String path;

    private JsonObject(JsonNode node, String path, Set<String> known) {
        this.node = node;
        this.path = path;
        for (var name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw new HubException(
                        ErrorCode.UNKNOWN_FIELD, pathOf(name) + " is not a field of this message", pathOf(name));
            }
        }
    }

    // Wraps a single value so that the field readers apply to it under the empty name.
    private JsonObject(JsonNode value, String path) {
        this.node = tools.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .set("", value);
        this.path = path;
    }

    /** Opens the request body, which must be a JSON object with only the known fields. */
    public static JsonObject body(JsonNode node, String... known) {
        if (node == null || !node.isObject()) {
            throw new HubException(ErrorCode.INVALID_VALUE, "The request body must be a JSON object", "body");
        }
        return new JsonObject(node, "", Set.of(known));
    }

    /** Opens a JSON value as an object of this path (for array elements). */
    public static JsonObject at(JsonNode node, String path, String... known) {
        if (!node.isObject()) {
            throw new HubException(ErrorCode.INVALID_VALUE, path + " must be a JSON object", path);
        }
        return new JsonObject(node, path, Set.of(known));
    }

    public String pathOf(String name) {
        return name.isEmpty() ? path : path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        return value(name).isPresent();
    }

    public Optional<JsonNode> value(String name) {
        var value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public JsonNode required(String name) {
        return value(name).orElseThrow(() -> invalid(new Reason.Missing(), pathOf(name)));
    }

    public Optional<JsonObject> object(String name, String... known) {
        return value(name).map(value -> at(value, pathOf(name), known));
    }

    public JsonObject requiredObject(String name, String... known) {
        return at(required(name), pathOf(name), known);
    }

    public Optional<String> string(String name) {
        return value(name).map(value -> {
            if (!value.isString()) {
                throw new HubException(
                        ErrorCode.INVALID_VALUE,
                        pathOf(name) + " must be a string",
                        pathOf(name),
                        value.toString(),
                        "a string");
            }
            // PostgreSQL text cannot hold U+0000: refuse it here rather than fail on storing or searching.
            if (value.stringValue().indexOf(0) >= 0) {
                throw invalid(new Reason.NulCharacter(), pathOf(name));
            }
            if (hasLoneSurrogate(value.stringValue())) {
                throw new HubException(
                        ErrorCode.INVALID_VALUE,
                        pathOf(name)
                                + " holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF), which is not a character",
                        pathOf(name));
            }
            return value.stringValue();
        });
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A string of at most {@code max} characters (Unicode code points). */
    public Optional<String> text(String name, int max) {
        return string(name).map(text -> {
            if (text.codePointCount(0, text.length()) > max) {
                throw invalid(new Reason.TooLong(max), pathOf(name));
            }
            return text;
        });
    }

    public Optional<Eic> eic(String name, Optional<EicType> type) {
        return string(name).map(text -> {
            try {
                return type.isPresent() ? Eic.parse(text, type.get()) : Eic.parse(text);
            } catch (InvalidEicException e) {
                throw eicError(pathOf(name), e);
            }
        });
    }

    public Eic requiredEic(String name, Optional<EicType> type) {
        required(name);
        return eic(name, type).orElseThrow();
    }

    public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
        return string(name)
                .map(text -> Arrays.stream(type.getEnumConstants())
                        .filter(constant -> constant.name().equals(text))
                        .findFirst()
                        .orElseThrow(() -> invalid(
                                new Reason.UnknownLiteral(
                                        text,
                                        Arrays.stream(type.getEnumConstants())
                                                .map(Enum::name)
                                                .toList()),
                                pathOf(name))));
    }

    public <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        required(name);
        return enumValue(name, type).orElseThrow();
    }

    /** A non-empty array of enum literals. */
    public <E extends Enum<E>> java.util.Set<E> requiredEnumSet(String name, Class<E> type) {
        var value = required(name);
        if (!value.isArray() || value.isEmpty()) {
            throw new HubException(ErrorCode.REQUIRED_FIELD, pathOf(name) + " must be a non-empty array", pathOf(name));
        }
        var result = new java.util.LinkedHashSet<E>();
        for (int i = 0; i < value.size(); i++) {
            var element = new JsonObject(value.get(i), pathOf(name) + "[" + i + "]");
            result.add(element.enumValue("", type)
                    .orElseThrow(() ->
                            new HubException(ErrorCode.REQUIRED_FIELD, pathOf(name) + " holds a null", pathOf(name))));
        }
        return result;
    }

    public Optional<UUID> uuid(String name) {
        return string(name).map(text -> parseUuid(text, pathOf(name)));
    }

    public UUID requiredUuid(String name) {
        required(name);
        return uuid(name).orElseThrow();
    }

    public Optional<Instant> dateTime(String name) {
        return string(name)
                .map(text -> HubTime.parse(text)
                        .orElseThrow(() -> new HubException(
                                ErrorCode.INVALID_DATE_TIME,
                                pathOf(name) + " must be an ISO-8601 time with an offset in the years 0001-9999, like"
                                        + " 2026-11-27T09:15:00+02:00",
                                pathOf(name),
                                text)));
    }

    public Instant requiredDateTime(String name) {
        required(name);
        return dateTime(name).orElseThrow();
    }

    public Optional<Integer> integer(String name) {
        return value(name).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new HubException(
                        ErrorCode.INVALID_VALUE,
                        pathOf(name) + " must be a whole number",
                        pathOf(name),
                        value.toString());
            }
            return value.intValue();
        });
    }

    public <T> Optional<T> map(String name, Function<JsonNode, T> reader) {
        return value(name).map(reader);
    }

    public static UUID parseUuid(String text, String where) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            throw new HubException(ErrorCode.INVALID_UUID, where + " must be a UUID", where, String.valueOf(text));
        }
        return UUID.fromString(text);
    }

    public static HubException eicError(String where, InvalidEicException e) {
        return invalid(new Reason.NotAnEic(e.text(), e.problem(), e.expected()), where);
    }

    /** A value the domain's rules refuse, said the API's way: the spec's code, {@code path} first in the args. */
    public static HubException invalid(Reason reason, String path) {
        return switch (reason) {
            case Reason.Missing r -> new HubException(ErrorCode.REQUIRED_FIELD, path + " is required", path);
            case Reason.TooLong r ->
                new HubException(
                        ErrorCode.MAX_LENGTH,
                        path + " is longer than " + r.max() + " characters",
                        path,
                        String.valueOf(r.max()));
            case Reason.Empty r -> new HubException(ErrorCode.INVALID_VALUE, path + " must not be empty", path);
            case Reason.NulCharacter r ->
                new HubException(ErrorCode.INVALID_VALUE, path + " must not contain the character U+0000", path);
            case Reason.UnknownLiteral r -> {
                var allowed = String.join(" or ", r.allowed());
                yield new HubException(
                        ErrorCode.INVALID_ENUM,
                        path + " must be " + allowed + ", not " + r.text(),
                        path,
                        r.text(),
                        allowed);
            }
            case Reason.NotAnEic r -> eicError(path, r);
        };
    }

    private static HubException eicError(String where, Reason.NotAnEic e) {
        return switch (e.problem()) {
            case FORMAT ->
                new HubException(
                        ErrorCode.INVALID_EIC_FORMAT,
                        where + " " + e.text()
                                + " is not an EIC (16 characters: 2 digits, a type letter, then upper-case"
                                + " letters, digits or '-')",
                        where,
                        e.text());
            case CHECK_CHARACTER ->
                new HubException(
                        ErrorCode.INVALID_EIC_CHECK_CHARACTER,
                        where + " " + e.text() + " has a wrong check character"
                                + (e.expected().equals("-")
                                        ? " (no check character makes it valid)"
                                        : " (expected " + e.expected() + ")"),
                        where,
                        e.text(),
                        e.expected());
            case WRONG_TYPE ->
                new HubException(
                        ErrorCode.INVALID_EIC_FORMAT,
                        where + " " + e.text() + " has the wrong type letter (expected " + e.expected() + ")",
                        where,
                        e.text(),
                        e.expected());
        };
    }
}
