package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Receiver;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A participant's ADMIN manages its technical users, its people's permissions and its push subscriptions in the browser. */
class ParticipantAdminBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdminCreatesATechnicalUserWhoseSecretObtainsATokenUntilTheAdminRevokesIt() {
        logIn("anne");
        click("nav-technical-users");
        assertThat(heading()).isEqualTo("Tehnilised kasutajad");
        screenshot("technical-users-et");
        assertAccessible();

        click("create-technical-user");
        assertThat(browser.getTitle()).startsWith("Viga:");
        var summary = browser.findElements(By.cssSelector(".govuk-error-summary a"));
        assertThat(summary)
                .extracting(link -> link.getAttribute("href").replaceAll(".*#", "#"))
                .containsExactly("#suffix", "#permissions");
        assertThat(text("suffix-error")).contains("Sisestage järelliide.");
        assertThat(text("permissions-error")).contains("Valige vähemalt üks õigus.");
        screenshot("technical-users-error-et");
        assertAccessible();

        fill("suffix", "Billing!");
        browser.findElement(By.cssSelector("label[for=permissions-VIEWER_DIRECT_MESSAGE]"))
                .click();
        click("create-technical-user");
        assertThat(text("suffix-error")).contains("ainult väiketähed, numbrid");
        assertThat(byId("suffix").getAttribute("value"))
                .as("what was typed is kept")
                .isEqualTo("Billing!");
        assertThat(byId("permissions-VIEWER_DIRECT_MESSAGE").isSelected()).isTrue();

        var suffix = "web" + System.nanoTime() % 1_000_000;
        fill("suffix", suffix);
        click("create-technical-user");
        var clientId = text("created-client-id");
        var secret = byId("client-secret").getAttribute("value");
        assertThat(clientId).isEqualTo("38x-ein-os-----j." + suffix);
        assertThat(byId("copy-secret").isDisplayed())
                .as("the copy button, shown by the page's script")
                .isTrue();
        screenshot("technical-user-created-et");
        assertAccessible();

        assertThat(hub.tokenRequest(clientId, secret).status())
                .as("the shown secret obtains a token")
                .isEqualTo(200);

        click("back-to-technical-users");
        assertThat(browser.findElement(By.id("technical-users")).getText()).contains(clientId);
        click("revoke-" + clientId);
        assertThat(text("revoked-message")).contains(clientId);
        assertThat(browser.findElement(By.id("technical-users")).getText()).doesNotContain(clientId);
        assertThat(hub.tokenRequest(clientId, secret).status())
                .as("no token once revoked")
                .isEqualTo(401);
    }

    @Test
    void anAdminGrantsAPersonPermissionsInOneRoleAndCommodityAndRevokesThem() {
        logIn("anne");
        open("/web/admin/people?lang=en");
        assertThat(heading()).isEqualTo("People’s permissions");
        assertThat(browser.findElement(By.id("grants")).getText()).contains("Mari Maasikas", "Jaan Tamm");
        screenshot("people-en");
        assertAccessible();

        click("grant");
        assertThat(browser.findElements(By.cssSelector(".govuk-error-summary a")))
                .extracting(link -> link.getAttribute("href").replaceAll(".*#", "#"))
                .containsExactly("#subject", "#name", "#permissions");
        assertAccessible();

        var subject = "EE" + System.nanoTime() % 100_000_000_000L;
        fill("subject", subject);
        fill("name", "Liis Lepp");
        new Select(byId("role")).selectByValue("OPEN_SUPPLIER");
        new Select(byId("commodity")).selectByValue("ELECTRICITY");
        browser.findElement(By.cssSelector("label[for=permissions-EDITOR_DIRECT_MESSAGE]"))
                .click();
        click("grant");
        assertThat(text("people-banner")).isEqualTo("Liis Lepp now holds the permissions.");
        assertThat(browser.findElement(By.id("grants")).getText()).contains("Liis Lepp", subject, "Enquiry editor");
        assertThat(jdbc.sql("select permissions::text from person_grant where subject = ?")
                        .param(subject)
                        .query(String.class)
                        .single())
                .isEqualTo("{EDITOR_DIRECT_MESSAGE}");
        assertThat(jdbc.sql("select granted_by from person_grant where subject = ?")
                        .param(subject)
                        .query(String.class)
                        .single())
                .isEqualTo("person:anne");

        click("revoke-" + subject + "-OPEN_SUPPLIER-ELECTRICITY");
        assertThat(text("people-banner")).isEqualTo(subject + " no longer holds those permissions.");
        assertThat(jdbc.sql("select count(*) from person_grant where subject = ?")
                        .param(subject)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anAdminSubscribesToPushSeesTheSecretOnceTheDeliveryLogAndPausesTheSubscription() {
        try (var receiver = new Receiver()) {
            logIn("anne");
            click("nav-subscriptions");
            assertThat(heading()).isEqualTo("Tõukeliitumised");
            assertAccessible();

            fill("url", receiver.url());
            click("create-subscription");
            assertThat(heading()).isEqualTo("Liitumine on loodud");
            var secret = byId("subscription-secret").getAttribute("value");
            assertThat(secret).startsWith("whsec_");
            assertThat(byId("copy-secret").isDisplayed())
                    .as("the copy button, shown by the page's script")
                    .isTrue();
            screenshot("push-subscription-created-secret-shown-once-et");
            assertAccessible();

            var enquiry = supplierA().send(anEnquiry().comment("answered while subscribed"));
            gridA().answerId(enquiry, "OPEN", "pushed to the supplier");
            Receiver.await(
                    "the answer delivered",
                    () -> receiver.received().stream()
                            .anyMatch(delivery -> delivery.body().contains(enquiry)));
            click("to-subscription");
            // The receiver has the request before the hub has its answer and logs the delivery.
            waitFor(() -> {
                if (browser.findElements(By.id("deliveries")).stream()
                        .anyMatch(log -> log.getText().contains("204"))) {
                    return true;
                }
                browser.navigate().refresh();
                return false;
            });
            assertThat(text("subscription-status")).isEqualTo("Aktiivne");
            assertThat(text("deliveries")).contains("Kohale toimetatud", "204");
            assertThat(browser.getPageSource()).doesNotContain(secret);
            screenshot("push-subscription-with-delivery-log-et");
            assertAccessible();

            click("pause-subscription");
            assertThat(text("banner-message")).startsWith("Liitumine on peatatud");
            assertThat(text("subscription-status")).isEqualTo("Peatatud");
            click("back-to-subscriptions");
            assertThat(text("subscriptions")).contains(receiver.url(), "Peatatud");
            screenshot("push-subscriptions-list-et");
            assertAccessible();
        }
    }
}
