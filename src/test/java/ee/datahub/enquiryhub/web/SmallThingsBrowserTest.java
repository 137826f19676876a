package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Party;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

/**
 * Issue 16 item 12 in a real browser, in Estonian and in English: a failed login keeps the username;
 * Back after sending an enquiry shows the check page again, not the browser's resubmit prompt; the due
 * time says the end of which day; the statistics caption shows dates as the page's language writes
 * them; a technical user's credentials are named apart from the customer, and push subscriptions
 * without "Tõukeliitumised"; the account chooser shows its list without the header's switcher.
 */
class SmallThingsBrowserTest extends BrowserTest {

    private record Texts(String dueByEnd, String caption, String clientId, String notClientId, String subscriptions) {}

    private static final Map<String, Texts> TEXTS = Map.of(
            "et",
            new Texts(
                    "hiljemalt \\d\\d\\.\\d\\d\\.\\d{4} lõpuks",
                    "Saadetud \\d\\d\\.\\d\\d\\.\\d{4} – \\d\\d\\.\\d\\d\\.\\d{4}",
                    "Kasutajatunnus (client_id)",
                    "Kliendi tunnus",
                    "Muudatusteadete liitumised"),
            "en",
            new Texts(
                    "by the end of \\d\\d\\.\\d\\d\\.\\d{4}",
                    "Enquiries sent \\d{1,2} [A-Z][a-z]+ \\d{4} – \\d{1,2} [A-Z][a-z]+ \\d{4}",
                    "Username (client_id)",
                    "Client id",
                    "Push subscriptions"));

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void aFailedLoginKeepsTheUsername(String language) {
        open("/idp/login?lang=" + language);
        fill("username", "mari");
        fill("password", "not the password");
        click("login");
        assertThat(browser.findElements(By.id("username-error"))).isNotEmpty();
        assertThat(byId("username").getAttribute("value")).isEqualTo("mari");
        assertThat(byId("password").getAttribute("value")).isEmpty();
        screenshot("login-failed-keeps-the-username-" + language);
        assertAccessible();
        fill("password", "demo");
        click("login");
        waitFor(() -> browser.getCurrentUrl().contains("/web/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void backAfterSendingShowsTheCheckPageAndTheDueTimeSaysTheEndOfTheDay(String language) {
        var texts = TEXTS.get(language);
        open("/idp/login?lang=" + language);
        logIn("mari");
        click("nav-new-enquiry");
        fill("meterEic", Party.METER_GRID_A);
        fill("customerEic", Party.CUSTOMER);
        browser.findElement(By.cssSelector("label[for=topic]")).click();
        fill("requestComment", "Back after sending (" + language + ")");
        click("check-enquiry");
        var checkPage = browser.getCurrentUrl();
        click("send-enquiry");
        assertThat(text("enquiry-due"))
                .matches("(?s).*" + texts.dueByEnd() + ".*")
                .doesNotContain("00:00");
        screenshot("due-time-says-the-end-of-the-day-" + language);

        browser.navigate().back();
        assertThat(browser.getPageSource())
                .as("no resubmit prompt")
                .doesNotContain("ERR_CACHE_MISS")
                .doesNotContain("Confirm Form Resubmission");
        assertThat(browser.getCurrentUrl())
                .as("the page before, reached by GET")
                .isIn(checkPage, url("/web/enquiries/new"));
        screenshot("back-after-sending-no-resubmit-prompt-" + language);
        assertAccessible();
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theStatisticsCaptionShowsDatesInThePagesLanguage(String language) {
        supplierA().send(anEnquiry().comment("for the statistics " + language));
        open("/idp/login?lang=" + language);
        logIn("helen");
        open("/web/operator/statistics");
        var caption = browser.findElement(By.cssSelector("caption")).getText();
        assertThat(caption).matches(TEXTS.get(language).caption()).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\d");
        screenshot("statistics-caption-dates-in-page-language-" + language);
        assertAccessible();
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void technicalUsersCredentialsAreNotNamedLikeTheCustomer(String language) {
        var texts = TEXTS.get(language);
        open("/idp/login?lang=" + language);
        logIn("anne");
        click("nav-technical-users");
        assertThat(text("technical-users")).contains(texts.clientId()).doesNotContain(texts.notClientId());
        assertThat(text("nav-subscriptions")).isEqualTo(texts.subscriptions());
        assertThat(browser.getPageSource()).doesNotContain("Tõukeliitumised");
        screenshot("technical-users-credentials-named-apart-from-the-customer-" + language);
        assertAccessible();
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theAccountChooserShowsItsListWithoutTheHeaderSwitcher(String language) {
        open("/idp/login?lang=" + language);
        logIn("peeter");
        open("/web/context");
        assertThat(browser.findElements(By.cssSelector("input[name=context][type=radio]")))
                .hasSizeGreaterThan(1);
        assertThat(browser.findElements(By.id("context-switch")))
                .as("no second chooser in the header")
                .isEmpty();
        screenshot("account-chooser-list-only-" + language);
        assertAccessible();
        click("choose-context");
        assertThat(browser.findElements(By.id("context-switch")))
                .as("elsewhere the header switches")
                .isNotEmpty();
    }
}
