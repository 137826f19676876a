package ee.datahub.enquiryhub.support;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test data builders for v1 request bodies. */
public final class EnquiryJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private EnquiryJson() {}

    public static ObjectNode context(String eic, String role, String commodity) {
        var context = JSON.createObjectNode();
        context.put("marketParticipantIdentification", eic);
        context.put("marketParticipantRole", role);
        context.put("commodityType", commodity);
        return context;
    }

    public static EnquiryBuilder anEnquiry() {
        return new EnquiryBuilder();
    }

    /** One {@code directMessageRequest} element. */
    public static final class EnquiryBuilder {
        private final ObjectNode node = JSON.createObjectNode();

        EnquiryBuilder() {
            node.put("meterEic", Party.METER_GRID_A);
            node.put("customerEic", Party.CUSTOMER);
            node.put("topic", "DATA");
            node.put("requestStatus", "OPEN");
            node.put("requestComment", "Why was the network fee higher in October?");
        }

        public EnquiryBuilder about(String meterEic) {
            node.put("meterEic", meterEic);
            return this;
        }

        public EnquiryBuilder forCustomer(String customerEic) {
            node.put("customerEic", customerEic);
            return this;
        }

        public EnquiryBuilder invoice(String reference) {
            node.put("topic", "INVOICE");
            node.putObject("reference").put("referenceType", "INVOICE").put("referenceValue", reference);
            return this;
        }

        public EnquiryBuilder to(String receiverEic) {
            node.put("receiverEic", receiverEic);
            return this;
        }

        public EnquiryBuilder comment(String comment) {
            node.put("requestComment", comment);
            return this;
        }

        public EnquiryBuilder with(String field, String value) {
            node.put(field, value);
            return this;
        }

        public EnquiryBuilder without(String field) {
            node.remove(field);
            return this;
        }

        public ObjectNode json() {
            return node.deepCopy();
        }
    }

    public static ObjectNode createBody(ObjectNode context, List<EnquiryBuilder> enquiries) {
        var body = JSON.createObjectNode();
        body.set("marketParticipantContext", context);
        var array = body.putArray("directMessageRequest");
        enquiries.forEach(e -> array.add(e.json()));
        return body;
    }

    public static ObjectNode object(Object... fieldsAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            var value = fieldsAndValues[i + 1];
            var name = (String) fieldsAndValues[i];
            switch (value) {
                case null -> node.putNull(name);
                case JsonNode json -> node.set(name, json);
                case Integer number -> node.put(name, number);
                default -> node.put(name, value.toString());
            }
        }
        return node;
    }

    public static List<EnquiryBuilder> list(EnquiryBuilder... builders) {
        return new ArrayList<>(List.of(builders));
    }
}
