package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.TreeMap;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON request body as the API doors read it, in the spec's order of checks: larger than 1 MiB →
 * 413 (decided before anything else in the body), not JSON → 415, then — only when the message reads
 * it — not UTF-8 or not JSON → 400 malformed-json. Parsed once; the canonical form (keys sorted)
 * fingerprints a write for idempotency, so that formatting does not make a retry differ.
 */
public final class RequestBody {

    public static final int MAX_BYTES = 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final byte[] bytes;
    private JsonNode json;
    private HubException unreadable;

    private RequestBody(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Reads the body of a request that must carry JSON (413, then 415). */
    public static RequestBody read(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        requireJson(request.getContentType());
        return new RequestBody(bytes);
    }

    /** The body of a write that carries none (a DELETE): nothing is read; it is fingerprinted by method and path. */
    public static RequestBody absent() {
        return new RequestBody(new byte[0]);
    }

    /** The body as JSON; 400 malformed-json when it is empty, not UTF-8 or not JSON. */
    public JsonNode json() {
        if (json == null && unreadable == null) {
            try {
                json = parse(bytes);
            } catch (HubException e) {
                unreadable = e;
            }
        }
        if (unreadable != null) {
            throw unreadable;
        }
        return json;
    }

    /** A digest of the request: method, path and the canonical body (the raw bytes if it is not JSON). */
    public String fingerprint(String method, String path) {
        String canonical;
        try {
            canonical = JSON.writeValueAsString(sorted(json()));
        } catch (HubException notJson) {
            canonical = HexFormat.of().formatHex(bytes);
        }
        return sha256(method + " " + path + "\n" + canonical);
    }

    private static JsonNode parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HubException(ErrorCode.MALFORMED_JSON, "The request body is not valid UTF-8", "body");
        }
        if (text.isBlank()) {
            throw new HubException(ErrorCode.MALFORMED_JSON, "The request body is empty; send a JSON object", "body");
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            var location = e.getLocation();
            throw new HubException(
                    ErrorCode.MALFORMED_JSON,
                    "The request body is not valid JSON"
                            + (location == null
                                    ? ""
                                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"),
                    "body");
        }
    }

    /**
     * JSON means {@code application/json}, in UTF-8 (API guide §2: any other type is 415): wildcards such as
     * {@code *}{@code /*} or {@code application/*} say nothing about the body, and another JSON type
     * ({@code application/json-patch+json}) means another thing than the hub reads.
     */
    private static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        boolean json = type != null
                && !type.isWildcardType()
                && !type.isWildcardSubtype()
                && type.getType().equals("application")
                && type.getSubtype().equals("json")
                && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8));
        if (!json) {
            throw new HubException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be JSON in UTF-8 (Content-Type: application/json)",
                    "Content-Type",
                    String.valueOf(contentType),
                    "application/json");
        }
    }

    private static HubException tooLarge() {
        return new HubException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than 1 MiB",
                "body",
                String.valueOf(MAX_BYTES));
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            var map = new TreeMap<String, Object>();
            node.properties().forEach(entry -> map.put(entry.getKey(), sorted(entry.getValue())));
            return map;
        }
        if (node.isArray()) {
            var list = new ArrayList<Object>();
            node.forEach(element -> list.add(sorted(element)));
            return list;
        }
        return node;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
