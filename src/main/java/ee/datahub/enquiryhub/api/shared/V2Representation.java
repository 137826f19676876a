package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.feed.Snapshot;
import ee.datahub.enquiryhub.platform.HubTime;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The v2 representation of an enquiry and of a change (spec §7), shared by API v2's answers and the
 * push deliveries, whose body is exactly one v2 change: a receiver uses the same code for both.
 * Absent fields are left out.
 */
public final class V2Representation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        json.writeStringProperty("reason", change.reason().name());
        json.writeStringProperty("timestamp", HubTime.format(change.timestamp()));
        json.writeName("enquiry");
        writeEnquiry(json, change.snapshot());
        if (change.answer().isPresent()) {
            json.writeStringProperty("responseId", change.answer().get().toString());
        }
        json.writeEndObject();
    }

    private static void writeEnquiry(JsonGenerator json, Snapshot e) {
        json.writeStartObject();
        json.writeStringProperty("id", e.id());
        json.writeNumberProperty("version", e.version());
        json.writeStringProperty("commodity", e.commodity().name());
        json.writeStringProperty("senderEic", e.sender());
        json.writeStringProperty("receiverEic", e.receiver());
        json.writeStringProperty("meterEic", e.meter());
        json.writeStringProperty("customerEic", e.customer());
        json.writeStringProperty("topic", e.topic().name());
        var referenceType = e.referenceType();
        if (referenceType.isPresent()) {
            json.writeName("reference");
            json.writeStartObject();
            json.writeStringProperty("referenceType", referenceType.get().name());
            json.writeStringProperty("referenceValue", e.referenceValue());
            json.writeEndObject();
        }
        json.writeStringProperty("status", e.status().name());
        var comment = e.comment();
        if (comment.isPresent()) {
            json.writeStringProperty("requestComment", comment.get());
        }
        json.writeStringProperty("createdAt", e.createdAt());
        json.writeStringProperty("updatedAt", e.updatedAt());
        json.writeStringProperty("dueAt", e.dueAt());
        json.writeName("responses");
        json.writeStartArray();
        for (var a : e.answers()) {
            json.writeStartObject();
            json.writeStringProperty("id", a.id());
            json.writeNumberProperty("version", a.version());
            json.writeStringProperty("authorEic", a.author());
            json.writeStringProperty("status", a.status().name());
            var answerComment = a.comment();
            if (answerComment.isPresent()) {
                json.writeStringProperty("responseComment", answerComment.get());
            }
            json.writeStringProperty("createdAt", a.createdAt());
            json.writeStringProperty("updatedAt", a.updatedAt());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
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
        e.reference().ifPresent(r -> node.putObject("reference")
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
