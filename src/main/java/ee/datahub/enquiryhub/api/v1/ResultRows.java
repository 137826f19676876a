package ee.datahub.enquiryhub.api.v1;

import ee.datahub.enquiryhub.enquiry.MessageView;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.platform.HubTime;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code directMessageResult} rows in the v1 shape; absent fields are left out, never null. */
final class ResultRows {

    private ResultRows() {}

    static void add(ArrayNode rows, MessageView message) {
        write(rows.addObject(), message, null);
    }

    static void add(ArrayNode rows, FeedRow change) {
        write(rows.addObject(), change.message(), change.reason().name());
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
