package ee.datahub.enquiryhub.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain action as the audit log records it, beside the request that did it: its name (e.g.
 * {@code GRANT_REVOKED}) and what it was done to, as named values ({@code person}, {@code participant},
 * {@code permissions}, …: codes and identifiers, never a comment or other free text a client wrote).
 */
public record AuditEvent(String name, Map<String, String> object) {

    /** The longest name the log keeps. */
    static final int NAME_LENGTH = 60;

    public AuditEvent {
        if (name.isBlank() || name.length() > NAME_LENGTH) {
            throw new IllegalArgumentException("an audit event's name is 1-" + NAME_LENGTH + " characters");
        }
        object = Map.copyOf(object);
    }

    /** An event of this name about {@code namesAndValues} (name, value, name, value, …; null values left out). */
    public static AuditEvent of(String name, Object... namesAndValues) {
        var object = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                object.put(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
            }
        }
        return new AuditEvent(name, object);
    }

    /** Records this event in the audit entry of the request being served, if there is one. */
    public void record() {
        AuditTrail.current().ifPresent(trail -> trail.did(this));
    }
}
