package ee.datahub.enquiryhub.api.v2;

import static ee.datahub.enquiryhub.api.shared.SnapshotFields.string;

import ee.datahub.enquiryhub.api.shared.SnapshotFields;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.feed.Snapshot;
import ee.datahub.enquiryhub.platform.HubTime;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The v2 representation of an enquiry and of a change (spec §7), for API v2's answers and, as
 * {@link V2DeliveryBody}, the push deliveries, whose body is exactly one v2 change: a receiver uses
 * the same code for both. Absent fields are left out.
 */
public final class V2Representation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // The names of a change's fields, quoted once (a feed page writes them for each of its hundreds of
    // changes).
    private static final SerializableString AUTHOR_EIC = new SerializedString("authorEic");

    private static final SerializableString COMMODITY = new SerializedString("commodity");
    private static final SerializableString CREATED_AT = new SerializedString("createdAt");
    private static final SerializableString DUE_AT = new SerializedString("dueAt");
    private static final SerializableString ENQUIRY = new SerializedString("enquiry");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString REASON = new SerializedString("reason");
    private static final SerializableString REQUEST_COMMENT = new SerializedString("requestComment");
    private static final SerializableString RESPONSE_COMMENT = new SerializedString("responseComment");
    private static final SerializableString RESPONSE_ID = new SerializedString("responseId");
    private static final SerializableString RESPONSES = new SerializedString("responses");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString UPDATED_AT = new SerializedString("updatedAt");
    private static final SerializableString VERSION = new SerializedString("version");

    private V2Representation() {}

    /** One change as its own JSON document (a push delivery's body). */
    public static String change(FeedRow change) {
        return JSON.writeValueAsString(changeWriter(change));
    }

    /**
     * One change as a value to put into a tree ({@code ArrayNode.addPOJO}): it writes itself when the tree is
     * written, straight from the stored snapshot's text ({@link FeedRow#snapshot()}), no tree of its own. The
     * fields, their order and their text are {@link #enquiry(ObjectNode, EnquiryView)}'s, preceded by
     * {@code reason} and {@code timestamp} and followed by {@code responseId}.
     */
    public static JacksonSerializable changeWriter(FeedRow change) {
        return new JacksonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator json, SerializationContext context) {
                writeChange(json, change);
            }

            @Override
            public void serializeWithType(JsonGenerator json, SerializationContext context, TypeSerializer type) {
                writeChange(json, change);
            }
        };
    }

    private static void writeChange(JsonGenerator json, FeedRow change) {
        json.writeStartObject();
        string(json, REASON, change.reason().name());
        string(json, TIMESTAMP, HubTime.format(change.timestamp()));
        json.writeName(ENQUIRY);
        writeEnquiry(json, change.snapshot());
        if (change.answer().isPresent()) {
            string(json, RESPONSE_ID, change.answer().get().toString());
        }
        json.writeEndObject();
    }

    private static void writeEnquiry(JsonGenerator json, Snapshot e) {
        json.writeStartObject();
        string(json, ID, e.id());
        number(json, VERSION, e.version());
        string(json, COMMODITY, e.commodity().name());
        SnapshotFields.partiesTopicAndReference(json, e);
        string(json, STATUS, e.status().name());
        var comment = e.comment();
        if (comment.isPresent()) {
            string(json, REQUEST_COMMENT, comment.get());
        }
        string(json, CREATED_AT, e.createdAt());
        string(json, UPDATED_AT, e.updatedAt());
        string(json, DUE_AT, e.dueAt());
        json.writeName(RESPONSES);
        json.writeStartArray();
        for (var a : e.answers()) {
            json.writeStartObject();
            string(json, ID, a.id());
            number(json, VERSION, a.version());
            string(json, AUTHOR_EIC, a.author());
            string(json, STATUS, a.status().name());
            var answerComment = a.comment();
            if (answerComment.isPresent()) {
                string(json, RESPONSE_COMMENT, answerComment.get());
            }
            string(json, CREATED_AT, a.createdAt());
            string(json, UPDATED_AT, a.updatedAt());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, SerializableString name, long value) {
        json.writeName(name);
        json.writeNumber(value);
    }

    /** Writes an enquiry with its answers into {@code node}. */
    public static ObjectNode enquiry(ObjectNode node, EnquiryView e) {
        node.put("id", e.id().toString());
        node.put("version", e.version());
        node.put("commodity", e.commodity().name());
        node.put("senderEic", e.sender().value());
        node.put("receiverEic", e.receiver().value());
        node.put("meterEic", e.meter().value());
        node.put("customerEic", e.customer().value());
        node.put("topic", e.topic().name());
        e.reference()
                .ifPresent(r -> node.putObject("reference")
                        .put("referenceType", r.type().name())
                        .put("referenceValue", r.value()));
        node.put("status", e.status().name());
        e.comment().ifPresent(c -> node.put("requestComment", c));
        node.put("createdAt", HubTime.format(e.createdAt()));
        node.put("updatedAt", HubTime.format(e.updatedAt()));
        node.put("dueAt", HubTime.format(e.dueAt()));
        var responses = node.putArray("responses");
        for (var a : e.answers()) {
            var answer = responses.addObject();
            answer.put("id", a.id().toString());
            answer.put("version", a.version());
            answer.put("authorEic", a.author().value());
            answer.put("status", a.status().name());
            a.comment().ifPresent(c -> answer.put("responseComment", c));
            answer.put("createdAt", HubTime.format(a.createdAt()));
            answer.put("updatedAt", HubTime.format(a.updatedAt()));
        }
        return node;
    }
}
