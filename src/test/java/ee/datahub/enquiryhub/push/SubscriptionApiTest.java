package ee.datahub.enquiryhub.push;

import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import ee.datahub.enquiryhub.support.SubscriptionClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The subscriptions resource of API v2: what a participant's ADMIN can do with it, and every way a
 * client can get it wrong (400, 403, 404, 412, 422 with the spec's codes, in the V2 body).
 */
class SubscriptionApiTest extends HubApiTest {

    private static final String URL = "https://erp.grid.example/hub-webhooks";

    private Party grid;
    private SubscriptionClient admin;

    @BeforeEach
    void freshGridOperator() {
        grid = hub.registerParty(List.of("GRID_OPERATOR", "OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        admin = new SubscriptionClient(hub, grid, "GRID_OPERATOR", "ELECTRICITY");
    }

    @AfterEach
    void deleteTheSubscriptionsLeft() {
        for (var role : List.of("GRID_OPERATOR", "OPEN_SUPPLIER")) {
            var client = new SubscriptionClient(hub, grid, role, "ELECTRICITY");
            client.list("size=500")
                    .json()
                    .get("content")
                    .forEach(s -> client.delete(s.get("id").stringValue()));
        }
    }

    @Test
    void anAdminCreatesReadsListsChangesAndDeletesASubscription() {
        var created = admin.create(SubscriptionClient.body(URL, "ENQUIRY_CREATED", "ENQUIRY_CHANGED"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        var id = created.json().get("id").stringValue();
        assertThat(created.header("Location")).isEqualTo("/api/v2/subscriptions/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().get("secret").stringValue()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(created.json().get("status").stringValue()).isEqualTo("ACTIVE");
        assertThat(created.json().get("marketParticipantEic").stringValue()).isEqualTo(grid.eic());
        assertThat(created.json().get("marketParticipantRole").stringValue()).isEqualTo("GRID_OPERATOR");
        assertThat(created.json().get("commodityType").stringValue()).isEqualTo("ELECTRICITY");
        assertThat(created.header("x-original-document-identification")).isNotNull();

        var read = admin.get(id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.json().get("kinds").valueStream().map(k -> k.stringValue()))
                .containsExactly("ENQUIRY_CREATED", "ENQUIRY_CHANGED");

        var changed = admin.change(id, object("url", URL + "/v2"), Map.of("If-Match", "\"1\""));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().get("url").stringValue()).isEqualTo(URL + "/v2");
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");

        var stale = admin.change(id, object("url", URL), Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("opp.error.business.version-conflict");

        var list = admin.list("");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("content").valueStream().map(s -> s.get("id").stringValue()))
                .containsExactly(id);
        assertThat(list.json().get("totalElements").intValue()).isEqualTo(1);
        var asSupplier = new SubscriptionClient(hub, grid, "OPEN_SUPPLIER", "ELECTRICITY");
        assertThat(asSupplier.list("").json().get("totalElements").intValue())
                .as("another role's subscriptions")
                .isZero();

        var deleted = admin.delete(id);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        assertThat(admin.get(id).status()).isEqualTo(404);
    }

    @Test
    void aCreateRepeatedWithTheSameDocumentIdReturnsTheFirstAnswerAndCreatesNothing() {
        var documentId = UUID.randomUUID().toString();
        var body = SubscriptionClient.body(URL, "ALL");
        var first = admin.create(body, Map.of("x-document-identification", documentId));
        var again = admin.create(body, Map.of("x-document-identification", documentId));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("x-document-identification")).isEqualTo(first.header("x-document-identification"));
        assertThat(admin.list("").json().get("totalElements").intValue()).isEqualTo(1);

        var other = admin.create(
                SubscriptionClient.body(URL + "/other", "ALL"), Map.of("x-document-identification", documentId));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.code()).isEqualTo("opp.error.business.document-identification-conflict");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not a url",
                "/relative/path",
                "ftp://erp.grid.example/hooks",
                "file:///etc/passwd",
                "gopher://erp.grid.example:70/_",
                "jar:https://erp.grid.example/a.jar!/",
                "data:text/plain,hello",
                "https://user:secret@erp.grid.example/hooks",
                "https://erp.grid.example/hooks#fragment",
                "https:///no-host",
                "https://no-such-host.invalid/hooks"
            })
    void aUrlTheHubDoesNotDeliverToIsA400NamingTheUrl(String url) {
        var refused = admin.create(SubscriptionClient.body(url, "ALL"));

        assertThat(refused.status()).as("%s: %s", url, refused).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("opp.error.validation.invalid-value");
        assertThat(refused.args()).first().isEqualTo("url");
        assertThat(refused.errorMessage()).startsWith("The hub does not deliver to this url: ");
    }

    @Test
    void missingOrMalformedFieldsAre400s() {
        assertRefused(admin.create(object("kinds", object())), 400, "opp.error.validation.required-field", "url");
        assertRefused(admin.create(object("url", URL)), 400, "opp.error.validation.required-field", "kinds");
        var empty = object("url", URL);
        empty.putArray("kinds");
        assertRefused(admin.create(empty), 400, "opp.error.validation.required-field", "kinds");
        assertRefused(
                admin.create(SubscriptionClient.body(URL, "EVERYTHING")),
                400,
                "opp.error.validation.invalid-enum",
                "kinds[0]");
        assertRefused(
                admin.create(SubscriptionClient.body(URL, "ALL", "ENQUIRY_CREATED")),
                400,
                "opp.error.validation.invalid-value",
                "kinds");
        assertRefused(
                admin.create(SubscriptionClient.body(URL, "ENQUIRY_ANSWERED")),
                400,
                "opp.error.validation.invalid-value",
                "kinds");
        var activeText = SubscriptionClient.body(URL, "ALL");
        activeText.put("active", "yes");
        assertRefused(admin.create(activeText), 400, "opp.error.validation.invalid-value", "active");
        var unknown = SubscriptionClient.body(URL, "ALL");
        unknown.put("secret", "whsec_mine");
        assertRefused(admin.create(unknown), 400, "opp.error.validation.unknown-field", "secret");
        assertRefused(
                admin.request("POST", SubscriptionClient.BASE, "{", Map.of()),
                400,
                "opp.error.validation.malformed-json",
                "body");
        assertRefused(
                admin.create(SubscriptionClient.body(URL, "ALL"), Map.of("x-document-identification", "")),
                400,
                "opp.error.validation.missing-header",
                "x-document-identification");

        var id = admin.subscribe(URL, "ALL").get("id").stringValue();
        assertRefused(admin.change(id, object()), 400, "opp.error.validation.invalid-value", "body");
        assertRefused(
                admin.rotate(id, object("previousSecretValidFor", "a day")),
                400,
                "opp.error.validation.invalid-value",
                "previousSecretValidFor");
        assertRefused(
                admin.rotate(id, object("previousSecretValidFor", "P30D")),
                400,
                "opp.error.validation.invalid-value",
                "previousSecretValidFor");
        assertRefused(admin.replay(id, "yesterday"), 400, "opp.error.validation.invalid-date-time", "since");
        assertRefused(
                admin.replay(id, Instant.now().plus(1, ChronoUnit.DAYS).toString()),
                400,
                "opp.error.validation.invalid-value",
                "since");
        assertRefused(admin.get("not-a-uuid"), 400, "opp.error.validation.invalid-uuid", "subscriptionId");
        assertRefused(admin.deliveries(id, "outcome=LOST"), 400, "opp.error.validation.invalid-enum", "outcome");
        assertRefused(admin.deliveries(id, "statusCode=99"), 400, "opp.error.validation.invalid-value", "statusCode");
        assertRefused(
                admin.deliveries(id, "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"),
                400,
                "opp.error.validation.invalid-value",
                "to");
        assertRefused(admin.deliveries(id, "size=501"), 400, "opp.error.validation.page-size-too-large", "size");
        assertRefused(admin.list("sort=url"), 400, "opp.error.validation.unknown-field", "sort");
    }

    @Test
    void aReplayFromBeforeTheFeedsRetentionIs422() {
        var id = admin.subscribe(URL, "ALL").get("id").stringValue();

        var refused = admin.replay(id, Instant.now().minus(91, ChronoUnit.DAYS).toString());

        assertRefused(refused, 422, "opp.error.business.change-period-beyond-retention", "since");
        assertThat(refused.args()).hasSize(3);
    }

    @Test
    void onlyTheParticipantsAdminManagesSubscriptions() {
        var id = admin.subscribe(URL, "ALL").get("id").stringValue();
        for (var permission : List.of("VIEWER_DIRECT_MESSAGE", "EDITOR_DIRECT_MESSAGE")) {
            var user = new SubscriptionClient(hub, hub.technicalUser(grid, permission), "GRID_OPERATOR", "ELECTRICITY");
            for (var response : List.of(
                    user.create(SubscriptionClient.body(URL, "ALL")),
                    user.list(""),
                    user.get(id),
                    user.change(id, object("url", URL)),
                    user.delete(id),
                    user.rotate(id, object()),
                    user.replay(id, Instant.now().toString()),
                    user.deliveries(id, ""))) {
                assertRefused(response, 403, "opp.error.business.insufficient-permission", "permission");
                assertThat(response.args()).contains("ADMIN");
            }
        }
        assertThat(admin.get(id).status()).as("still there").isEqualTo(200);
    }

    @Test
    void anotherParticipantsRolesOrCommoditysSubscriptionIsNotFound() {
        var id = admin.subscribe(URL, "ALL").get("id").stringValue();
        var other = new SubscriptionClient(hub, Party.GRID_A, "GRID_OPERATOR", "ELECTRICITY");
        for (var response : List.of(
                other.get(id),
                other.change(id, object("url", URL)),
                other.delete(id),
                other.rotate(id, object()),
                other.replay(id, Instant.now().toString()),
                other.deliveries(id, ""))) {
            assertRefused(response, 404, "opp.error.technical.resource-not-found", "subscriptionId");
        }
        var otherRole = new SubscriptionClient(hub, grid, "OPEN_SUPPLIER", "ELECTRICITY");
        assertRefused(otherRole.get(id), 404, "opp.error.technical.resource-not-found", "subscriptionId");
        assertRefused(
                admin.get(UUID.randomUUID().toString()),
                404,
                "opp.error.technical.resource-not-found",
                "subscriptionId");

        var foreignContext = admin.request(
                "GET", SubscriptionClient.BASE, null, Map.of("x-market-participant-eic", Party.GRID_A.eic()));
        assertRefused(
                foreignContext,
                403,
                "opp.error.technical.unprocessable-market-participant-context",
                "x-market-participant-eic");
    }

    @Test
    void aRoleWithoutAFeedHasNoSubscriptions() {
        var operator = hub.registerParty(List.of("GRID_OPERATOR", "AGGREGATOR"), List.of("ELECTRICITY"));
        var aggregator = new SubscriptionClient(hub, operator, "AGGREGATOR", "ELECTRICITY");

        assertRefused(
                aggregator.create(SubscriptionClient.body(URL, "ALL")),
                403,
                "opp.error.business.direct-message-incorrect-market-participant-role",
                "x-market-participant-role");
    }

    @Test
    void theDeliveryLogIsSearchableByTimeAndOutcomeAndPaged() {
        var id = admin.subscribe(URL, "ALL").get("id").stringValue();
        var log = admin.deliveries(
                id, "from=2026-01-01T00:00:00Z&to=2126-01-01T00:00:00Z&outcome=DELIVERED&page=0&size=10");

        assertThat(log.status()).as("%s", log).isEqualTo(200);
        assertThat(log.json().get("content").isArray()).isTrue();
        assertThat(log.json().get("page").intValue()).isZero();
        assertThat(log.json().get("size").intValue()).isEqualTo(10);
        assertThat(log.json().get("totalElements").intValue()).isZero();
        assertThat(log.json().get("totalPages").intValue()).isZero();
    }

    private static void assertRefused(Response response, int status, String code, String firstArg) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.code()).as("%s", response).isEqualTo(code);
        assertThat(response.args()).as("%s", response).first().isEqualTo(firstArg);
        assertThat(response.json().has("cause")).as("the V2 error body").isFalse();
    }
}
