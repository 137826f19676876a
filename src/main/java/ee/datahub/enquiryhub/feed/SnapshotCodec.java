package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.enquiry.EnquiryView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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

    /**
     * Reads a stored snapshot token by token into its fields' text (see {@link Snapshot}): no tree, and nothing
     * parsed or checked that a feed page writes back as it was stored.
     */
    static Snapshot read(String json) {
        try (var parser = JSON.createParser(json)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            String id = null,
                    commodity = null,
                    sender = null,
                    receiver = null,
                    meter = null,
                    customer = null,
                    topic = null,
                    referenceType = null,
                    referenceValue = null,
                    status = null,
                    comment = null,
                    createdAt = null,
                    updatedAt = null,
                    dueAt = null;
            long version = 0;
            List<Snapshot.Answer> answers = List.of();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                var name = parser.currentName();
                var token = parser.nextToken();
                switch (name) {
                    case "id" -> id = text(parser, token);
                    case "version" -> version = parser.getLongValue();
                    case "commodity" -> commodity = text(parser, token);
                    case "sender" -> sender = text(parser, token);
                    case "receiver" -> receiver = text(parser, token);
                    case "meter" -> meter = text(parser, token);
                    case "customer" -> customer = text(parser, token);
                    case "topic" -> topic = text(parser, token);
                    case "referenceType" -> referenceType = text(parser, token);
                    case "referenceValue" -> referenceValue = text(parser, token);
                    case "status" -> status = text(parser, token);
                    case "comment" -> comment = text(parser, token);
                    case "createdAt" -> createdAt = text(parser, token);
                    case "updatedAt" -> updatedAt = text(parser, token);
                    case "dueAt" -> dueAt = text(parser, token);
                    case "answers" -> answers = answers(parser, token);
                    default -> parser.skipChildren();
                }
            }
            return new Snapshot(
                    id,
                    version,
                    commodity,
                    sender,
                    receiver,
                    meter,
                    customer,
                    topic,
                    referenceType,
                    referenceValue,
                    status,
                    comment,
                    createdAt,
                    updatedAt,
                    dueAt,
                    answers);
        }
    }

    private static List<Snapshot.Answer> answers(JsonParser parser, JsonToken token) {
        expect(parser, token, JsonToken.START_ARRAY);
        var answers = new ArrayList<Snapshot.Answer>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String id = null, author = null, status = null, comment = null, createdAt = null, updatedAt = null;
            long version = 0;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                var name = parser.currentName();
                var value = parser.nextToken();
                switch (name) {
                    case "id" -> id = text(parser, value);
                    case "version" -> version = parser.getLongValue();
                    case "author" -> author = text(parser, value);
                    case "status" -> status = text(parser, value);
                    case "comment" -> comment = text(parser, value);
                    case "createdAt" -> createdAt = text(parser, value);
                    case "updatedAt" -> updatedAt = text(parser, value);
                    default -> parser.skipChildren();
                }
            }
            answers.add(new Snapshot.Answer(id, version, author, status, comment, createdAt, updatedAt));
        }
        return answers;
    }

    // A string field's text; null when it is JSON null.
    private static String text(JsonParser parser, JsonToken token) {
        return token == JsonToken.VALUE_NULL ? null : parser.getString();
    }

    private static void expect(JsonParser parser, JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw new IllegalStateException("a stored snapshot has " + token + " where " + expected + " belongs, at "
                    + parser.currentLocation());
        }
    }
}
