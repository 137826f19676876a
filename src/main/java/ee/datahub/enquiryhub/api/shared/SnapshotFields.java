package ee.datahub.enquiryhub.api.shared;

import ee.datahub.enquiryhub.feed.Snapshot;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * The fields a v1 feed row and a v2 change write alike from a stored snapshot, under the same names:
 * the parties, the meter, the customer, the topic and the reference. Property names are quoted once.
 */
public final class SnapshotFields {

    private static final SerializableString SENDER_EIC = new SerializedString("senderEic");
    private static final SerializableString RECEIVER_EIC = new SerializedString("receiverEic");
    private static final SerializableString METER_EIC = new SerializedString("meterEic");
    private static final SerializableString CUSTOMER_EIC = new SerializedString("customerEic");
    private static final SerializableString TOPIC = new SerializedString("topic");
    private static final SerializableString REFERENCE = new SerializedString("reference");
    private static final SerializableString REFERENCE_TYPE = new SerializedString("referenceType");
    private static final SerializableString REFERENCE_VALUE = new SerializedString("referenceValue");

    private SnapshotFields() {}

    /** Writes a string property. */
    public static void string(JsonGenerator json, SerializableString name, String value) {
        json.writeName(name);
        json.writeString(value);
    }

    /** Writes {@code senderEic, receiverEic, meterEic, customerEic, topic} and, when there is one, {@code reference}. */
    public static void partiesTopicAndReference(JsonGenerator json, Snapshot e) {
        string(json, SENDER_EIC, e.sender());
        string(json, RECEIVER_EIC, e.receiver());
        string(json, METER_EIC, e.meter());
        string(json, CUSTOMER_EIC, e.customer());
        string(json, TOPIC, e.topic().name());
        var referenceType = e.referenceType();
        if (referenceType.isPresent()) {
            json.writeName(REFERENCE);
            json.writeStartObject();
            string(json, REFERENCE_TYPE, referenceType.get().name());
            string(json, REFERENCE_VALUE, e.referenceValue());
            json.writeEndObject();
        }
    }
}
