package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.error.ErrorResponses;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.TraceIdFilter;
import ee.datahub.enquiryhub.write.Outcome;
import ee.datahub.enquiryhub.write.WritePipeline;
import ee.datahub.enquiryhub.write.WriteRequest;
import ee.datahub.enquiryhub.write.Written;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What the API doors (v1, v2) share around the write pipeline: a write's request, its refusals
 * rendered as the version's error body (and named in the audit entry), and the answer.
 */
@Component
public class ApiWrites {

    private final WritePipeline pipeline;

    ApiWrites(WritePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Runs a write whose headers have been checked. {@code names} gives, when a refusal comes, how the
     * message names the domain's fields (it may depend on what the work has read so far).
     */
    public Written write(
            HttpServletRequest request,
            String template,
            String scope,
            UUID documentId,
            RequestBody body,
            AuditTrail trail,
            Supplier<Outcome> work,
            Supplier<FieldNames> names) {
        var answerId = DocumentHeaders.answerIdOf(request);
        return pipeline.write(
                new WriteRequest(
                        scope,
                        documentId,
                        template,
                        body.fingerprint(request.getMethod(), request.getRequestURI()),
                        answerId,
                        TraceIdFilter.traceIdOf(request),
                        template),
                trail,
                work,
                thrown -> Refusals.of(thrown, names.get()).map(error -> error(request, trail, error)));
    }

    /** A refusal as the answer of this request's API version; the audit entry names its code. */
    public static Outcome error(HttpServletRequest request, AuditTrail trail, HubException refused) {
        trail.failed(refused.error().code());
        return new Outcome(refused.error().status(), ErrorResponses.bodyFor(request, refused), Map.of());
    }

    /** The answer of a written outcome: a replay carries the document id the first answer carried. */
    public static ResponseEntity<String> respond(Written written) {
        return respond(
                written.outcome(),
                Map.of(DocumentHeaders.DOCUMENT_ID, written.answerDocumentId().toString()));
    }

    public static ResponseEntity<String> respond(Outcome outcome, Map<String, String> overrides) {
        var headers = new HttpHeaders();
        outcome.headers().forEach(headers::set);
        overrides.forEach(headers::set);
        if (!outcome.body().isEmpty()) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return ResponseEntity.status(outcome.status())
                .headers(headers)
                .body(outcome.body().isEmpty() ? null : outcome.body());
    }
}
