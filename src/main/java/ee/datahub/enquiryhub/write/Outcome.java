package ee.datahub.enquiryhub.write;

import java.util.Map;

/**
 * How a door answers a write: its status, body and headers, rendered by the door and recorded by the
 * pipeline unchanged, so that a repetition is answered exactly the same. Opaque to the pipeline.
 */
public record Outcome(int status, String body, Map<String, String> headers) {

    public Outcome {
        headers = Map.copyOf(headers);
    }

    public boolean failed() {
        return status >= 400;
    }
}
