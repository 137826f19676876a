package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** A demo person logs in through OpenID Connect, chooses and switches its context, in both languages. */
class WebLoginBrowserTest extends BrowserTest {

    @Test
    void aPersonForTwoParticipantsLogsInChoosesAndSwitchesTheContextInEstonian() {
        logIn("peeter");
        assertThat(browser.getCurrentUrl()).endsWith("/web/context");
        assertThat(heading()).isEqualTo("Valige, kelle nimel tegutsete");
        assertThat(text("person-name")).isEqualTo("Peeter Pärn");
        screenshot("context-choice-et");
        assertAccessible();

        browser.findElement(By.cssSelector("label[for=context]")).click();
        click("choose-context");
        assertThat(heading()).isEqualTo("Avaleht");
        var first = text("home-participant");

        var switcher = new Select(byId("context-switch"));
        var other = switcher.getOptions().stream()
                .filter(option -> option.getText().startsWith("Demo Open Supplier B"))
                .filter(option -> option.getText().contains("Elekter"))
                .findFirst()
                .orElseThrow();
        switcher.selectByValue(other.getAttribute("value"));
        click("context-switch-button");
        assertThat(text("home-participant")).startsWith("Demo Open Supplier B").isNotEqualTo(first);
        assertThat(text("home-role")).isEqualTo("Avatud tarnija");
        assertThat(text("home-commodity")).isEqualTo("Elekter");
        screenshot("home-et");
        assertAccessible();

        click("language-switch");
        assertThat(heading()).isEqualTo("Home");
        assertThat(text("home-role")).isEqualTo("Open supplier");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        screenshot("home-en");
        assertAccessible();

        logOut();
        assertThat(heading()).isEqualTo("You have logged out");
        open("/web/");
        assertThat(browser.getCurrentUrl())
                .as("logged out: a new login is needed")
                .contains("/idp/login");
    }

    @Test
    void thePersonLogsInInEnglishFromTheLoginPage() {
        open("/web/");
        waitFor(() -> browser.getCurrentUrl().contains("/idp/login"));
        assertThat(heading()).isEqualTo("Sisselogimine");
        click("language-switch");
        assertThat(heading()).isEqualTo("Log in");
        screenshot("login-en");
        assertAccessible();
        fill("username", "mari");
        fill("password", "demo");
        click("login");
        waitFor(() -> browser.getCurrentUrl().contains("/web/"));
        assertThat(heading()).as("a single context is chosen at once").isEqualTo("Home");
        assertThat(text("home-participant")).isEqualTo("Demo Open Supplier A (38X-EIN-OS-----J)");
        assertThat(text("home-permissions")).isEqualTo("Enquiry editor");
    }

    @Test
    void aWrongPasswordShowsTheErrorSummaryLinkingToTheField() {
        open("/web/");
        waitFor(() -> browser.getCurrentUrl().contains("/idp/login"));
        fill("username", "mari");
        fill("password", "not-her-password");
        click("login");
        waitFor(() -> browser.getCurrentUrl().contains("error"));
        var summaryLink = browser.findElement(By.cssSelector(".govuk-error-summary a"));
        assertThat(summaryLink.getText()).isEqualTo("Vale kasutajanimi või parool");
        assertThat(summaryLink.getAttribute("href")).endsWith("#username");
        assertThat(text("username-error")).contains("Vale kasutajanimi või parool");
        assertThat(browser.getTitle()).startsWith("Viga:");
        screenshot("login-error-et");
        assertAccessible();
    }
}
