package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.EnquiryJson.EnquiryBuilder;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** What the v1 error tests share: fresh participants to write with, and requests bent out of shape. */
abstract class V1ErrorTesting extends HubApiTest {

    static final String CREATE = "/api/v1/direct-messages";
    static final String CHANGE = "/api/v1/direct-messages";
    static final String ANSWER = "/api/v1/direct-messages/response";
    static final String CHANGE_ANSWER = "/api/v1/direct-messages/response";
    static final String SEARCH = "/api/v1/direct-messages/search";
    static final String SCAN = "/api/v1/direct-messages/change";

    /** A fresh open supplier and grid operator in electricity, and a metering point of the grid operator. */
    record World(Actor supplier, Actor grid, String meter) {

        /** Sends an open DATA enquiry about the world's metering point and returns its id. */
        String enquiry() {
            return supplier.send(anEnquiry().about(meter));
        }
    }

    World freshWorld() {
        var grid = freshActor("GRID_OPERATOR", "ELECTRICITY");
        return new World(
                freshActor("OPEN_SUPPLIER", "ELECTRICITY"),
                grid,
                hub.registerMeteringPoint(grid.party(), "ELECTRICITY"));
    }

    /** A freshly registered participant holding this one role and commodity, acting in them. */
    Actor freshActor(String role, String commodity) {
        return hub.as(hub.registerParty(List.of(role), List.of(commodity)), role, commodity);
    }

    /** A v1 request with a raw body; header pairs override the defaults, a null value removes one. */
    Response send(String method, String path, Party as, String body, String... headerPairs) {
        return hub.v1(method, path, as, body, headers(headerPairs));
    }

    Response send(String method, String path, Actor as, ObjectNode body, String... headerPairs) {
        return send(method, path, as.party(), body.toString(), headerPairs);
    }

    static Map<String, String> headers(String... namesAndValues) {
        var headers = new HashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    static ObjectNode createBody(Actor as, EnquiryBuilder... enquiries) {
        return EnquiryJson.createBody(as.context(), List.of(enquiries));
    }

    static ObjectNode changeBody(Actor as, String requestId, ObjectNode change) {
        return EnquiryJson.object(
                "marketParticipantContext",
                as.context(),
                "messageRequestId",
                requestId,
                "directMessageRequestChange",
                change);
    }

    static ObjectNode answerBody(Actor as, String requestId, ObjectNode answer) {
        return EnquiryJson.object(
                "marketParticipantContext",
                as.context(),
                "messageRequestId",
                requestId,
                "directMessageResponse",
                answer);
    }

    static ObjectNode changeAnswerBody(Actor as, String responseId, ObjectNode change) {
        return EnquiryJson.object(
                "marketParticipantContext",
                as.context(),
                "messageResponseId",
                responseId,
                "directMessageResponseChange",
                change);
    }

    static ObjectNode searchBody(Actor as, ObjectNode attributes) {
        return EnquiryJson.object("marketParticipantContext", as.context(), "directMessageAttributes", attributes);
    }

    static ObjectNode scanBody(Actor as, String updatePeriodStart) {
        return EnquiryJson.object("marketParticipantContext", as.context(), "updatePeriodStart", updatePeriodStart);
    }

    /** The first enquiry of a create body, to bend. */
    static ObjectNode firstEnquiry(ObjectNode createBody) {
        return (ObjectNode) createBody.get("directMessageRequest").get(0);
    }

    static ObjectNode contextOf(ObjectNode body) {
        return (ObjectNode) body.get("marketParticipantContext");
    }
}
