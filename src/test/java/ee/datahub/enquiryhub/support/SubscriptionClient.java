package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A party's ADMIN (or another technical user) managing push subscriptions through API v2, in one role and commodity. */
public final class SubscriptionClient {

    public static final String BASE = "/api/v2/subscriptions";

    private final HubClient hub;
    private final Party party;
    private final String role;
    private final String commodity;

    public SubscriptionClient(HubClient hub, Party party, String role, String commodity) {
        this.hub = hub;
        this.party = party;
        this.role = role;
        this.commodity = commodity;
    }

    public Party party() {
        return party;
    }

    public Response request(String method, String path, String body, Map<String, String> headers) {
        var all = new java.util.HashMap<String, String>();
        if (method.equals("DELETE")) {
            all.put("x-document-identification", UUID.randomUUID().toString());
        }
        all.putAll(headers);
        return hub.v2(method, path, party, role, commodity, body, all);
    }

    public static ObjectNode body(String url, String... kinds) {
        var body = EnquiryJson.object("url", url);
        var array = body.putArray("kinds");
        for (var kind : kinds) {
            array.add(kind);
        }
        return body;
    }

    public Response create(ObjectNode body) {
        return create(body, Map.of());
    }

    public Response create(ObjectNode body, Map<String, String> headers) {
        return request("POST", BASE, body.toString(), headers);
    }

    /** Creates a subscription and returns its representation with its secret, failing the test if the hub refuses. */
    public JsonNode subscribe(String url, String... kinds) {
        var response = create(body(url, kinds));
        assertThat(response.status()).as("subscribe: %s", response).isEqualTo(201);
        return response.json();
    }

    public Response list(String query) {
        return request("GET", BASE + (query.isEmpty() ? "" : "?" + query), null, Map.of());
    }

    public Response get(String id) {
        return request("GET", BASE + "/" + id, null, Map.of());
    }

    public Response change(String id, ObjectNode change) {
        return change(id, change, Map.of());
    }

    public Response change(String id, ObjectNode change, Map<String, String> headers) {
        return request("PUT", BASE + "/" + id, change.toString(), headers);
    }

    public Response delete(String id) {
        return delete(id, Map.of());
    }

    public Response delete(String id, Map<String, String> headers) {
        return request("DELETE", BASE + "/" + id, null, headers);
    }

    public Response rotate(String id, ObjectNode body) {
        return request("POST", BASE + "/" + id + "/secret-rotations", body.toString(), Map.of());
    }

    public Response replay(String id, String since) {
        return request(
                "POST",
                BASE + "/" + id + "/replays",
                EnquiryJson.object("since", since).toString(),
                Map.of());
    }

    /** {@code query} without the leading {@code ?}. */
    public Response deliveries(String id, String query) {
        return request("GET", BASE + "/" + id + "/deliveries" + (query.isEmpty() ? "" : "?" + query), null, Map.of());
    }

    /** The subscription's status as it reads now. */
    public String status(String id) {
        var response = get(id);
        assertThat(response.status()).as("read subscription: %s", response).isEqualTo(200);
        return response.json().get("status").stringValue();
    }
}
