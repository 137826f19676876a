package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.api.shared.DraftFields;
import ee.datahub.enquiryhub.api.shared.EnquiryFields;
import ee.datahub.enquiryhub.api.shared.Queries;
import ee.datahub.enquiryhub.enquiry.AnswerChange;
import ee.datahub.enquiryhub.enquiry.EnquiryChange;
import ee.datahub.enquiryhub.enquiry.Field;
import ee.datahub.enquiryhub.enquiry.ListCriteria;
import ee.datahub.enquiryhub.enquiry.ListDraft;
import ee.datahub.enquiryhub.enquiry.NewAnswer;
import ee.datahub.enquiryhub.enquiry.NewEnquiry;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The v2 messages (spec §7): request bodies read with the same field rules as v1, and query strings
 * read as if they were a JSON object of strings, so that they are refused the same way (unknown
 * parameter, bad EIC, unknown literal: 400 naming the parameter). The domain's drafts check the values.
 */
final class V2Messages {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int DEFAULT_CHANGES_LIMIT = 100;

    private V2Messages() {}

    static NewEnquiry create(JsonNode json) {
        return EnquiryFields.newEnquiry(JsonObject.body(json, EnquiryFields.ENQUIRY), false);
    }

    static EnquiryChange change(JsonNode json) {
        return EnquiryFields.enquiryChange(JsonObject.body(json, EnquiryFields.ENQUIRY));
    }

    static NewAnswer answer(JsonNode json) {
        return EnquiryFields.newAnswer(JsonObject.body(json, EnquiryFields.ANSWER));
    }

    static AnswerChange changeAnswer(JsonNode json) {
        return EnquiryFields.answerChange(JsonObject.body(json, EnquiryFields.ANSWER));
    }

    record ListQuery(ListCriteria criteria, PageRequest page) {}

    static ListQuery list(Map<String, String[]> parameters) {
        var query = query(
                parameters,
                "meterEic",
                "customerEic",
                "senderEic",
                "receiverEic",
                "topic",
                "status",
                "referenceValue",
                "createdFrom",
                "createdTo",
                "q",
                "overdue",
                "sort",
                "page",
                "size");
        var from = query.dateTime("createdFrom");
        var to = query.dateTime("createdTo");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new HubException(ErrorCode.INVALID_VALUE, "createdTo is before createdFrom", "createdTo");
        }
        var sort = query.string("sort").orElse("createdAt,desc");
        if (!sort.equals("createdAt,desc") && !sort.equals("createdAt,asc")) {
            throw new HubException(
                    ErrorCode.INVALID_VALUE,
                    "sort must be createdAt,desc or createdAt,asc",
                    "sort",
                    sort,
                    "createdAt,desc or createdAt,asc");
        }
        var fields = new DraftFields(query);
        var draft = new ListDraft(
                fields.text(Field.SEARCH_TEXT, "q"),
                fields.text(Field.METER, "meterEic"),
                fields.text(Field.CUSTOMER, "customerEic"),
                fields.text(Field.SENDER, "senderEic"),
                fields.text(Field.RECEIVER, "receiverEic"),
                fields.text(Field.TOPIC, "topic"),
                fields.text(Field.STATUS, "status"),
                fields.text(Field.REFERENCE_VALUE, "referenceValue"));
        boolean newestFirst = sort.endsWith("desc");
        // The filters' refusals come before overdue's (the parameters' order); then read with it.
        fields.read(ListDraft.FIELDS, () -> draft.toCriteria(from, to, Optional.empty(), newestFirst), "");
        var criteria = draft.toCriteria(from, to, bool(query, "overdue"), newestFirst);
        int page = whole(query, "page", 0, 0, Integer.MAX_VALUE);
        int size = pageSize(query);
        return new ListQuery(criteria, new PageRequest(page, size));
    }

    record ChangesQuery(Optional<String> after, int limit, Duration waitFor) {}

    static ChangesQuery changes(Map<String, String[]> parameters) {
        var query = query(parameters, "after", "limit", "wait");
        var after = query.string("after").filter(a -> !a.isEmpty());
        int limit =
                Queries.atMostMaxPageSize("limit", whole(query, "limit", DEFAULT_CHANGES_LIMIT, 1, Integer.MAX_VALUE));
        int wait = whole(query, "wait", 0, 0, (int) ChangeFeed.MAX_WAIT.toSeconds());
        return new ChangesQuery(after, limit, Duration.ofSeconds(wait));
    }

    private static Optional<Boolean> bool(JsonObject query, String name) {
        return query.string(name).map(text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new HubException(
                        ErrorCode.INVALID_VALUE, name + " must be true or false", name, text, "true or false");
        });
    }

    static int pageSize(JsonObject query) {
        var text = query.string("size");
        if (text.isEmpty()) {
            return DEFAULT_PAGE_SIZE;
        }
        return Queries.pageSize("size", parseWhole(text.get(), "size"));
    }

    static int whole(JsonObject query, String name, int absent, int min, int max) {
        var text = query.string(name);
        if (text.isEmpty()) {
            return absent;
        }
        int value = parseWhole(text.get(), name);
        if (value < min || value > max) {
            throw new HubException(
                    ErrorCode.INVALID_VALUE,
                    name + " must be from " + min + " to " + max,
                    name,
                    String.valueOf(value),
                    min + ".." + max);
        }
        return value;
    }

    private static int parseWhole(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new HubException(ErrorCode.INVALID_VALUE, name + " must be a whole number", name, text);
        }
    }

    /** The query string as a JSON object of its parameters, each given at most once. */
    static JsonObject query(Map<String, String[]> parameters, String... known) {
        var node = Queries.object(parameters);
        try {
            return JsonObject.body(node, known);
        } catch (HubException e) {
            if (e.error() == ErrorCode.UNKNOWN_FIELD) {
                throw new HubException(
                        ErrorCode.UNKNOWN_FIELD,
                        e.args().getFirst() + " is not a parameter of this request;" + " the parameters are "
                                + String.join(", ", Arrays.asList(known)),
                        e.args().getFirst());
            }
            throw e;
        }
    }
}
