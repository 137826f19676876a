package ee.datahub.enquiryhub.audit;

import ee.datahub.enquiryhub.platform.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What one request did with enquiry data, collected while it runs and written as one audit entry
 * when it ends: who (client, participant, role, commodity), which message, which enquiries and
 * answers it returned or changed, and the error code if it failed. Never any payload.
 */
public final class AuditTrail {

    private static final String ATTRIBUTE = AuditTrail.class.getName();

    private String requestId;
    private String sourceAddress;
    private String clientId;
    private String participant;
    private String role;
    private String commodity;
    private String action;
    private String errorCode;
    private String answeredCode;
    private final List<UUID> enquiries = new ArrayList<>();
    private final List<UUID> answers = new ArrayList<>();
    private boolean written;
    private boolean unrecorded;
    private AuditEvent event;
    private Kind kind;

    /** Whether an entry records an action (a change, a sign-in, a delivery) or only a view of data. */
    public enum Kind {
        ACTION,
        VIEW
    }

    /** The trail of the current request; a detached one (written nowhere) outside audited paths. */
    public static AuditTrail of(HttpServletRequest request) {
        var trail = request.getAttribute(ATTRIBUTE);
        return trail instanceof AuditTrail t ? t : new AuditTrail();
    }

    /** The trail of work the hub does on its own, outside any request (a push delivery sends enquiry data). */
    public static AuditTrail ofBackgroundWork() {
        return new AuditTrail();
    }

    /** The trail of the request this thread serves, if it serves one that is audited. */
    public static Optional<AuditTrail> current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                        && attributes.getRequest().getAttribute(ATTRIBUTE) instanceof AuditTrail trail
                ? Optional.of(trail)
                : Optional.empty();
    }

    static AuditTrail start(HttpServletRequest request) {
        var trail = new AuditTrail();
        trail.kind = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) ? Kind.VIEW : null;
        var requestId = TraceIdFilter.requestIdOf(request);
        trail.requestId = requestId.isEmpty() ? null : requestId;
        trail.sourceAddress = TraceIdFilter.clientAddressOf(request);
        request.setAttribute(ATTRIBUTE, trail);
        return trail;
    }

    /** The hub's own id of the request and the client's address (set from the request when the trail starts). */
    public AuditTrail request(String requestId, String sourceAddress) {
        this.requestId = requestId;
        this.sourceAddress = sourceAddress;
        return this;
    }

    public AuditTrail client(String clientId, String participant) {
        this.clientId = clientId;
        this.participant = participant;
        return this;
    }

    public AuditTrail context(String role, String commodity) {
        this.role = role;
        this.commodity = commodity;
        return this;
    }

    public AuditTrail action(String action) {
        this.action = action;
        return this;
    }

    /** The domain action this request took (the last one named, when it took several). */
    public AuditTrail did(AuditEvent event) {
        this.event = event;
        return this;
    }

    /** Forgets the domain action named so far: its work was rolled back (refused, or a repetition replayed). */
    public AuditTrail undone() {
        this.event = null;
        return this;
    }

    /** Records the entry as a view of data (a push delivery, say): hidden in the log's default view. */
    public AuditTrail viewed() {
        this.kind = Kind.VIEW;
        return this;
    }

    Optional<AuditEvent> event() {
        return Optional.ofNullable(event);
    }

    /** A view, unless it took a domain action; an action when nothing says it was a view. */
    Kind kind() {
        return event == null && kind == Kind.VIEW ? Kind.VIEW : Kind.ACTION;
    }

    public AuditTrail failed(String errorCode) {
        this.errorCode = errorCode;
        return this;
    }

    /** The code of the error the request was answered with; an error code given by {@link #failed} wins. */
    public AuditTrail answered(String errorCode) {
        this.answeredCode = errorCode;
        return this;
    }

    public AuditTrail enquiries(Collection<UUID> ids) {
        ids.stream().filter(id -> !enquiries.contains(id)).forEach(enquiries::add);
        return this;
    }

    public AuditTrail answers(Collection<UUID> ids) {
        ids.stream().filter(id -> !answers.contains(id)).forEach(answers::add);
        return this;
    }

    Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    Optional<String> sourceAddress() {
        return Optional.ofNullable(sourceAddress);
    }

    /**
     * Makes this the trail of a repeated write: it names what the first one named (the work of the
     * repetition was rolled back) and the first one's error, if any.
     */
    public AuditTrail replayOf(Collection<UUID> enquiryIds, Collection<UUID> answerIds, Optional<String> errorCode) {
        undone();
        enquiries.clear();
        answers.clear();
        enquiries(enquiryIds);
        answers(answerIds);
        this.errorCode = errorCode.orElse(null);
        return this;
    }

    /**
     * Writes no entry for this request: for the web inbox's live-update polls that returned nothing
     * (they disclosed and changed nothing, and an open inbox polls every half minute all day). Whatever
     * such a poll returns, and every refused one, is recorded as usual.
     */
    public AuditTrail unrecorded() {
        unrecorded = true;
        return this;
    }

    boolean isUnrecorded() {
        return unrecorded;
    }

    /** True once the entry has been written (inside a write's transaction); the request filter then writes none. */
    boolean written() {
        return written;
    }

    void markWritten() {
        written = true;
    }

    Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    Optional<String> participant() {
        return Optional.ofNullable(participant);
    }

    Optional<String> role() {
        return Optional.ofNullable(role);
    }

    Optional<String> commodity() {
        return Optional.ofNullable(commodity);
    }

    Optional<String> action() {
        return Optional.ofNullable(action);
    }

    Optional<String> answeredCode() {
        return Optional.ofNullable(answeredCode);
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public List<UUID> enquiryIds() {
        return List.copyOf(enquiries);
    }

    public List<UUID> answerIds() {
        return List.copyOf(answers);
    }
}
