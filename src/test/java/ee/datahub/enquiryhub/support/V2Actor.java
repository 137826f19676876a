package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.EnquiryJson.EnquiryBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A party acting in one role and commodity through API v2 (spec §7). */
public final class V2Actor {

    public static final String BASE = "/api/v2/direct-messages";

    private final HubClient hub;
    private final Party party;
    private final String role;
    private final String commodity;

    V2Actor(HubClient hub, Party party, String role, String commodity) {
        this.hub = hub;
        this.party = party;
        this.role = role;
        this.commodity = commodity;
    }

    public Party party() {
        return party;
    }

    public String role() {
        return role;
    }

    public String commodity() {
        return commodity;
    }

    /** The same party acting in another role and commodity. */
    public V2Actor actingAs(String otherRole, String otherCommodity) {
        return new V2Actor(hub, party, otherRole, otherCommodity);
    }

    /** Any v2 request as this actor; {@code headers} may override or remove (null) the defaults. */
    public Response request(String method, String path, String body, Map<String, String> headers) {
        return hub.v2(method, path, party, role, commodity, body, headers);
    }

    /** A v2 request whose body is raw bytes (e.g. not UTF-8). */
    public Response requestBytes(String method, String path, byte[] body, Map<String, String> headers) {
        return hub.requestBytes(method, path, hub.v2Headers(method, party, role, commodity, true, headers), body);
    }

    public Response create(EnquiryBuilder enquiry) {
        return create(enquiry.json(), Map.of());
    }

    public Response create(JsonNode body, Map<String, String> headers) {
        return request("POST", BASE, body.toString(), headers);
    }

    /** Creates an enquiry and returns its representation, failing the test if the hub refuses. */
    public JsonNode send(EnquiryBuilder enquiry) {
        var response = create(enquiry);
        assertThat(response.status()).as("create: %s", response).isEqualTo(201);
        return response.json();
    }

    /** Reads an enquiry's representation, failing the test if the hub refuses. */
    public JsonNode read(String id) {
        var response = get(id);
        assertThat(response.status()).as("read: %s", response).isEqualTo(200);
        return response.json();
    }

    public Response get(String id) {
        return get(id, Map.of());
    }

    public Response get(String id, Map<String, String> headers) {
        return request("GET", BASE + "/" + id, null, headers);
    }

    /** {@code query} without the leading {@code ?}, e.g. {@code "meterEic=...&sort=createdAt,asc"}. */
    public Response list(String query) {
        return request("GET", BASE + (query.isEmpty() ? "" : "?" + query), null, Map.of());
    }

    /** The ids of one list page, in order, failing the test if the hub refuses. */
    public List<String> listIds(String query) {
        var response = list(query);
        assertThat(response.status()).as("list %s: %s", query, response).isEqualTo(200);
        return response.json()
                .get("content")
                .valueStream()
                .map(e -> e.get("id").stringValue())
                .toList();
    }

    public Response change(String id, ObjectNode change) {
        return change(id, change, Map.of());
    }

    public Response change(String id, ObjectNode change, Map<String, String> headers) {
        return request("PUT", BASE + "/" + id, change.toString(), headers);
    }

    public Response answer(String id, String status, String comment) {
        return answer(id, status, comment, Map.of());
    }

    public Response answer(String id, String status, String comment, Map<String, String> headers) {
        return request(
                "POST",
                BASE + "/" + id + "/responses",
                EnquiryJson.object("requestStatus", status, "responseComment", comment)
                        .toString(),
                headers);
    }

    /** Answers and returns the new answer's id (the last segment of its Location), failing the test if the hub refuses. */
    public String answerId(String id, String status, String comment) {
        var response = answer(id, status, comment);
        assertThat(response.status()).as("answer: %s", response).isEqualTo(201);
        var location = response.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public Response changeAnswer(String id, String responseId, ObjectNode change) {
        return changeAnswer(id, responseId, change, Map.of());
    }

    public Response changeAnswer(String id, String responseId, ObjectNode change, Map<String, String> headers) {
        return request("PUT", BASE + "/" + id + "/responses/" + responseId, change.toString(), headers);
    }

    /** One read of the cursor feed; null arguments are left out. */
    public Response changes(String after, Integer limit, Integer waitSeconds) {
        var query = new ArrayList<String>();
        if (after != null) {
            query.add("after=" + after);
        }
        if (limit != null) {
            query.add("limit=" + limit);
        }
        if (waitSeconds != null) {
            query.add("wait=" + waitSeconds);
        }
        return request(
                "GET", BASE + "/changes" + (query.isEmpty() ? "" : "?" + String.join("&", query)), null, Map.of());
    }

    /** Follows the cursor feed from {@code after} until a read returns nothing; the changes in order and the last cursor. */
    public Followed follow(String after) {
        var changes = new ArrayList<JsonNode>();
        var cursor = after;
        while (true) {
            var response = changes(cursor, 500, null);
            assertThat(response.status()).as("changes: %s", response).isEqualTo(200);
            var content = response.json().get("content");
            content.forEach(changes::add);
            cursor = response.json().get("nextCursor").stringValue();
            if (content.isEmpty()) {
                return new Followed(changes, cursor);
            }
        }
    }

    /**
     * Follows the cursor feed from {@code after} until it has returned {@code count} changes, waiting
     * for them as a client does ({@code wait}): a change becomes visible once the stamper has stamped
     * it, a moment after its write committed. Fails if they do not all come within a minute.
     */
    public Followed follow(String after, int count) {
        var changes = new ArrayList<JsonNode>();
        var cursor = after;
        var deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (changes.size() < count) {
            assertThat(Instant.now())
                    .as("%d changes within a minute; so far %s", count, changes)
                    .isBefore(deadline);
            var response = changes(cursor, 500, 5);
            assertThat(response.status()).as("changes: %s", response).isEqualTo(200);
            response.json().get("content").forEach(changes::add);
            cursor = response.json().get("nextCursor").stringValue();
        }
        return new Followed(changes, cursor);
    }

    public record Followed(List<JsonNode> changes, String cursor) {}
}
