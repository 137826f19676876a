package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Stores an enquiry's thread as of a write as JSON in the feed ({@code snapshot}) and reads it back. */
final class SnapshotCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SnapshotCodec() {}

    static String write(EnquiryView e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", e.id().toString());
        node.put("version", e.version());
        node.put("commodity", e.commodity().name());
        node.put("sender", e.sender().value());
        node.put("receiver", e.receiver().value());
        node.put("meter", e.meter().value());
        node.put("customer", e.customer().value());
        node.put("topic", e.topic().name());
        e.reference().ifPresent(r -> {
            node.put("referenceType", r.type().name());
            node.put("referenceValue", r.value());
        });
        node.put("status", e.status().name());
        e.comment().ifPresent(c -> node.put("comment", c));
        node.put("createdAt", e.createdAt().toString());
        node.put("updatedAt", e.updatedAt().toString());
        node.put("dueAt", e.dueAt().toString());
        var answers = node.putArray("answers");
        for (var a : e.answers()) {
            var answer = answers.addObject();
            answer.put("id", a.id().toString());
            answer.put("version", a.version());
            answer.put("author", a.author().value());
            answer.put("status", a.status().name());
            a.comment().ifPresent(c -> answer.put("comment", c));
            answer.put("createdAt", a.createdAt().toString());
            answer.put("updatedAt", a.updatedAt().toString());
        }
        return JSON.writeValueAsString(node);
    }

    static EnquiryView read(String json) {
        JsonNode node = JSON.readTree(json);
        var answers = new ArrayList<AnswerView>();
        for (var a : node.get("answers")) {
            answers.add(new AnswerView(new AnswerId(UUID.fromString(a.get("id").stringValue())), a.get("version").longValue(),
                    new Eic(a.get("author").stringValue()), RequestStatus.valueOf(a.get("status").stringValue()),
                    text(a, "comment"), Instant.parse(a.get("createdAt").stringValue()),
                    Instant.parse(a.get("updatedAt").stringValue())));
        }
        return new EnquiryView(new EnquiryId(UUID.fromString(node.get("id").stringValue())), node.get("version").longValue(),
                Commodity.valueOf(node.get("commodity").stringValue()), new Eic(node.get("sender").stringValue()),
                new Eic(node.get("receiver").stringValue()), new Eic(node.get("meter").stringValue()),
                new Eic(node.get("customer").stringValue()), Topic.valueOf(node.get("topic").stringValue()),
                text(node, "referenceType").map(type -> new Reference(ReferenceType.valueOf(type),
                        node.get("referenceValue").stringValue())),
                RequestStatus.valueOf(node.get("status").stringValue()), text(node, "comment"),
                Instant.parse(node.get("createdAt").stringValue()), Instant.parse(node.get("updatedAt").stringValue()),
                dueAt(node), answers);
    }

    /** Snapshots carried over from before deadlines existed get the ones the migration gave their enquiries. */
    private static Instant dueAt(JsonNode node) {
        return text(node, "dueAt").map(Instant::parse)
                .orElseGet(() -> Instant.parse(node.get("createdAt").stringValue()).plus(java.time.Duration.ofDays(14)));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(v -> !v.isNull()).map(JsonNode::stringValue);
    }
}
