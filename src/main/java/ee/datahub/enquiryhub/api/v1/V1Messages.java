package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.api.shared.EnquiryFields;
import ee.datahub.enquiryhub.api.shared.Queries;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.enquiry.AnswerChange;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.Comment;
import ee.datahub.enquiryhub.enquiry.EnquiryChange;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.NewAnswer;
import ee.datahub.enquiryhub.enquiry.NewEnquiry;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.SearchCriteria;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The six v1 messages (spec §5, §6): reads each request body into the domain's commands, with the
 * exact v1 field names and the first validation error found (unknown fields, then fields in order).
 */
final class V1Messages {

    static final int MAX_ENQUIRIES_PER_REQUEST = 100;
    static final int MAX_PURPOSE_LENGTH = 50;

    private static final Optional<EicType> PARTY = Optional.of(EicType.PARTY);
    private static final Optional<EicType> METERING_POINT = Optional.of(EicType.METERING_POINT);
    private static final Optional<EicType> ANY = Optional.empty();
    private static final String CONTEXT = "marketParticipantContext";
    private static final String[] CONTEXT_FIELDS = {
        "marketParticipantIdentification", "marketParticipantRole", "commodityType", "purpose"
    };
    private static final String[] REFERENCE_FIELDS = {"referenceType", "referenceValue"};
    private static final String[] PAGINATION_FIELDS = {"page", "pageSize"};

    private V1Messages() {}

    /** {@code marketParticipantContext}. */
    record Context(Eic participant, MarketRole role, Commodity commodity) {}

    /** {@code array}: the enquiries came as a JSON array (of one or more), not as one object. */
    record Create(Context context, List<NewEnquiry> enquiries, boolean single, boolean array) {}

    record Change(Context context, EnquiryId requestId, EnquiryChange change) {}

    record Answer(Context context, EnquiryId requestId, NewAnswer answer) {}

    record ChangeAnswer(Context context, AnswerId responseId, Optional<EnquiryId> requestId, AnswerChange change) {}

    record Search(Context context, SearchCriteria criteria, PageRequest page) {}

    record Scan(Context context, Instant from, Optional<Instant> to, PageRequest page) {}

    static Create create(JsonNode json) {
        var body = JsonObject.body(json, CONTEXT, "directMessageRequest");
        var context = context(body);
        var requests = body.required("directMessageRequest");
        var enquiries = new ArrayList<NewEnquiry>();
        if (requests.isArray()) {
            if (requests.isEmpty()) {
                throw new HubException(
                        ErrorCode.REQUIRED_FIELD,
                        "directMessageRequest must hold at least one enquiry",
                        "directMessageRequest");
            }
            if (requests.size() > MAX_ENQUIRIES_PER_REQUEST) {
                throw new HubException(
                        ErrorCode.MAX_LENGTH,
                        "directMessageRequest holds " + requests.size() + " enquiries; send at most "
                                + MAX_ENQUIRIES_PER_REQUEST + " in one request",
                        "directMessageRequest",
                        String.valueOf(MAX_ENQUIRIES_PER_REQUEST));
            }
            for (int i = 0; i < requests.size(); i++) {
                enquiries.add(EnquiryFields.newEnquiry(
                        JsonObject.at(requests.get(i), "directMessageRequest[" + i + "]", EnquiryFields.ENQUIRY),
                        true));
            }
        } else {
            enquiries.add(EnquiryFields.newEnquiry(
                    JsonObject.at(requests, "directMessageRequest", EnquiryFields.ENQUIRY), true));
        }
        return new Create(context, enquiries, enquiries.size() == 1, requests.isArray());
    }

    static Change change(JsonNode json, Optional<UUID> pathRequestId) {
        var body = JsonObject.body(json, CONTEXT, "messageRequestId", "directMessageRequestChange");
        var context = context(body);
        var requestId = new EnquiryId(id(body, "messageRequestId", pathRequestId));
        var change =
                EnquiryFields.enquiryChange(body.requiredObject("directMessageRequestChange", EnquiryFields.ENQUIRY));
        return new Change(context, requestId, change);
    }

    static Answer answer(JsonNode json, Optional<UUID> pathRequestId) {
        var body = JsonObject.body(json, CONTEXT, "messageRequestId", "directMessageResponse");
        var context = context(body);
        var requestId = new EnquiryId(id(body, "messageRequestId", pathRequestId));
        return new Answer(
                context,
                requestId,
                EnquiryFields.newAnswer(body.requiredObject("directMessageResponse", EnquiryFields.ANSWER)));
    }

    static ChangeAnswer changeAnswer(JsonNode json, Optional<UUID> pathRequestId, Optional<UUID> pathResponseId) {
        var body = pathRequestId.isPresent()
                ? JsonObject.body(json, CONTEXT, "messageRequestId", "messageResponseId", "directMessageResponseChange")
                : JsonObject.body(json, CONTEXT, "messageResponseId", "directMessageResponseChange");
        var context = context(body);
        if (pathRequestId.isPresent()) {
            id(body, "messageRequestId", pathRequestId);
        }
        var responseId = new AnswerId(id(body, "messageResponseId", pathResponseId));
        var change =
                EnquiryFields.answerChange(body.requiredObject("directMessageResponseChange", EnquiryFields.ANSWER));
        return new ChangeAnswer(context, responseId, pathRequestId.map(EnquiryId::new), change);
    }

    static Search search(JsonNode json) {
        var body = JsonObject.body(json, CONTEXT, "directMessageAttributes", "pagination");
        var context = context(body);
        var criteria = body.object(
                        "directMessageAttributes",
                        "messageRequestId",
                        "messageResponseId",
                        "senderEic",
                        "receiverEic",
                        "meterEic",
                        "customerEic",
                        "topic",
                        "reference",
                        "requestStatus",
                        "requestComment",
                        "responseComment")
                .map(a -> {
                    var reference = a.object("reference", REFERENCE_FIELDS);
                    return new SearchCriteria(
                            a.uuid("messageRequestId").map(EnquiryId::new),
                            a.uuid("messageResponseId").map(AnswerId::new),
                            a.eic("senderEic", PARTY),
                            a.eic("receiverEic", PARTY),
                            a.eic("meterEic", METERING_POINT),
                            a.eic("customerEic", ANY),
                            a.enumValue("topic", Topic.class),
                            reference.flatMap(r -> r.enumValue("referenceType", ReferenceType.class)),
                            reference.flatMap(r -> r.text("referenceValue", Reference.MAX_LENGTH)),
                            a.enumValue("requestStatus", RequestStatus.class),
                            a.text("requestComment", Comment.MAX_LENGTH),
                            a.text("responseComment", Comment.MAX_LENGTH));
                })
                .orElse(SearchCriteria.none());
        return new Search(context, criteria, pagination(body));
    }

    static Scan scan(JsonNode json) {
        var body = JsonObject.body(json, CONTEXT, "updatePeriodStart", "updatePeriodEnd", "pagination");
        var context = context(body);
        var from = body.requiredDateTime("updatePeriodStart");
        var to = body.dateTime("updatePeriodEnd");
        if (to.isPresent() && to.get().isBefore(from)) {
            throw new HubException(
                    ErrorCode.INVALID_VALUE, "updatePeriodEnd is before updatePeriodStart", "updatePeriodEnd");
        }
        return new Scan(context, from, to, pagination(body));
    }

    private static Context context(JsonObject body) {
        var context = body.requiredObject(CONTEXT, CONTEXT_FIELDS);
        var participant = context.requiredEic("marketParticipantIdentification", PARTY);
        var role = context.requiredEnum("marketParticipantRole", MarketRole.class);
        var commodity = context.requiredEnum("commodityType", Commodity.class);
        context.text("purpose", MAX_PURPOSE_LENGTH);
        return new Context(participant, role, commodity);
    }

    // An id from the body, or from the path; when both are given they must agree.
    private static UUID id(JsonObject body, String field, Optional<UUID> fromPath) {
        if (fromPath.isEmpty()) {
            return body.requiredUuid(field);
        }
        var inBody = body.uuid(field);
        if (inBody.isPresent() && !inBody.get().equals(fromPath.get())) {
            throw new HubException(
                    ErrorCode.INVALID_VALUE,
                    field + " in the body differs from the id in the path",
                    field,
                    inBody.get().toString(),
                    fromPath.get().toString());
        }
        return fromPath.get();
    }

    private static PageRequest pagination(JsonObject body) {
        var pagination = body.object("pagination", PAGINATION_FIELDS);
        if (pagination.isEmpty()) {
            return PageRequest.first();
        }
        int page = pagination.get().integer("page").orElse(0);
        int size = pagination.get().integer("pageSize").orElse(PageRequest.DEFAULT_SIZE);
        if (page < 0) {
            throw new HubException(
                    ErrorCode.INVALID_VALUE,
                    "pagination.page must be 0 or more",
                    "pagination.page",
                    String.valueOf(page));
        }
        return new PageRequest(page, Queries.pageSize("pagination.pageSize", size));
    }
}
