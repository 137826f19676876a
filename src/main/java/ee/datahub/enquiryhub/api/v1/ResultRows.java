package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.enquiry.MessageView;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.feed.Snapshot;
import ee.datahub.enquiryhub.platform.HubTime;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code directMessageResult} rows in the v1 shape; absent fields are left out, never null. */
final class ResultRows {

    private ResultRows() {}

    static void add(ArrayNode rows, MessageView message) {
        write(rows.addObject(), message, null);
    }

    /**
     * A change's row, written when the page is, straight from the stored snapshot's text (no tree, no
     * {@link MessageView}): the same fields, order and text as {@link #write} gives the change's message.
     */
    static void add(ArrayNode rows, FeedRow change) {
        rows.addPOJO(new JacksonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator json, SerializationContext context) {
                write(json, change);
            }

            @Override
            public void serializeWithType(JsonGenerator json, SerializationContext context, TypeSerializer type) {
                write(json, change);
            }
        });
    }

    private static void write(JsonGenerator row, FeedRow change) {
        var e = change.snapshot();
        row.writeStartObject();
        row.writeStringProperty("messageRequestId", e.id());
        if (change.answer().isPresent()) {
            row.writeStringProperty("messageResponseId", change.answer().get().toString());
        }
        row.writeStringProperty("timestamp", HubTime.format(change.timestamp()));
        row.writeStringProperty("reason", change.reason().name());
        row.writeStringProperty("senderEic", e.sender());
        row.writeStringProperty("receiverEic", e.receiver());
        row.writeStringProperty("meterEic", e.meter());
        row.writeStringProperty("customerEic", e.customer());
        row.writeStringProperty("topic", e.topic().name());
        var referenceType = e.referenceType();
        if (referenceType.isPresent()) {
            row.writeName("reference");
            row.writeStartObject();
            row.writeStringProperty("referenceType", referenceType.get().name());
            row.writeStringProperty("referenceValue", e.referenceValue());
            row.writeEndObject();
        }
        row.writeStringProperty("requestStatus", e.status().name());
        var requestComment = e.comment();
        if (requestComment.isPresent()) {
            row.writeStringProperty("requestComment", requestComment.get());
        }
        var responseComment = change.answer().flatMap(e::answer).flatMap(Snapshot.Answer::comment);
        if (responseComment.isPresent()) {
            row.writeStringProperty("responseComment", responseComment.get());
        }
        row.writeStringProperty("dueAt", e.dueAt());
        row.writeEndObject();
    }

    private static void write(ObjectNode row, MessageView m, String reason) {
        row.put("messageRequestId", m.requestId().toString());
        m.responseId().ifPresent(id -> row.put("messageResponseId", id.toString()));
        row.put("timestamp", HubTime.format(m.timestamp()));
        if (reason != null) {
            row.put("reason", reason);
        }
        row.put("senderEic", m.sender().value());
        row.put("receiverEic", m.receiver().value());
        row.put("meterEic", m.meter().value());
        row.put("customerEic", m.customer().value());
        row.put("topic", m.topic().name());
        m.reference().ifPresent(reference -> row.putObject("reference")
                .put("referenceType", reference.type().name())
                .put("referenceValue", reference.value()));
        row.put("requestStatus", m.requestStatus().name());
        m.requestComment().ifPresent(comment -> row.put("requestComment", comment));
        m.responseComment().ifPresent(comment -> row.put("responseComment", comment));
        row.put("dueAt", HubTime.format(m.dueAt()));
    }
}
