package ee.datahub.enquiryhub.api.v2;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.api.json.JsonObject;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import ee.datahub.enquiryhub.push.ChangeKind;
import ee.datahub.enquiryhub.push.DeliveryOutcome;
import ee.datahub.enquiryhub.push.DeliveryQuery;
import ee.datahub.enquiryhub.push.NewSubscription;
import ee.datahub.enquiryhub.push.Subscription;
import ee.datahub.enquiryhub.push.SubscriptionChange;
import ee.datahub.enquiryhub.push.SubscriptionId;
import ee.datahub.enquiryhub.push.Subscriptions;
import ee.datahub.enquiryhub.write.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Push subscriptions (webhooks) in API v2: a participant's ADMIN registers where the changes of its
 * feed (its participant, role and commodity: the context headers) are pushed, rotates the signing
 * secret, replays, and reads the delivery log. The same headers, write pipeline (idempotency, audit),
 * error body and check order as the enquiry messages; the caller's context must be one with a feed
 * (supplier, grid operator, closed distribution network), and its actor the participant's ADMIN.
 */
@RestController
class SubscriptionsV2 {

    static final String BASE = "/api/v2/subscriptions";
    private static final String ONE = BASE + "/{subscriptionId}";

    private final V2Exchange exchange;
    private final Subscriptions subscriptions;

    SubscriptionsV2(V2Exchange exchange, Subscriptions subscriptions) {
        this.exchange = exchange;
        this.subscriptions = subscriptions;
    }

    @PostMapping(BASE)
    ResponseEntity<String> create(HttpServletRequest request) {
        return exchange.write(request, "POST " + BASE, Action.READ, (body, call) -> {
            var fields = JsonObject.body(body, "url", "kinds", "active");
            var url = fields.text("url", Integer.MAX_VALUE)
                    .orElseThrow(() -> new HubException(ErrorCode.REQUIRED_FIELD, "url is required", "url"));
            var kinds = fields.requiredEnumSet("kinds", ChangeKind.class);
            var active = active(fields).orElse(true);
            var created =
                    translated(() -> subscriptions.create(call.caller(), new NewSubscription(url, kinds, active)));
            return written(
                    201,
                    SubscriptionJson.withSecret(created),
                    created.subscription(),
                    Optional.of(BASE + "/" + created.subscription().id()));
        });
    }

    @GetMapping(BASE)
    ResponseEntity<String> list(HttpServletRequest request) {
        return exchange.read(request, "GET " + BASE, Action.READ, call -> {
            var query = V2Messages.query(request.getParameterMap(), "page", "size");
            var page = new PageRequest(
                    V2Messages.whole(query, "page", 0, 0, Integer.MAX_VALUE), V2Messages.pageSize(query));
            return json(SubscriptionJson.page(translated(() -> subscriptions.list(call.caller(), page))));
        });
    }

    @GetMapping(ONE)
    ResponseEntity<String> read(HttpServletRequest request, @PathVariable String subscriptionId) {
        return exchange.read(request, "GET " + ONE, Action.READ, call -> {
            var id = id(subscriptionId);
            var subscription = translated(() -> subscriptions.read(call.caller(), id));
            return ResponseEntity.ok()
                    .eTag(etag(subscription))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(SubscriptionJson.subscription(subscription));
        });
    }

    @PutMapping(ONE)
    ResponseEntity<String> change(HttpServletRequest request, @PathVariable String subscriptionId) {
        return exchange.write(request, "PUT " + ONE, Action.READ, (body, call) -> {
            var id = id(subscriptionId);
            var fields = JsonObject.body(body, "url", "kinds", "active");
            var change = new SubscriptionChange(
                    fields.text("url", Integer.MAX_VALUE),
                    fields.has("kinds")
                            ? Optional.of(fields.requiredEnumSet("kinds", ChangeKind.class))
                            : Optional.empty(),
                    active(fields));
            if (change.isEmpty()) {
                throw new HubException(ErrorCode.INVALID_VALUE, "Give at least one of url, kinds and active", "body");
            }
            var changed = translated(() -> subscriptions.change(call.caller(), id, change, call.expectedVersion()));
            return written(200, SubscriptionJson.subscription(changed), changed, Optional.empty());
        });
    }

    @DeleteMapping(ONE)
    ResponseEntity<String> delete(HttpServletRequest request, @PathVariable String subscriptionId) {
        return exchange.writeWithoutBody(request, "DELETE " + ONE, Action.READ, call -> {
            var id = id(subscriptionId);
            translated(() -> {
                subscriptions.delete(call.caller(), id, call.expectedVersion());
                return id;
            });
            return new Outcome(204, "", Map.of());
        });
    }

    @PostMapping(ONE + "/secret-rotations")
    ResponseEntity<String> rotate(HttpServletRequest request, @PathVariable String subscriptionId) {
        return exchange.write(request, "POST " + ONE + "/secret-rotations", Action.READ, (body, call) -> {
            var id = id(subscriptionId);
            var fields = JsonObject.body(body, "previousSecretValidFor");
            var overlap = fields.string("previousSecretValidFor").map(SubscriptionsV2::duration);
            var rotated =
                    translated(() -> subscriptions.rotateSecret(call.caller(), id, overlap, call.expectedVersion()));
            return written(200, SubscriptionJson.withSecret(rotated), rotated.subscription(), Optional.empty());
        });
    }

    @PostMapping(ONE + "/replays")
    ResponseEntity<String> replay(HttpServletRequest request, @PathVariable String subscriptionId) {
        return exchange.write(request, "POST " + ONE + "/replays", Action.READ, (body, call) -> {
            var id = id(subscriptionId);
            var since = JsonObject.body(body, "since").requiredDateTime("since");
            var replayed = translated(() -> subscriptions.replay(call.caller(), id, since, call.expectedVersion()));
            return written(200, SubscriptionJson.subscription(replayed), replayed, Optional.empty());
        });
    }

    @GetMapping(ONE + "/deliveries")
    ResponseEntity<String> deliveries(HttpServletRequest request, @PathVariable String subscriptionId) {
        return exchange.read(request, "GET " + ONE + "/deliveries", Action.READ, call -> {
            var id = id(subscriptionId);
            var query =
                    V2Messages.query(request.getParameterMap(), "from", "to", "outcome", "statusCode", "page", "size");
            var from = query.dateTime("from");
            var to = query.dateTime("to");
            if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
                throw new HubException(ErrorCode.INVALID_VALUE, "to is before from", "to");
            }
            var statusCode = query.string("statusCode").isPresent()
                    ? Optional.of(V2Messages.whole(query, "statusCode", 0, 100, 599))
                    : Optional.<Integer>empty();
            var page = new PageRequest(
                    V2Messages.whole(query, "page", 0, 0, Integer.MAX_VALUE), V2Messages.pageSize(query));
            var log = translated(() -> subscriptions.deliveries(
                    call.caller(),
                    id,
                    new DeliveryQuery(from, to, query.enumValue("outcome", DeliveryOutcome.class), statusCode, page)));
            return json(SubscriptionJson.deliveries(log));
        });
    }

    private static Optional<Boolean> active(JsonObject fields) {
        return fields.value("active").map(value -> {
            if (!value.isBoolean()) {
                throw new HubException(
                        ErrorCode.INVALID_VALUE,
                        "active must be true or false",
                        "active",
                        value.toString(),
                        "true or false");
            }
            return value.booleanValue();
        });
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new HubException(
                    ErrorCode.INVALID_VALUE,
                    "previousSecretValidFor must be an ISO-8601 duration, like PT24H (0 to 7 days)",
                    "previousSecretValidFor",
                    text,
                    "PT0S..P7D");
        }
    }

    private static SubscriptionId id(String text) {
        return new SubscriptionId(V2Exchange.pathId(text, "subscriptionId"));
    }

    private static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (ee.datahub.enquiryhub.push.SubscriptionRefused refused) {
            throw SubscriptionJson.error(refused.refusal());
        }
    }

    private static String etag(Subscription subscription) {
        return "\"" + subscription.version() + "\"";
    }

    private static Outcome written(int status, String body, Subscription subscription, Optional<String> location) {
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put(HttpHeaders.ETAG, etag(subscription));
        location.ifPresent(l -> headers.put(HttpHeaders.LOCATION, l));
        return new Outcome(status, body, Map.copyOf(headers));
    }

    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
