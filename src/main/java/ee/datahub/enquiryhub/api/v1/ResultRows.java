package ee.datahub.enquiryhub.api.v1;

import static ee.datahub.enquiryhub.api.shared.SnapshotFields.string;

import ee.datahub.enquiryhub.api.shared.SnapshotFields;
import ee.datahub.enquiryhub.enquiry.MessageView;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.feed.Snapshot;
import ee.datahub.enquiryhub.platform.HubTime;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code directMessageResult} rows in the v1 shape; absent fields are left out, never null. */
final class ResultRows {

    // The names of a change's row, quoted once (a feed page writes them for each of its hundreds of rows).
    private static final SerializableString DUE_AT = new SerializedString("dueAt");

    private static final SerializableString MESSAGE_REQUEST_ID = new SerializedString("messageRequestId");
    private static final SerializableString MESSAGE_RESPONSE_ID = new SerializedString("messageResponseId");
    private static final SerializableString REASON = new SerializedString("reason");
    private static final SerializableString REQUEST_COMMENT = new SerializedString("requestComment");
    private static final SerializableString REQUEST_STATUS = new SerializedString("requestStatus");
    private static final SerializableString RESPONSE_COMMENT = new SerializedString("responseComment");
    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");

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
        string(row, MESSAGE_REQUEST_ID, e.id());
        if (change.answer().isPresent()) {
            string(row, MESSAGE_RESPONSE_ID, change.answer().get().toString());
        }
        string(row, TIMESTAMP, HubTime.format(change.timestamp()));
        string(row, REASON, change.reason().name());
        SnapshotFields.partiesTopicAndReference(row, e);
        string(row, REQUEST_STATUS, e.status().name());
        var requestComment = e.comment();
        if (requestComment.isPresent()) {
            string(row, REQUEST_COMMENT, requestComment.get());
        }
        var responseComment = change.answer().flatMap(e::answer).flatMap(Snapshot.Answer::comment);
        if (responseComment.isPresent()) {
            string(row, RESPONSE_COMMENT, responseComment.get());
        }
        string(row, DUE_AT, e.dueAt());
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
        m.reference()
                .ifPresent(reference -> row.putObject("reference")
                        .put("referenceType", reference.type().name())
                        .put("referenceValue", reference.value()));
        row.put("requestStatus", m.requestStatus().name());
        m.requestComment().ifPresent(comment -> row.put("requestComment", comment));
        m.responseComment().ifPresent(comment -> row.put("responseComment", comment));
        row.put("dueAt", HubTime.format(m.dueAt()));
    }
}
