package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.EnquiryJson.EnquiryBuilder;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A party acting in one role and commodity: sends the six v1 messages for it. */
public final class Actor {

    private final HubClient hub;
    private final Party party;
    private final String role;
    private final String commodity;

    Actor(HubClient hub, Party party, String role, String commodity) {
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
    public Actor actingAs(String otherRole, String otherCommodity) {
        return new Actor(hub, party, otherRole, otherCommodity);
    }

    public ObjectNode context() {
        return EnquiryJson.context(party.eic(), role, commodity);
    }

    public Response create(EnquiryBuilder... enquiries) {
        return hub.v1("POST", "/api/v1/direct-messages", party, EnquiryJson.createBody(context(), List.of(enquiries)));
    }

    /** Creates one enquiry and returns its id, failing the test if the hub refuses. */
    public String send(EnquiryBuilder enquiry) {
        var response = create(enquiry);
        assertThat(response.status()).as("create: %s", response).isEqualTo(201);
        return response.id();
    }

    public Response change(String requestId, ObjectNode change) {
        return hub.v1(
                "PUT",
                "/api/v1/direct-messages",
                party,
                EnquiryJson.object(
                        "marketParticipantContext",
                        context(),
                        "messageRequestId",
                        requestId,
                        "directMessageRequestChange",
                        change));
    }

    /** The draft's path form {@code PUT /api/v1/direct-messages/{messageRequestId}}: the id only in the path. */
    public Response changeByPath(String requestId, ObjectNode change) {
        return hub.v1(
                "PUT",
                "/api/v1/direct-messages/" + requestId,
                party,
                EnquiryJson.object("marketParticipantContext", context(), "directMessageRequestChange", change));
    }

    public Response cancel(String requestId) {
        return change(requestId, EnquiryJson.object("requestStatus", "CANCEL"));
    }

    public Response close(String requestId) {
        return change(requestId, EnquiryJson.object("requestStatus", "CLOSE"));
    }

    public Response answer(String requestId, String status, String comment) {
        return hub.v1(
                "POST",
                "/api/v1/direct-messages/response",
                party,
                EnquiryJson.object(
                        "marketParticipantContext",
                        context(),
                        "messageRequestId",
                        requestId,
                        "directMessageResponse",
                        EnquiryJson.object("requestStatus", status, "responseComment", comment)));
    }

    /** The draft's path form {@code POST /api/v1/direct-message/{messageRequestId}/response}. */
    public Response answerByPath(String requestId, String status, String comment) {
        return hub.v1(
                "POST",
                "/api/v1/direct-message/" + requestId + "/response",
                party,
                EnquiryJson.object(
                        "marketParticipantContext",
                        context(),
                        "directMessageResponse",
                        EnquiryJson.object("requestStatus", status, "responseComment", comment)));
    }

    /** Answers and returns the answer's id, failing the test if the hub refuses. */
    public String answerId(String requestId, String status, String comment) {
        var response = answer(requestId, status, comment);
        assertThat(response.status()).as("answer: %s", response).isEqualTo(201);
        return response.id();
    }

    public Response changeAnswer(String responseId, ObjectNode change) {
        return hub.v1(
                "PUT",
                "/api/v1/direct-messages/response",
                party,
                EnquiryJson.object(
                        "marketParticipantContext",
                        context(),
                        "messageResponseId",
                        responseId,
                        "directMessageResponseChange",
                        change));
    }

    /**
     * The draft's path form {@code PUT /api/v1/direct-message/{messageRequestId}/response/{messageResponseId}}.
     */
    public Response changeAnswerByPath(String requestId, String responseId, ObjectNode change) {
        return hub.v1(
                "PUT",
                "/api/v1/direct-message/" + requestId + "/response/" + responseId,
                party,
                EnquiryJson.object("marketParticipantContext", context(), "directMessageResponseChange", change));
    }

    public Response search(ObjectNode attributes) {
        return search(attributes, 0, 100);
    }

    public Response search(ObjectNode attributes, int page, int pageSize) {
        return hub.v1(
                "POST",
                "/api/v1/direct-messages/search",
                party,
                EnquiryJson.object(
                        "marketParticipantContext",
                        context(),
                        "directMessageAttributes",
                        attributes,
                        "pagination",
                        EnquiryJson.object("page", page, "pageSize", pageSize)));
    }

    /** The rows a search by {@code messageRequestId} finds (the enquiry's thread as this actor sees it), failing on any error. */
    public List<JsonNode> thread(String requestId) {
        var response = search(EnquiryJson.object("messageRequestId", requestId));
        assertThat(response.status()).as("search: %s", response).isEqualTo(200);
        return response.json().valueStream().toList();
    }

    /** The rows of a scan from {@code from} (all pages) that belong to the given enquiry, oldest first. */
    public List<JsonNode> scanAll(String from, String requestId) {
        return scanAll(from).stream()
                .filter(row -> row.get("messageRequestId").stringValue().equals(requestId))
                .toList();
    }

    public Response scan(String from) {
        return scan(from, null, 0, 500);
    }

    public Response scan(String from, String to, int page, int pageSize) {
        var body = EnquiryJson.object(
                "marketParticipantContext",
                context(),
                "updatePeriodStart",
                from,
                "pagination",
                EnquiryJson.object("page", page, "pageSize", pageSize));
        if (to != null) {
            body.put("updatePeriodEnd", to);
        }
        return hub.v1("POST", "/api/v1/direct-messages/change", party, body);
    }

    /** Every row of a scan from {@code from}, all pages, failing the test on any error. */
    public List<JsonNode> scanAll(String from) {
        var rows = new ArrayList<JsonNode>();
        for (int page = 0; ; page++) {
            var response = scan(from, null, page, 500);
            assertThat(response.status()).as("scan: %s", response).isEqualTo(200);
            response.json().forEach(rows::add);
            if (page + 1 >= Long.parseLong(response.header("x-pagination-total-pages"))) {
                return rows;
            }
        }
    }
}
