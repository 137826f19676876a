package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.WebClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16 item 6 in a real browser, in Estonian and in English, for a fresh participant and its only
 * ADMIN: removing one's own ADMIN right asks first, saying that it is one's own, and is then refused
 * (the participant's last ADMIN) with a page saying why, the right kept; once another person holds
 * ADMIN, it goes through and leads home. Deleting a push subscription asks first, naming its address.
 */
class DestructiveActionsBrowserTest extends BrowserTest {

    private static final Pattern SUBSCRIPTION = Pattern.compile("href=\"/web/admin/subscriptions/([0-9a-f-]{36})\"");

    private record Texts(String yourself, String lastAdmin, String deleted, String confirmDelete) {}

    private static final Map<String, Texts> TEXTS = Map.of(
            "et",
            new Texts(
                    "Need on teie enda õigused",
                    "Teist haldurit (ADMIN) ei ole",
                    "Liitumine on kustutatud",
                    "Kas kustutada liitumine aadressile"),
            "en",
            new Texts(
                    "These are your own permissions",
                    "Nobody else holds ADMIN",
                    "The push subscription is deleted",
                    "Delete the push subscription to"));

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theLastAdminCannotRemoveTheirOwnAdminRightAndIsAskedBeforeAnyRevocation(String language) {
        var texts = TEXTS.get(language);
        var party = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var admin = freshAdmin(party.eic());
        open("/idp/login?lang=" + language);
        logIn(admin);
        open("/web/admin/people");
        var own = "revoke-" + admin + "-GRID_OPERATOR-ELECTRICITY";
        click(own);
        assertThat(text("confirm-consequence")).contains(texts.yourself());
        screenshot("revoking-own-admin-right-asks-first-" + language);
        assertAccessible();
        click("confirm");
        assertThat(text("refusal-reason")).contains(texts.lastAdmin());
        assertThat(heldAdmin(admin, party.eic()))
                .as("the last ADMIN keeps the right")
                .isTrue();
        screenshot("last-admin-refused-" + language);
        assertAccessible();

        var second = "second-" + UUID.randomUUID().toString().substring(0, 8);
        open("/web/admin/people");
        fill("subject", second);
        fill("name", "Teine Haldur");
        new Select(byId("role")).selectByValue("GRID_OPERATOR");
        new Select(byId("commodity")).selectByValue("ELECTRICITY");
        browser.findElement(By.cssSelector("label[for=permissions]")).click();
        click("grant");
        click(own);
        click("confirm");
        assertThat(browser.getCurrentUrl())
                .as("home, not a page no longer theirs")
                .endsWith("/web/");
        assertThat(heldAdmin(admin, party.eic())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void deletingAPushSubscriptionAsksFirstNamingItsAddress(String language) {
        var texts = TEXTS.get(language);
        var party = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var admin = freshAdmin(party.eic());
        var hook = "http://127.0.0.1:9/delete-me-" + language;
        var subscription = subscribe(admin, hook);

        open("/idp/login?lang=" + language);
        logIn(admin);
        open("/web/admin/subscriptions/" + subscription);
        click("delete-subscription");
        assertThat(heading()).startsWith(texts.confirmDelete()).contains(hook);
        screenshot("subscription-delete-asks-naming-the-address-" + language);
        assertAccessible();
        click("confirm-back");
        assertThat(browser.getCurrentUrl()).endsWith("/web/admin/subscriptions/" + subscription);

        click("delete-subscription");
        click("confirm");
        assertThat(text("banner-message")).startsWith(texts.deleted());
        assertThat(browser.getPageSource()).doesNotContain(subscription);
        screenshot("subscription-deleted-" + language);
        assertAccessible();
    }

    private String freshAdmin(String participant) {
        var admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(admin, "Ainus Haldur", false);
        people.grant(
                admin,
                "Ainus Haldur",
                new Grant(
                        new Eic(participant),
                        MarketRole.GRID_OPERATOR,
                        Commodity.ELECTRICITY,
                        Set.of(Permission.ADMIN, Permission.EDITOR_DIRECT_MESSAGE)),
                "test");
        people.setEmbeddedPassword(admin, "demo");
        return admin;
    }

    private boolean heldAdmin(String subject, String participant) {
        return jdbc.sql("select count(*) from person_grant where subject = ? and participant_eic = ?"
                                + " and 'ADMIN' = any (permissions)")
                        .params(subject, participant)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    private String subscribe(String admin, String url) {
        var web = new WebClient(url(""));
        web.logIn(admin, "demo");
        var list = web.get("/web/admin/subscriptions");
        var fields = new LinkedHashMap<String, String>();
        var documentId =
                Pattern.compile("name=\"documentId\" value=\"([^\"]+)\"").matcher(list.body());
        assertThat(documentId.find()).isTrue();
        fields.put("documentId", documentId.group(1));
        fields.put("url", url);
        fields.put("kinds", "ALL");
        fields.put("active", "false");
        fields.put("_csrf", WebClient.csrfOf(list.body()));
        var created = web.post("/web/admin/subscriptions", fields);
        var id = SUBSCRIPTION.matcher(created.body());
        assertThat(id.find()).as("created: %s", created.body()).isTrue();
        return id.group(1);
    }
}
