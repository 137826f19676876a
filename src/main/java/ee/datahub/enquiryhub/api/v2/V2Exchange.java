package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.ApiClient;
import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.CallerResolver;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.api.shared.ApiWrites;
import ee.datahub.enquiryhub.api.shared.DocumentHeaders;
import ee.datahub.enquiryhub.api.shared.Refusals;
import ee.datahub.enquiryhub.api.shared.RequestBody;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.platform.HubTime;
import ee.datahub.enquiryhub.write.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * How every v2 message is exchanged, in the spec's order of checks (§4.1, §7): 401 (security filters)
 * → 413 → 415 → 400 headers (context, document id, If-Match) → idempotent replay or 409 (writes) →
 * 400 body, path and query → 403 → 404 → 412 → 422. Writes go through the hub's one write pipeline; this class
 * speaks only v2: its headers, the V2 error body, v2's names for the domain's fields.
 */
@Component
class V2Exchange {

    private static final Pattern STRONG_TAG = Pattern.compile("\"(\\d{1,18})\"");

    private final ApiWrites writes;
    private final CallerResolver callers;

    V2Exchange(ApiWrites writes, CallerResolver callers) {
        this.writes = writes;
        this.callers = callers;
    }

    /** The market participant context of the headers. */
    record Context(Eic participant, MarketRole role, Commodity commodity) {}

    /**
     * What a message's handling gets: its caller, the version {@code If-Match} expects and the audit
     * trail. The caller is resolved (the 403s) when the handler first asks for it, so that a handler
     * reads its path, query and body first: the spec's order puts their 400s before any 403 (§4.1).
     */
    static final class Call {

        private final Supplier<Caller> resolver;
        private final Optional<Long> expectedVersion;
        private final AuditTrail audit;
        private Caller caller;

        private Call(Supplier<Caller> resolver, Optional<Long> expectedVersion, AuditTrail audit) {
            this.resolver = resolver;
            this.expectedVersion = expectedVersion;
            this.audit = audit;
        }

        /** The caller the context headers name, checked against the token and the action (403s). */
        Caller caller() {
            if (caller == null) {
                caller = resolver.get();
            }
            return caller;
        }

        Optional<Long> expectedVersion() {
            return expectedVersion;
        }

        AuditTrail audit() {
            return audit;
        }
    }

    @FunctionalInterface
    interface WriteHandler {
        Outcome handle(JsonNode body, Call call);
    }

    @FunctionalInterface
    interface ReadHandler {
        ResponseEntity<String> handle(Call call);
    }

    /** A write: tracked by its document id, replayed when repeated; honours If-Match. */
    ResponseEntity<String> write(HttpServletRequest request, String template, Action action, WriteHandler handler) {
        return write(request, template, action, true, handler);
    }

    /** A write that carries no body (DELETE): otherwise as {@link #write}; its handler gets no JSON. */
    ResponseEntity<String> writeWithoutBody(
            HttpServletRequest request,
            String template,
            Action action,
            java.util.function.Function<Call, Outcome> handler) {
        return write(request, template, action, false, (json, call) -> handler.apply(call));
    }

    private ResponseEntity<String> write(
            HttpServletRequest request, String template, Action action, boolean hasBody, WriteHandler handler) {
        var client = client();
        var trail = AuditTrail.of(request).action(template);
        try {
            var body = hasBody ? RequestBody.read(request) : RequestBody.absent();
            var context = context(request);
            var documentId = documentId(request);
            var expected = ifMatch(request);
            var scope = client.user().participant().map(Eic::value).orElse("client:" + client.clientId());
            return ApiWrites.respond(writes.write(
                    request,
                    template,
                    scope,
                    documentId,
                    body,
                    trail,
                    () -> handler.handle(hasBody ? body.json() : null, call(client, context, action, expected, trail)),
                    () -> V2Names.INSTANCE));
        } catch (HubException refused) {
            return ApiWrites.respond(ApiWrites.error(request, trail, refused), Map.of());
        }
    }

    /** A read: not tracked, repeated freely. */
    ResponseEntity<String> read(HttpServletRequest request, String template, Action action, ReadHandler handler) {
        var client = client();
        var trail = AuditTrail.of(request).action(template).viewed();
        try {
            var context = context(request);
            optionalDateTime(request);
            return handler.handle(call(client, context, action, Optional.empty(), trail));
        } catch (RuntimeException thrown) {
            var refused = Refusals.of(thrown, V2Names.INSTANCE).orElseThrow(() -> thrown);
            return ApiWrites.respond(ApiWrites.error(request, trail, refused), Map.of());
        }
    }

    /** True when {@code If-None-Match} names the current entity tag (weak comparison) or is {@code *}. */
    static boolean notModified(HttpServletRequest request, String etag) {
        var header = request.getHeader("If-None-Match");
        if (header == null) {
            return false;
        }
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    static UUID pathId(String text, String name) {
        return JsonObject.parseUuid(text, name);
    }

    private Call call(ApiClient client, Context context, Action action, Optional<Long> expected, AuditTrail trail) {
        trail.context(context.role().name(), context.commodity().name());
        return new Call(
                () -> callers.resolve(client, context.participant(), context.role(), context.commodity(), action),
                expected,
                trail);
    }

    private static ApiClient client() {
        return (ApiClient)
                SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }

    private static Context context(HttpServletRequest request) {
        var eic = required(request, V2Names.PARTICIPANT);
        Eic participant;
        try {
            participant = Eic.parse(eic, EicType.PARTY);
        } catch (InvalidEicException e) {
            throw JsonObject.eicError(V2Names.PARTICIPANT, e);
        }
        return new Context(
                participant,
                enumHeader(request, V2Names.ROLE, MarketRole.class),
                enumHeader(request, V2Names.COMMODITY, Commodity.class));
    }

    private static UUID documentId(HttpServletRequest request) {
        var id = JsonObject.parseUuid(
                required(request, DocumentHeaders.DOCUMENT_ID).trim(), DocumentHeaders.DOCUMENT_ID);
        optionalDateTime(request);
        return id;
    }

    /** {@code x-document-date-time} is optional in v2; when given, its format is checked. */
    private static void optionalDateTime(HttpServletRequest request) {
        var dateTime = request.getHeader(DocumentHeaders.DOCUMENT_DATE_TIME);
        if (dateTime != null && HubTime.parse(dateTime.trim()).isEmpty()) {
            throw new HubException(
                    ErrorCode.INVALID_DATE_TIME,
                    "x-document-date-time must be an ISO-8601 time with an offset in the years 0001-9999, like"
                            + " 2026-11-27T09:15:00+02:00",
                    DocumentHeaders.DOCUMENT_DATE_TIME,
                    dateTime);
        }
    }

    /** The version {@code If-Match} expects: empty without the header or with {@code *}. */
    private static Optional<Long> ifMatch(HttpServletRequest request) {
        var header = request.getHeader("If-Match");
        if (header == null || header.trim().equals("*")) {
            return Optional.empty();
        }
        var matcher = STRONG_TAG.matcher(header.trim());
        if (!matcher.matches()) {
            throw new HubException(
                    ErrorCode.INVALID_VALUE,
                    "If-Match takes one strong entity tag as the ETag header gave it, like \"3\", or *",
                    "If-Match",
                    header);
        }
        return Optional.of(Long.parseLong(matcher.group(1)));
    }

    private static String required(HttpServletRequest request, String name) {
        var value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            throw new HubException(ErrorCode.MISSING_HEADER, "The header " + name + " is required", name);
        }
        return value.trim();
    }

    private static <E extends Enum<E>> E enumHeader(HttpServletRequest request, String name, Class<E> type) {
        var text = required(request, name);
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(text))
                .findFirst()
                .orElseThrow(() -> {
                    var allowed = Arrays.stream(type.getEnumConstants())
                            .map(Enum::name)
                            .collect(Collectors.joining(" or "));
                    return new HubException(
                            ErrorCode.INVALID_ENUM,
                            name + " must be " + allowed + ", not " + text,
                            name,
                            text,
                            allowed);
                });
    }
}
