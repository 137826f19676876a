package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.MessageView;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Stores a message snapshot as JSON in {@code feed_change.snapshot} and reads it back. */
final class SnapshotCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SnapshotCodec() {}

    static String write(MessageView m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("requestId", m.requestId().toString());
        m.responseId().ifPresent(id -> node.put("responseId", id.toString()));
        node.put("sender", m.sender().value());
        node.put("receiver", m.receiver().value());
        node.put("meter", m.meter().value());
        node.put("customer", m.customer().value());
        node.put("topic", m.topic().name());
        m.reference().ifPresent(r -> {
            node.put("referenceType", r.type().name());
            node.put("referenceValue", r.value());
        });
        node.put("requestStatus", m.requestStatus().name());
        m.requestComment().ifPresent(c -> node.put("requestComment", c));
        m.responseComment().ifPresent(c -> node.put("responseComment", c));
        return JSON.writeValueAsString(node);
    }

    static MessageView read(String json, Instant stamp) {
        JsonNode node = JSON.readTree(json);
        return new MessageView(UUID.fromString(node.get("requestId").stringValue()),
                text(node, "responseId").map(UUID::fromString), stamp, new Eic(node.get("sender").stringValue()),
                new Eic(node.get("receiver").stringValue()), new Eic(node.get("meter").stringValue()),
                new Eic(node.get("customer").stringValue()), Topic.valueOf(node.get("topic").stringValue()),
                text(node, "referenceType").map(type -> new Reference(ReferenceType.valueOf(type),
                        node.get("referenceValue").stringValue())),
                RequestStatus.valueOf(node.get("requestStatus").stringValue()), text(node, "requestComment"),
                text(node, "responseComment"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::stringValue);
    }
}
