package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.platform.HubTime;
import java.util.Optional;
import java.util.UUID;

/** The fields an enquiry and an answer share in a {@link Snapshot}, as stored text read back in canonical form. */
public abstract sealed class StoredMessage permits Snapshot, Snapshot.Answer {

    final String id;
    final long version;
    final String status;
    final String comment;
    final String createdAt;
    final String updatedAt;

    StoredMessage(String id, long version, String status, String comment, String createdAt, String updatedAt) {
        this.id = id;
        this.version = version;
        this.status = status;
        this.comment = comment;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** The id as UUID writes it. */
    public String id() {
        return canonicalUuid(id);
    }

    public long version() {
        return version;
    }

    public RequestStatus status() {
        return RequestStatus.valueOf(status);
    }

    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** In {@link HubTime#format}'s form. */
    public String createdAt() {
        return HubTime.reformat(createdAt);
    }

    /** In {@link HubTime#format}'s form. */
    public String updatedAt() {
        return HubTime.reformat(updatedAt);
    }

    /** {@code UUID.fromString(text).toString()}, without parsing text that already is in that form. */
    static String canonicalUuid(String text) {
        return isCanonicalUuid(text) ? text : UUID.fromString(text).toString();
    }

    private static boolean isCanonicalUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }
}
