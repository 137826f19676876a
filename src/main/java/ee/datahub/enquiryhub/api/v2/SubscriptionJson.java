package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.platform.HubTime;
import ee.datahub.enquiryhub.push.ChangeKind;
import ee.datahub.enquiryhub.push.Delivery;
import ee.datahub.enquiryhub.push.Subscription;
import ee.datahub.enquiryhub.push.SubscriptionRefusal;
import ee.datahub.enquiryhub.push.WithSecret;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The v2 representations of push subscriptions and their delivery log, and their refusals as v2 errors. */
final class SubscriptionJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SubscriptionJson() {}

    static String subscription(Subscription subscription) {
        return JSON.writeValueAsString(write(JSON.createObjectNode(), subscription));
    }

    /** The answer of a create or a rotation: the only time the secret is shown. */
    static String withSecret(WithSecret created) {
        var node = write(JSON.createObjectNode(), created.subscription());
        node.put("secret", created.secret());
        return JSON.writeValueAsString(node);
    }

    static String page(Page<Subscription> page) {
        var root = JSON.createObjectNode();
        var content = root.putArray("content");
        page.content().forEach(s -> write(content.addObject(), s));
        paging(root, page);
        return JSON.writeValueAsString(root);
    }

    static String deliveries(Page<Delivery> page) {
        var root = JSON.createObjectNode();
        var content = root.putArray("content");
        for (var d : page.content()) {
            var node = content.addObject();
            node.put("id", d.id());
            node.put("attemptedAt", HubTime.format(d.attemptedAt()));
            node.put("webhookId", d.webhookId());
            node.put("changeTimestamp", HubTime.format(d.changeTimestamp()));
            node.put("enquiryId", d.enquiryId().toString());
            d.responseId().ifPresent(id -> node.put("responseId", id.toString()));
            node.put("attempt", d.attempt());
            node.put("outcome", d.outcome().name());
            d.statusCode().ifPresent(code -> node.put("statusCode", code));
            d.latencyMillis().ifPresent(ms -> node.put("latencyMillis", ms));
            d.error().ifPresent(error -> node.put("error", error));
        }
        paging(root, page);
        return JSON.writeValueAsString(root);
    }

    private static void paging(ObjectNode root, Page<?> page) {
        root.put("page", page.page());
        root.put("size", page.size());
        root.put("totalElements", page.totalElements());
        root.put("totalPages", page.totalPages());
    }

    private static ObjectNode write(ObjectNode node, Subscription s) {
        node.put("id", s.id().toString());
        node.put("version", s.version());
        node.put("marketParticipantEic", s.participant().value());
        node.put("marketParticipantRole", s.role().name());
        node.put("commodityType", s.commodity().name());
        node.put("url", s.url().toString());
        var kinds = node.putArray("kinds");
        s.kinds().stream().sorted().forEach(kind -> kinds.add(kind.name()));
        node.put("status", s.status().name());
        s.failureReason().ifPresent(reason -> node.put("failureReason", reason));
        s.lastDeliveredAt().ifPresent(at -> node.put("lastDeliveredAt", HubTime.format(at)));
        s.retryingSince().ifPresent(since -> {
            var retrying = node.putObject("retrying");
            retrying.put("since", HubTime.format(since));
            retrying.put("failedAttempts", s.failedAttempts());
            s.nextAttemptAt().ifPresent(next -> retrying.put("nextAttemptAt", HubTime.format(next)));
        });
        s.previousSecretExpiresAt().ifPresent(at -> node.put("previousSecretExpiresAt", HubTime.format(at)));
        node.put("createdAt", HubTime.format(s.createdAt()));
        node.put("updatedAt", HubTime.format(s.updatedAt()));
        return node;
    }

    /** A refusal as the v2 error: its code (spec §4.1), a message for a person, and args naming the field first. */
    static HubException error(SubscriptionRefusal refusal) {
        return switch (refusal) {
            case SubscriptionRefusal.NotFound r ->
                new HubException(
                        ErrorCode.RESOURCE_NOT_FOUND,
                        "Subscription " + r.id() + " was not found",
                        "subscriptionId",
                        r.id().toString());
            case SubscriptionRefusal.UrlRefused r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "The hub does not deliver to this url: " + r.problem(),
                        "url",
                        r.url(),
                        "an https URL of a public address");
            case SubscriptionRefusal.KindsRefused r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "kinds must be [\"ALL\"] or kinds this role's feed carries (" + names(r.carried()) + "), not "
                                + names(r.given()),
                        "kinds",
                        names(r.given()),
                        "ALL or " + names(r.carried()));
            case SubscriptionRefusal.VersionConflict r ->
                new HubException(
                        ErrorCode.VERSION_CONFLICT,
                        "Subscription " + r.id() + " is at version " + r.current() + ", not " + r.expected()
                                + "; read it again and reapply your change",
                        "If-Match",
                        "\"" + r.expected() + "\"",
                        "\"" + r.current() + "\"");
            case SubscriptionRefusal.ReplayBeyondRetention r ->
                new HubException(
                        ErrorCode.CHANGE_PERIOD_BEYOND_RETENTION,
                        "The change feed keeps changes since " + HubTime.format(r.earliest())
                                + "; replay from that time or later",
                        "since",
                        HubTime.format(r.requested()),
                        HubTime.format(r.earliest()));
            case SubscriptionRefusal.ReplayFromTheFuture r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "since is in the future; replay from a time that has passed",
                        "since",
                        HubTime.format(r.requested()));
            case SubscriptionRefusal.OverlapRefused r ->
                new HubException(
                        ErrorCode.INVALID_VALUE,
                        "previousSecretValidFor must be from PT0S to " + r.max() + ", not " + r.requested(),
                        "previousSecretValidFor",
                        r.requested().toString(),
                        "PT0S.." + r.max());
        };
    }

    private static String names(Set<ChangeKind> kinds) {
        return kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }
}
