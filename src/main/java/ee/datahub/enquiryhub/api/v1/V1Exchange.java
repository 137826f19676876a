package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.CallerResolver;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.idempotency.IdempotentWrites;
import ee.datahub.enquiryhub.platform.HubTime;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * How every v1 message is exchanged, in the spec's order of checks (§4.1): 401 (by the security
 * filters) → 413 → 415 → 400 headers → idempotent replay or 409 (writes) → 400 body → 403 → 404 →
 * 422. A write runs in one transaction with its idempotency record; its business part runs under a
 * savepoint, so a refused write leaves nothing behind but its recorded outcome.
 */
@Component
class V1Exchange {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final IdempotentWrites idempotency;
    private final CallerResolver callers;
    private final TransactionTemplate writeTransaction;
    private final TransactionTemplate savepoint;

    V1Exchange(IdempotentWrites idempotency, CallerResolver callers, PlatformTransactionManager transactions) {
        this.idempotency = idempotency;
        this.callers = callers;
        this.writeTransaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The answer of a handled message. */
    record Outcome(int status, String body, Map<String, String> headers) {

        static Outcome created(JsonNode body) {
            return new Outcome(201, JSON.writeValueAsString(body), Map.of());
        }

        static Outcome ok() {
            return new Outcome(200, "", Map.of());
        }

        static Outcome page(ArrayNode rows, Page<?> page) {
            var headers = new LinkedHashMap<String, String>();
            headers.put("x-pagination-page", String.valueOf(page.page()));
            headers.put("x-pagination-page-size", String.valueOf(page.size()));
            headers.put("x-pagination-total-pages", String.valueOf(page.totalPages()));
            headers.put("x-pagination-total-elements", String.valueOf(page.totalElements()));
            return new Outcome(200, JSON.writeValueAsString(rows), headers);
        }
    }

    /** One message's handling: reads the body, resolves the caller, calls the domain. */
    @FunctionalInterface
    interface Handler {
        Outcome handle(JsonNode body, Call call);
    }

    /** What a handler may ask of the exchange while it runs. */
    final class Call {

        private final ApiClient client;
        private final AuditTrail trail;

        private Call(ApiClient client, AuditTrail trail) {
            this.client = client;
            this.trail = trail;
        }

        /** The caller the context names, checked against the token and the action (403s). */
        Caller caller(V1Messages.Context context, Action action) {
            trail.context(context.role().name(), context.commodity().name());
            return callers.resolve(client, context.participant(), context.role(), context.commodity(), action);
        }

        AuditTrail audit() {
            return trail;
        }
    }

    ArrayNode newArray() {
        return JSON.createArrayNode();
    }

    JsonNode text(String value) {
        return JSON.getNodeFactory().stringNode(value);
    }

    /** A write: tracked by its document id, replayed when repeated. */
    ResponseEntity<String> write(HttpServletRequest request, String template, Handler handler) {
        var client = client();
        var trail = AuditTrail.of(request).action(template);
        try {
            var raw = body(request);
            var documentId = checkHeaders(request);
            var callerKey = client.user().participant().map(Eic::value).orElse("client:" + client.clientId());
            var requestHash = hash(request.getMethod() + " " + request.getRequestURI() + "\n" + canonical(raw));
            var answerId = DocumentHeaders.answerIdOf(request);
            return writeTransaction.execute(tx -> {
                var replay = idempotency.claim(callerKey, documentId, template, requestHash, answerId);
                if (replay.isPresent()) {
                    var first = replay.get();
                    return respond(new Outcome(first.status(), first.body(), Map.of()),
                            Map.of(DocumentHeaders.DOCUMENT_ID, first.responseDocumentId().toString()));
                }
                Outcome outcome;
                try {
                    outcome = savepoint.execute(status -> handler.handle(parse(raw), new Call(client, trail)));
                } catch (HubException refused) {
                    outcome = error(request, trail, refused);
                }
                idempotency.complete(callerKey, documentId, outcome.status(), outcome.body());
                return respond(outcome, Map.of());
            });
        } catch (HubException refused) {
            return respond(error(request, trail, refused), Map.of());
        }
    }

    /** A read (search, change): not tracked, repeated freely. */
    ResponseEntity<String> read(HttpServletRequest request, String template, Handler handler) {
        var client = client();
        var trail = AuditTrail.of(request).action(template);
        try {
            var raw = body(request);
            checkHeaders(request);
            return respond(handler.handle(parse(raw), new Call(client, trail)), Map.of());
        } catch (HubException refused) {
            return respond(error(request, trail, refused), Map.of());
        }
    }

    private static ApiClient client() {
        return (ApiClient) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }

    private static Outcome error(HttpServletRequest request, AuditTrail trail, HubException refused) {
        trail.failed(refused.error().code());
        return new Outcome(refused.error().status(), ErrorResponses.bodyFor(request, refused), Map.of());
    }

    private static ResponseEntity<String> respond(Outcome outcome, Map<String, String> overrides) {
        var headers = new HttpHeaders();
        outcome.headers().forEach(headers::set);
        overrides.forEach(headers::set);
        if (!outcome.body().isEmpty()) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return ResponseEntity.status(outcome.status()).headers(headers).body(outcome.body().isEmpty() ? null : outcome.body());
    }

    private static String body(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try {
            bytes = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        requireJson(request);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static HubException tooLarge() {
        return new HubException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than 1 MiB", "body",
                String.valueOf(MAX_BODY_BYTES));
    }

    private static void requireJson(HttpServletRequest request) {
        var contentType = request.getContentType();
        boolean json;
        try {
            json = contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            json = false;
        }
        if (!json) {
            throw new HubException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be JSON (Content-Type: application/json)",
                    "Content-Type", String.valueOf(contentType), "application/json");
        }
    }

    private static UUID checkHeaders(HttpServletRequest request) {
        var documentId = requiredHeader(request, DocumentHeaders.DOCUMENT_ID);
        var id = JsonObject.parseUuid(documentId.trim(), DocumentHeaders.DOCUMENT_ID);
        var dateTime = requiredHeader(request, DocumentHeaders.DOCUMENT_DATE_TIME);
        if (HubTime.parse(dateTime.trim()).isEmpty()) {
            throw new HubException(ErrorCode.INVALID_DATE_TIME,
                    "x-document-date-time must be an ISO-8601 time with an offset in the years 0001-9999, like"
                            + " 2026-11-27T09:15:00+02:00",
                    DocumentHeaders.DOCUMENT_DATE_TIME, dateTime);
        }
        return id;
    }

    private static String requiredHeader(HttpServletRequest request, String name) {
        var value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            throw new HubException(ErrorCode.MISSING_HEADER, "The header " + name + " is required", name);
        }
        return value;
    }

    private static JsonNode parse(String raw) {
        if (raw.isBlank()) {
            throw new HubException(ErrorCode.MALFORMED_JSON, "The request body is empty; send a JSON object", "body");
        }
        try {
            return JSON.readTree(raw);
        } catch (JacksonException e) {
            var location = e.getLocation();
            throw new HubException(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"),
                    "body");
        }
    }

    /** The body as canonical JSON (keys sorted, no spaces), so that formatting does not make a retry differ. */
    private static String canonical(String raw) {
        try {
            return JSON.writeValueAsString(sorted(JSON.readTree(raw)));
        } catch (RuntimeException e) {
            return raw;
        }
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            var map = new TreeMap<String, Object>();
            node.properties().forEach(entry -> map.put(entry.getKey(), sorted(entry.getValue())));
            return map;
        }
        if (node.isArray()) {
            var list = new java.util.ArrayList<Object>();
            node.forEach(element -> list.add(sorted(element)));
            return list;
        }
        return node;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
