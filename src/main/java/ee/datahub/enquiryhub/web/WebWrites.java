package ee.datahub.enquiryhub.web;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import ee.datahub.enquiryhub.web.EnquiryForms.WriteForm;
import ee.datahub.enquiryhub.write.Outcome;
import ee.datahub.enquiryhub.write.WritePipeline;
import ee.datahub.enquiryhub.write.WriteRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web forms' door to the hub's one write pipeline, as {@code ApiWrites} is the APIs': the work,
 * its outcome and its audit entry (naming the person) commit together. The document id is the one the
 * form was rendered with, so a double submit or a browser's retry replays the first outcome (where to
 * go next, or the refusal) instead of writing twice; the same id with other data is a 409. The scope is
 * the participant acted for, as in the APIs (spec §4 keys idempotency by it).
 */
@Component
class WebWrites {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // What a written form answers: a redirect (Spring MVC's {@code redirect:}) to the next page.
    private static final int REDIRECT = 302;

    private final WritePipeline pipeline;

    WebWrites(WritePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Where a written form leads: a page, and the message (key) its banner shows. */
    record Next(String location, String banner) {

        /** To the next page (POST, then redirect, then GET), which shows the banner once, if there is one. */
        String redirect() {
            return banner == null ? "redirect:" + location : Redirects.to(location, "banner", banner);
        }
    }

    /** A form's write done, now or by an earlier copy of the form ({@code replayed}). */
    record Written(Next next, boolean replayed) {}

    /**
     * Runs one form's write, named and bound to its document id by the request's operation
     * ({@link WebAudit}); {@code target} is what it writes to (an enquiry or answer id, or empty), part
     * of what the document id is bound to with the form's fields; {@code work} writes and returns where to go.
     *
     * @throws HubException the refusal, now or as an earlier copy of the form was refused
     */
    Written write(HttpServletRequest request, Caller caller, String target, WriteForm form, Supplier<Next> work) {
        var operation = WebAudit.operation(request);
        var trail = AuditTrail.of(request).action(operation);
        var documentId = form.documentUuid();
        var written = pipeline.write(
                new WriteRequest(
                        caller.eic().value(),
                        documentId,
                        operation,
                        fingerprint(operation, target, form.fields()),
                        UUID.randomUUID(),
                        TraceIdFilter.traceIdOf(request),
                        operation),
                trail,
                () -> new Outcome(REDIRECT, JSON.writeValueAsString(work.get()), Map.of()),
                thrown -> WebRefusals.of(thrown).map(errors -> {
                    var error = errors.getFirst();
                    trail.failed(error.error().code());
                    return new Outcome(error.error().status(), refusal(error), Map.of());
                }));
        var outcome = written.outcome();
        if (outcome.status() != REDIRECT) {
            throw refusal(outcome);
        }
        return new Written(JSON.readValue(outcome.body(), Next.class), written.replayed());
    }

    private static String fingerprint(String operation, String target, Map<String, String> fields) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            var canonical = operation + "\n" + target + "\n" + JSON.writeValueAsString(fields);
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record RecordedRefusal(String code, String message, String[] args) {}

    private static String refusal(HubException error) {
        return JSON.writeValueAsString(new RecordedRefusal(
                error.error().code(), error.getMessage(), error.args().toArray(String[]::new)));
    }

    private static HubException refusal(Outcome outcome) {
        var recorded = JSON.readValue(outcome.body(), RecordedRefusal.class);
        var code = Arrays.stream(ErrorCode.values())
                .filter(c -> c.code().equals(recorded.code()))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("a recorded outcome names an unknown code " + recorded.code()));
        return new HubException(code, recorded.message(), recorded.args());
    }
}
