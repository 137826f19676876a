package ee.datahub.enquiryhub.support;

import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An HTTP answer of the hub: status, headers, raw body and the body as JSON. */
public record Response(int status, HttpResponse<String> raw) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    Response withStatus() {
        return new Response(raw.statusCode(), raw);
    }

    public String body() {
        return raw.body();
    }

    public JsonNode json() {
        return JSON.readTree(raw.body());
    }

    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    /** The error code of an error answer (V1 shape: {@code cause.code}; V2: {@code code}). */
    public String code() {
        var json = json();
        return json.has("cause")
                ? json.get("cause").get("code").stringValue()
                : json.get("code").stringValue();
    }

    /** The {@code args} of an error answer. */
    public List<String> args() {
        var json = json();
        var error = json.has("cause") ? json.get("cause") : json;
        return error.get("args").valueStream().map(JsonNode::stringValue).toList();
    }

    public String errorMessage() {
        var json = json();
        return json.has("cause")
                ? json.get("cause").get("message").stringValue()
                : json.get("message").stringValue();
    }

    /** The id a create answered with (a JSON string). */
    public String id() {
        return json().stringValue();
    }

    @Override
    public String toString() {
        return status + " " + raw.body();
    }
}
