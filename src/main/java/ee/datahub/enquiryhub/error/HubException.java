package ee.datahub.enquiryhub.error;

import java.util.List;

/**
 * An error a client caused or must be told about. {@link #getMessage()} is written for a person and
 * goes to the client only, never to the logs (it may quote personal data the client sent);
 * {@link #args()} names what is wrong (a JSON path or header name first), then the rejected value and
 * what was expected where those help.
 */
public final class HubException extends RuntimeException {

    private final ErrorCode error;
    private final List<String> args;

    public HubException(ErrorCode error, String message, String... args) {
        super(message, null, false, false);
        this.error = error;
        this.args = List.of(args);
    }

    public ErrorCode error() {
        return error;
    }

    public List<String> args() {
        return args;
    }
}
