package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * A v1 error answer, checked against everything spec §4 and §4.1 promise of every error: the
 * expected status and code, never a 5xx, the error response V1 shape {@code {id, cause: {message,
 * code, traceId, args}}} with a message for a person, nothing internal, and the v1 document headers.
 */
public record V1ErrorAnswer(Response response, JsonNode cause) {

    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern HUB_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    /** What would betray the hub's insides: stack frames, class and package names, SQL, the database. */
    static final List<String> INTERNALS = List.of(
            "Exception",
            "\tat ",
            "ee.datahub",
            "org.springframework",
            "java.",
            "jakarta.",
            "tools.jackson",
            "com.nimbusds",
            "SQL",
            "select ",
            "insert into",
            "postgres",
            "jdbc",
            "null pointer");

    /** Asserts the answer is the error with this status and code, in the V1 shape, and returns it. */
    public static V1ErrorAnswer expectError(Response response, int status, String code) {
        assertThat(response.status()).as("no 5xx, ever: %s", response).isLessThan(500);
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .as("content type of %s", response)
                .startsWith("application/json");

        var json = response.json();
        assertThat(json.propertyNames()).as("V1 error shape: %s", response).containsExactlyInAnyOrder("id", "cause");
        assertThat(json.get("id").stringValue()).as("error id").matches(UUID_TEXT);
        var cause = json.get("cause");
        assertThat(cause.propertyNames())
                .as("V1 error cause: %s", response)
                .containsExactlyInAnyOrder("message", "code", "traceId", "args");
        assertThat(cause.get("code").stringValue()).as("code of %s", response).isEqualTo(code);
        assertThat(cause.get("message").isString()).isTrue();
        assertThat(cause.get("message").stringValue())
                .as("a message for a person")
                .isNotBlank();
        assertThat(cause.get("traceId").stringValue()).as("traceId").isNotBlank();
        assertThat(cause.get("args").isArray()).as("args is an array").isTrue();
        cause.get("args")
                .forEach(arg -> assertThat(arg.isString())
                        .as("args are strings: %s", response)
                        .isTrue());
        assertThat(response.body()).as("nothing internal in %s", response).doesNotContainIgnoringCase("stack");
        INTERNALS.forEach(internal -> assertThat(response.body())
                .as("nothing internal in %s", response)
                .doesNotContain(internal));

        assertThat(response.header("x-document-identification"))
                .as("answer document id")
                .matches(UUID_TEXT);
        assertThat(response.header("x-document-date-time"))
                .as("answer document time")
                .matches(HUB_TIME);
        var sent = response.raw().request().headers().firstValue("x-document-identification");
        if (sent.isPresent() && !sent.get().isBlank()) {
            assertThat(response.header("x-original-document-identification"))
                    .as("original document id")
                    .isEqualTo(sent.get());
        }
        return new V1ErrorAnswer(response, cause);
    }

    public String code() {
        return cause.get("code").stringValue();
    }

    public String message() {
        return cause.get("message").stringValue();
    }

    public String traceId() {
        return cause.get("traceId").stringValue();
    }

    public List<String> args() {
        return StreamSupport.stream(cause.get("args").spliterator(), false)
                .map(JsonNode::stringValue)
                .toList();
    }

    /** {@code args[0]}: the JSON path of the field or the name of the header that is wrong. */
    public String where() {
        var args = args();
        assertThat(args).as("args of %s", response).isNotEmpty();
        return args.getFirst();
    }

    /** The error's own id. */
    public String id() {
        return response.json().get("id").stringValue();
    }
}
