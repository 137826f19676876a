package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.CallerResolver;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.api.shared.ApiWrites;
import ee.datahub.enquiryhub.api.shared.DocumentHeaders;
import ee.datahub.enquiryhub.api.shared.FieldNames;
import ee.datahub.enquiryhub.api.shared.Refusals;
import ee.datahub.enquiryhub.api.shared.RequestBody;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.HubTime;
import ee.datahub.enquiryhub.write.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * How every v1 message is exchanged, in the spec's order of checks (§4.1): 401 (by the security
 * filters) → 413 → 415 → 400 headers → idempotent replay or 409 (writes) → 400 body → 403 → 404 →
 * 422. Writes go through the hub's one {@link WritePipeline}; this class only speaks v1: headers,
 * the V1 error body and v1's names for the domain's fields.
 */
@Component
class V1Exchange {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiWrites writes;
    private final CallerResolver callers;

    V1Exchange(ApiWrites writes, CallerResolver callers) {
        this.writes = writes;
        this.callers = callers;
    }

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

    /** One message's handling: reads the body, resolves the caller, calls the domain. */
    @FunctionalInterface
    interface Handler {
        Outcome handle(JsonNode body, Call call);
    }

    /** What a handler may ask of the exchange while it runs. */
    final class Call {

        private final ApiClient client;
        private final AuditTrail trail;
        private FieldNames names = V1Names.MESSAGE;

        private Call(ApiClient client, AuditTrail trail) {
            this.client = client;
            this.trail = trail;
        }

        /** The caller the context names, checked against the token and the action (403s). */
        Caller caller(V1Messages.Context context, Action action) {
            trail.context(context.role().name(), context.commodity().name());
            return callers.resolve(client, context.participant(), context.role(), context.commodity(), action);
        }

        /** How this message names the domain's fields in its errors. */
        void names(FieldNames names) {
            this.names = names;
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
            var body = RequestBody.read(request);
            var documentId = checkHeaders(request);
            var scope = client.user().participant().map(Eic::value).orElse("client:" + client.clientId());
            var call = new Call(client, trail);
            return ApiWrites.respond(writes.write(
                    request,
                    template,
                    scope,
                    documentId,
                    body,
                    trail,
                    () -> handler.handle(body.json(), call),
                    () -> call.names));
        } catch (HubException refused) {
            return ApiWrites.respond(ApiWrites.error(request, trail, refused), Map.of());
        }
    }

    /** A read (search, change): not tracked, repeated freely. */
    ResponseEntity<String> read(HttpServletRequest request, String template, Handler handler) {
        var client = client();
        var trail = AuditTrail.of(request).action(template).viewed();
        var call = new Call(client, trail);
        try {
            var body = RequestBody.read(request);
            checkHeaders(request);
            return ApiWrites.respond(handler.handle(body.json(), call), Map.of());
        } catch (RuntimeException thrown) {
            var refused = Refusals.of(thrown, call.names).orElseThrow(() -> thrown);
            return ApiWrites.respond(ApiWrites.error(request, trail, refused), Map.of());
        }
    }

    private static ApiClient client() {
        return (ApiClient)
                SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }

    private static UUID checkHeaders(HttpServletRequest request) {
        var documentId = requiredHeader(request, DocumentHeaders.DOCUMENT_ID);
        var id = JsonObject.parseUuid(documentId.trim(), DocumentHeaders.DOCUMENT_ID);
        var dateTime = requiredHeader(request, DocumentHeaders.DOCUMENT_DATE_TIME);
        if (HubTime.parse(dateTime.trim()).isEmpty()) {
            throw new HubException(
                    ErrorCode.INVALID_DATE_TIME,
                    "x-document-date-time must be an ISO-8601 time with an offset in the years 0001-9999, like"
                            + " 2026-11-27T09:15:00+02:00",
                    DocumentHeaders.DOCUMENT_DATE_TIME,
                    dateTime);
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
}
