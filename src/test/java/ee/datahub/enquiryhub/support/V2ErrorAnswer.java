package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A v2 error answer, checked against everything spec §4 and §4.1 promise of every error: the expected
 * status and code, never a 5xx, the flat V2 shape {@code {id, message, code, traceId, args}} with a
 * message for a person, nothing internal, and the document headers every answer carries.
 */
public record V2ErrorAnswer(Response response, JsonNode body) {

    /** Asserts the answer is the error with this status and code, in the V2 shape, and returns it. */
    public static V2ErrorAnswer expectV2Error(Response response, int status, String code) {
        assertThat(response.status()).as("no 5xx, ever: %s", response).isLessThan(500);
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .as("content type of %s", response)
                .startsWith("application/json");

        var json = response.json();
        assertThat(json.propertyNames())
                .as("V2 error shape: %s", response)
                .containsExactlyInAnyOrder("id", "message", "code", "traceId", "args");
        assertThat(json.get("id").stringValue()).as("error id").matches(V1ErrorAnswer.UUID_TEXT);
        assertThat(json.get("code").stringValue()).as("code of %s", response).isEqualTo(code);
        assertThat(json.get("message").isString()).isTrue();
        assertThat(json.get("message").stringValue())
                .as("a message for a person")
                .isNotBlank();
        assertThat(json.get("traceId").stringValue()).as("traceId").isNotBlank();
        assertThat(json.get("args").isArray()).as("args is an array").isTrue();
        json.get("args")
                .forEach(arg -> assertThat(arg.isString())
                        .as("args are strings: %s", response)
                        .isTrue());
        assertThat(response.body()).as("nothing internal in %s", response).doesNotContainIgnoringCase("stack");
        V1ErrorAnswer.INTERNALS.forEach(internal -> assertThat(response.body())
                .as("nothing internal in %s", response)
                .doesNotContain(internal));

        assertThat(response.header("x-document-identification"))
                .as("answer document id")
                .matches(V1ErrorAnswer.UUID_TEXT);
        assertThat(response.header("x-document-date-time"))
                .as("answer document time")
                .matches(V1ErrorAnswer.HUB_TIME);
        var sent = response.raw().request().headers().firstValue("x-document-identification");
        if (sent.isPresent() && !sent.get().isBlank()) {
            assertThat(response.header("x-original-document-identification"))
                    .as("original document id")
                    .isEqualTo(sent.get());
        }
        assertThat(response.header("ETag")).as("an error carries no entity tag").isNull();
        assertThat(response.header("Location"))
                .as("an error carries no location")
                .isNull();
        return new V2ErrorAnswer(response, json);
    }

    public String code() {
        return body.get("code").stringValue();
    }

    public String message() {
        return body.get("message").stringValue();
    }

    public String traceId() {
        return body.get("traceId").stringValue();
    }

    public List<String> args() {
        return body.get("args").valueStream().map(JsonNode::stringValue).toList();
    }

    /** {@code args[0]}: the field, query parameter or header that is wrong. */
    public String where() {
        var args = args();
        assertThat(args).as("args of %s", response).isNotEmpty();
        return args.getFirst();
    }

    /** The error's own id. */
    public String id() {
        return body.get("id").stringValue();
    }
}
