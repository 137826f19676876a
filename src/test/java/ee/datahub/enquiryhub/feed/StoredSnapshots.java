package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Snapshots as the feed stores them, for tests and measurements of what reads them: the text
 * {@link SnapshotCodec} writes, that text as PostgreSQL's {@code jsonb} gives it back, and changes read
 * from stored text as {@link ChangeFeed} reads them.
 */
public final class StoredSnapshots {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredSnapshots() {}

    /** What the hub stores for an enquiry's thread. */
    public static String written(EnquiryView enquiry) {
        return SnapshotCodec.write(enquiry);
    }

    /** A change as {@link ChangeFeed} reads it from the stored text. */
    public static FeedRow change(String stored, Optional<AnswerId> answer, ChangeReason reason, Instant timestamp) {
        return new FeedRow(SnapshotCodec.read(stored), answer, reason, timestamp);
    }

    /**
     * The JSON as {@code jsonb}'s text output writes it ({@code snapshot::text}): object keys shortest first,
     * then bytewise; {@code ": "} and {@code ", "} between; strings escaped as PostgreSQL escapes them
     * (quote, backslash, the named control characters, other controls by their code in hex; the rest as is).
     */
    public static String asJsonb(String json) {
        var out = new StringBuilder();
        jsonb(JSON.readTree(json), out);
        return out.toString();
    }

    private static void jsonb(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            var sorted = new TreeMap<String, JsonNode>((a, b) -> a.length() != b.length()
                    ? a.length() - b.length()
                    : java.util.Arrays.compare(
                            a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                out.append(first ? "" : ", ");
                first = false;
                string(e.getKey(), out);
                out.append(": ");
                jsonb(e.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                jsonb(node.get(i), out);
            }
            out.append(']');
        } else if (node.isString()) {
            string(node.stringValue(), out);
        } else {
            out.append(node.toString());
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}
