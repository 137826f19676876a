package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.AnswerView;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.MessageView;
import ee.datahub.enquiryhub.enquiry.Reference;
import ee.datahub.enquiryhub.enquiry.ReferenceType;
import ee.datahub.enquiryhub.enquiry.RequestStatus;
import ee.datahub.enquiryhub.enquiry.Topic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The feed pages as the hub wrote them before they were written from the stored text (main at df3fba9,
 * copied unchanged apart from being gathered here): SnapshotCodec.read parsed the snapshot into a tree
 * and an EnquiryView (checking every EIC, parsing every time), FeedRow.message() made the v1 message,
 * ResultRows and V2Representation built trees, HubTime.format used the formatter. The reference the
 * new path must match byte for byte, and the "before" of FeedCodecCost.
 */
public final class FeedPagesBefore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter WRITTEN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private FeedPagesBefore() {}

    /** A change as the feed read it: the thread, the answer it was about, why, the stamp. */
    public record Change(EnquiryView enquiry, Optional<AnswerId> answer, ChangeReason reason, Instant timestamp) {}

    public static Change change(String stored, Optional<AnswerId> answer, ChangeReason reason, Instant timestamp) {
        return new Change(read(stored), answer, reason, timestamp);
    }

    /** A v1 change page's body, as DirectMessagesV1.scan and V1Exchange.page wrote it. */
    public static String v1Page(List<Change> changes) {
        var rows = JSON.createArrayNode();
        for (var change : changes) {
            write(
                    rows.addObject(),
                    change.enquiry().message(change.answer(), change.timestamp()),
                    change.reason().name());
        }
        return JSON.writeValueAsString(rows);
    }

    /** A v2 change page's body, as V2Json.changes wrote it. */
    public static String v2Page(List<Change> changes, String nextCursor) {
        var root = JSON.createObjectNode();
        var content = root.putArray("content");
        changes.forEach(change -> v2Change(content.addObject(), change));
        root.put("nextCursor", nextCursor);
        return JSON.writeValueAsString(root);
    }

    /** One change as its own document (a push delivery's body), as V2Representation.change wrote it. */
    public static String v2Change(Change change) {
        return JSON.writeValueAsString(v2Change(JSON.createObjectNode(), change));
    }

    // SnapshotCodec.read
    static EnquiryView read(String json) {
        JsonNode node = JSON.readTree(json);
        var answers = new ArrayList<AnswerView>();
        for (var a : node.get("answers")) {
            answers.add(new AnswerView(
                    new AnswerId(UUID.fromString(a.get("id").stringValue())),
                    a.get("version").longValue(),
                    new Eic(a.get("author").stringValue()),
                    RequestStatus.valueOf(a.get("status").stringValue()),
                    text(a, "comment"),
                    Instant.parse(a.get("createdAt").stringValue()),
                    Instant.parse(a.get("updatedAt").stringValue())));
        }
        return new EnquiryView(
                new EnquiryId(UUID.fromString(node.get("id").stringValue())),
                node.get("version").longValue(),
                Commodity.valueOf(node.get("commodity").stringValue()),
                new Eic(node.get("sender").stringValue()),
                new Eic(node.get("receiver").stringValue()),
                new Eic(node.get("meter").stringValue()),
                new Eic(node.get("customer").stringValue()),
                Topic.valueOf(node.get("topic").stringValue()),
                text(node, "referenceType")
                        .map(type -> new Reference(
                                ReferenceType.valueOf(type),
                                node.get("referenceValue").stringValue())),
                RequestStatus.valueOf(node.get("status").stringValue()),
                text(node, "comment"),
                Instant.parse(node.get("createdAt").stringValue()),
                Instant.parse(node.get("updatedAt").stringValue()),
                dueAt(node),
                answers);
    }

    private static Instant dueAt(JsonNode node) {
        return text(node, "dueAt")
                .map(Instant::parse)
                .orElseGet(
                        () -> Instant.parse(node.get("createdAt").stringValue()).plus(java.time.Duration.ofDays(14)));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(v -> !v.isNull()).map(JsonNode::stringValue);
    }

    // ResultRows.write
    private static void write(ObjectNode row, MessageView m, String reason) {
        row.put("messageRequestId", m.requestId().toString());
        m.responseId().ifPresent(id -> row.put("messageResponseId", id.toString()));
        row.put("timestamp", format(m.timestamp()));
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
        row.put("dueAt", format(m.dueAt()));
    }

    // V2Representation.change and .enquiry
    private static ObjectNode v2Change(ObjectNode node, Change change) {
        node.put("reason", change.reason().name());
        node.put("timestamp", format(change.timestamp()));
        enquiry(node.putObject("enquiry"), change.enquiry());
        change.answer().ifPresent(id -> node.put("responseId", id.toString()));
        return node;
    }

    private static ObjectNode enquiry(ObjectNode node, EnquiryView e) {
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
        node.put("createdAt", format(e.createdAt()));
        node.put("updatedAt", format(e.updatedAt()));
        node.put("dueAt", format(e.dueAt()));
        var responses = node.putArray("responses");
        for (var a : e.answers()) {
            var answer = responses.addObject();
            answer.put("id", a.id().toString());
            answer.put("version", a.version());
            answer.put("authorEic", a.author().value());
            answer.put("status", a.status().name());
            a.comment().ifPresent(c -> answer.put("responseComment", c));
            answer.put("createdAt", format(a.createdAt()));
            answer.put("updatedAt", format(a.updatedAt()));
        }
        return node;
    }

    // HubTime.format
    static String format(Instant instant) {
        return WRITTEN.format(instant);
    }
}
