package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.platform.HubTime;
import tools.jackson.databind.json.JsonMapper;
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
        return JSON.writeValueAsString(change(JSON.createObjectNode(), change));
    }

    /** Writes a change into {@code node}: {@code reason}, {@code timestamp}, {@code enquiry}, {@code responseId}. */
    public static ObjectNode change(ObjectNode node, FeedRow change) {
        node.put("reason", change.reason().name());
        node.put("timestamp", HubTime.format(change.timestamp()));
        enquiry(node.putObject("enquiry"), change.enquiry());
        change.answer().ifPresent(id -> node.put("responseId", id.toString()));
        return node;
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
