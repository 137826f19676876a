package ee.datahub.enquiryhub.audit;

/** Why the audit refuses a request, in its own terms; the door it came in by says it its way. */
public sealed interface AuditRefusal {

    /** The audit log cannot be written: the answer is withheld rather than sent unrecorded. */
    record Unrecorded() implements AuditRefusal {}
}
