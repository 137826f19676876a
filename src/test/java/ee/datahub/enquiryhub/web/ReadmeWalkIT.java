package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Chromium;
import ee.datahub.enquiryhub.support.PackagedHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's browser walk, steps 7 and 8, on the default start ({@code ./hub run}'s jar, its demo data
 * and its embedded mail server), with Mari and Kati in two browsers at once, by the README's own words:
 * Mari sends, Kati's open list shows it unread without a reload, Kati answers twice, Kati's email about
 * it waits in the demo mailbox without customer or comment and links to the enquiry, Mari got two.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeWalkIT {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private final PackagedHub packaged = new PackagedHub("readme-walk");
    private Process hub;
    private ChromeDriver mari;
    private ChromeDriver kati;

    @BeforeAll
    void defaultStartAndTwoBrowsers() throws Exception {
        hub = packaged.start();
        mari = Chromium.start(Files.createTempDirectory("chromium-mari"));
        kati = Chromium.start(Files.createTempDirectory("chromium-kati"));
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (var browser : new ChromeDriver[] {mari, kati}) {
            if (browser != null) {
                browser.quit();
            }
        }
        packaged.stop(hub);
    }

    @Test
    void mariSendsKatiSeesItLiveAnswersTwiceAndBothGetTheirEmails() throws Exception {
        logIn(mari, "mari");
        logIn(kati, "kati");
        click(kati, "nav-enquiries");
        ((JavascriptExecutor) kati).executeScript("window.walkMarker = 'not reloaded';");

        // Step 7: Mari writes, checks and sends.
        var comment = "Võrgutasu tundub vale (" + UUID.randomUUID() + ")";
        click(mari, "nav-new-enquiry");
        fill(mari, "meterEic", "38ZGO-1000001U-D");
        fill(mari, "customerEic", "38X-AVP-ZW6700C6");
        mari.findElement(By.cssSelector("label[for=topic-INVOICE]")).click();
        fill(mari, "referenceValue", "ARVE-2026-12");
        fill(mari, "requestComment", comment);
        click(mari, "check-enquiry");
        assertThat(text(mari, "resolved-receiver")).startsWith("Demo Grid Operator A");
        click(mari, "send-enquiry");
        var id = mari.getCurrentUrl().replaceAll(".*/web/enquiries/", "");
        assertThat(text(mari, "enquiry-comment")).isEqualTo(comment);

        // Step 8: Kati's open list shows it, unread, without a reload.
        waitFor(kati, d -> !d.findElements(By.id("enquiry-" + id)).isEmpty());
        assertThat(text(kati, "unread-" + id)).isEqualTo("Lugemata");
        assertThat(((JavascriptExecutor) kati).executeScript("return window.walkMarker;"))
                .isEqualTo("not reloaded");
        screenshot(kati, "readme-walk-kati-sees-maris-enquiry-unread");
        click(kati, "open-" + id);
        answer(kati, "answerStatus", "Kontrollime näite.");
        answer(kati, "answerStatus-CLOSE", "Tasu vastab 2026. aasta hinnakirjale.");
        assertThat(text(kati, "enquiry-status")).isEqualTo("Suletud");

        // Kati's email about Mari's enquiry, in the demo mailbox: no customer, no comment; its link opens it.
        click(kati, "nav-mail");
        assertThat(text(kati, "address-state")).contains("kati@demo.example");
        click(kati, "demo-mailbox-link");
        var email = mailAbout(kati, id, "Uus pöördumine");
        assertThat(email.getText())
                .contains("ARVE-2026-12", "Demo Open Supplier A", "Demo Grid Operator A")
                .doesNotContain("38X-AVP-ZW6700C6", "38ZGO-1000001U-D", comment);
        screenshot(kati, "readme-walk-katis-email-in-the-demo-mailbox");
        var link = email.findElement(By.cssSelector("a[href*='/web/mail/enquiries/" + id + "']"));
        var page = kati.findElement(By.tagName("html"));
        link.click();
        waitFor(kati, ExpectedConditions.stalenessOf(page));
        assertThat(text(kati, "enquiry-comment")).isEqualTo(comment);

        // Mari got one email for each answer, and sees the enquiry unread and closed.
        mari.get(packaged.url("/web/demo/mailbox"));
        waitFor(mari, d -> mailsAbout(d, id, "Vastus") == 2);
        click(mari, "nav-enquiries");
        assertThat(text(mari, "unread-" + id)).isEqualTo("Lugemata");
        click(mari, "open-" + id);
        assertThat(text(mari, "enquiry-status")).isEqualTo("Suletud");
        assertThat(text(mari, "answer-2")).contains("2026. aasta hinnakirjale");
        screenshot(mari, "readme-walk-mari-sees-both-answers");
    }

    private void logIn(ChromeDriver browser, String username) {
        browser.get(packaged.url("/idp/login?lang=et"));
        browser.get(packaged.url("/web/"));
        waitFor(browser, d -> d.getCurrentUrl().contains("/idp/login"));
        fill(browser, "username", username);
        fill(browser, "password", "demo");
        click(browser, "login");
        waitFor(browser, d -> d.getCurrentUrl().contains("/web/"));
    }

    private void answer(ChromeDriver browser, String kind, String comment) {
        click(browser, "answer-enquiry");
        browser.findElement(By.cssSelector("label[for=" + kind + "]")).click();
        fill(browser, "responseComment", comment);
        click(browser, "send-answer");
    }

    /** The demo mailbox's email with this subject about this enquiry, reloading until it has come. */
    private WebElement mailAbout(ChromeDriver browser, String id, String subject) {
        waitFor(browser, d -> mailsAbout(d, id, subject) == 1);
        return browser.findElements(By.cssSelector("article.hub-mail")).stream()
                .filter(m -> m.getText().startsWith(subject) && m.getText().contains(id))
                .findFirst()
                .orElseThrow();
    }

    private static long mailsAbout(WebDriver browser, String id, String subject) {
        browser.navigate().refresh();
        return browser.findElements(By.cssSelector("article.hub-mail")).stream()
                .map(WebElement::getText)
                .filter(t -> t.startsWith(subject) && t.contains(id))
                .count();
    }

    private static void fill(WebDriver browser, String id, String value) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks a link or button that leads to another page, and waits for that page. */
    private static void click(WebDriver browser, String id) {
        var page = browser.findElement(By.tagName("html"));
        waitFor(browser, ExpectedConditions.elementToBeClickable(By.id(id))).click();
        waitFor(browser, ExpectedConditions.stalenessOf(page));
        waitFor(browser, d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static <T> T waitFor(WebDriver browser, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).until(condition);
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
