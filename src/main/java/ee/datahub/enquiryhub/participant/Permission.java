package ee.datahub.enquiryhub.participant;

import java.util.Set;

/** What a technical user may do on behalf of its participant. */
public enum Permission {
    /** Everything of its participant, technical users included. */
    ADMIN,
    /** Read, search and scan enquiries. */
    VIEWER_DIRECT_MESSAGE,
    /** Read and write enquiries. */
    EDITOR_DIRECT_MESSAGE,
    /** The hub operator's own clients: register participants and metering points. */
    HUB_OPERATOR;

    public static boolean canRead(Set<Permission> permissions) {
        return permissions.contains(ADMIN)
                || permissions.contains(VIEWER_DIRECT_MESSAGE)
                || permissions.contains(EDITOR_DIRECT_MESSAGE);
    }

    public static boolean canWrite(Set<Permission> permissions) {
        return permissions.contains(ADMIN) || permissions.contains(EDITOR_DIRECT_MESSAGE);
    }
}
