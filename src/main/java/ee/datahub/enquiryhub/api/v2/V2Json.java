package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.platform.HubTime;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The v2 representations (spec §7): the enquiry with its answers, a list page, a feed page. Absent fields are left out. */
final class V2Json {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private V2Json() {}

    static String enquiry(EnquiryView enquiry) {
        return JSON.writeValueAsString(write(JSON.createObjectNode(), enquiry));
    }

    static String page(Page<EnquiryView> page) {
        var root = JSON.createObjectNode();
        var content = root.putArray("content");
        page.content().forEach(enquiry -> write(content.addObject(), enquiry));
        root.put("page", page.page());
        root.put("size", page.size());
        root.put("totalElements", page.totalElements());
        root.put("totalPages", page.totalPages());
        return JSON.writeValueAsString(root);
    }

    static String changes(ChangeFeed.Changes changes) {
        var root = JSON.createObjectNode();
        var content = root.putArray("content");
        for (var change : changes.content()) {
            var node = content.addObject();
            node.put("reason", change.reason().name());
            node.put("timestamp", HubTime.format(change.timestamp()));
            write(node.putObject("enquiry"), change.enquiry());
            change.answer().ifPresent(id -> node.put("responseId", id.toString()));
        }
        root.put("nextCursor", changes.nextCursor());
        return JSON.writeValueAsString(root);
    }

    static String etag(EnquiryView enquiry) {
        return "\"" + enquiry.version() + "\"";
    }

    private static ObjectNode write(ObjectNode node, EnquiryView e) {
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
