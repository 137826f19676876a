package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Party;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The enquiry pages where what the browser renders matters: text written like a script stays text on
 * the list (also when it arrives through a live update), the enquiry, its thread and its history;
 * overdue and due-soon marks in words; validation errors beside their fields in both languages; the hub
 * operator's answer statistics. Each page is checked with axe-core and saved as a screenshot.
 */
class EnquiryPagesBrowserTest extends BrowserTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    // a reference's 16 characters at most: an unclosed script tag, which would swallow the page after it
    private static final String SCRIPT_REFERENCE = "<script>alert(1)";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCommentReferenceAndAnswerWrittenAsScriptsShowAsTextOnTheInboxTheEnquiryAndItsHistory() {
        logIn("kati");
        click("nav-enquiries");

        var id = supplierA().send(anEnquiry().invoice(SCRIPT_REFERENCE).comment(SCRIPT));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(driver -> !driver.findElements(By.id("enquiry-" + id)).isEmpty());
        assertThat(text("enquiry-" + id)).as("arrived through a live update").contains(SCRIPT_REFERENCE, SCRIPT);
        assertNoScriptRan();
        screenshot("inbox-script-like-comment-and-reference-shown-as-text-et");

        open("/web/enquiries");
        assertThat(text("enquiry-" + id)).as("rendered with the page").contains(SCRIPT_REFERENCE, SCRIPT);
        assertNoScriptRan();

        gridA().answerId(id, "OPEN", SCRIPT);
        click("open-" + id);
        // The history shows the feed's changes, which the stamper makes visible within its interval.
        waitFor(() -> {
            if (!browser.findElements(By.id("history-2")).isEmpty()) {
                return true;
            }
            browser.navigate().refresh();
            return false;
        });
        assertThat(text("enquiry-title")).isEqualTo("Arve: " + SCRIPT_REFERENCE);
        assertThat(text("enquiry-reference")).isEqualTo(SCRIPT_REFERENCE);
        assertThat(text("enquiry-comment")).isEqualTo(SCRIPT);
        assertThat(text("answer-1-comment")).isEqualTo(SCRIPT);
        assertThat(text("history-1")).contains(SCRIPT_REFERENCE, SCRIPT);
        assertThat(text("history-2")).contains(SCRIPT);
        assertNoScriptRan();
        screenshot("enquiry-script-like-texts-shown-as-text-in-fields-thread-and-history-et");
        assertAccessible();
    }

    @Test
    void theInboxAndTheEnquiryMarkOverdueAndDueSoonInWords() {
        var overdue = supplierA().send(anEnquiry().comment("past its due time"));
        var soon = supplierA().send(anEnquiry().comment("due within the hour"));
        var later = supplierA().send(anEnquiry().comment("due in the usual time"));
        jdbc.sql("update enquiry set due_at = now() - interval '1 hour' where id = ?::uuid")
                .param(overdue)
                .update();
        jdbc.sql("update enquiry set due_at = now() + interval '1 hour' where id = ?::uuid")
                .param(soon)
                .update();

        logIn("kati");
        click("nav-enquiries");
        assertThat(text("due-" + overdue)).contains("Tähtaeg ületatud").doesNotContain("Tähtaeg läheneb");
        assertThat(text("due-" + soon)).contains("Tähtaeg läheneb").doesNotContain("Tähtaeg ületatud");
        assertThat(text("due-" + later)).doesNotContain("Tähtaeg ületatud", "Tähtaeg läheneb");
        screenshot("inbox-overdue-and-due-soon-marked-in-words-et");
        assertAccessible();

        click("open-" + overdue);
        assertThat(text("enquiry-due")).contains("Tähtaeg ületatud");
        screenshot("enquiry-overdue-et");
    }

    private record Errors(String summary, String checkCharacter, String commentLength, String title) {}

    private static final Map<String, Errors> ERRORS = Map.of(
            "et",
                    new Errors(
                            "Esines probleem",
                            "kontrollmärk (viimane märk) ei klapi ülejäänud koodiga",
                            "Kommentaaris võib olla kuni 4000 märki.",
                            "Viga:"),
            "en",
                    new Errors(
                            "There is a problem",
                            "does not match the rest of the code",
                            "The comment may hold at most 4000 characters.",
                            "Error:"));

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void aBadMeterAndATooLongCommentAreShownBesideTheirFieldsAndInTheSummary(String language) {
        var errors = ERRORS.get(language);
        open("/idp/login?lang=" + language);
        logIn("mari");
        click("nav-new-enquiry");
        var wrongCheck = Party.METER_GRID_A.substring(0, 15) + "E";
        fill("meterEic", wrongCheck);
        fill("customerEic", Party.CUSTOMER);
        browser.findElement(By.cssSelector("label[for=topic]")).click();
        // Typed it would take long; the server must refuse it however it came.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'x'.repeat(4001);", byId("requestComment"));
        click("check-enquiry");

        assertThat(browser.getTitle()).startsWith(errors.title());
        assertThat(browser.findElement(By.cssSelector(".govuk-error-summary__title"))
                        .getText())
                .isEqualTo(errors.summary());
        assertThat(browser.findElements(By.cssSelector(".govuk-error-summary a")))
                .extracting(link -> link.getAttribute("href").replaceAll(".*#", "#"))
                .containsExactly("#meterEic", "#requestComment");
        // It says that the check character does not match, never which one would (issue 16 item 10): a
        // clerk who mistyped a middle digit would otherwise "fix" the code by changing its last one.
        assertThat(text("meterEic-error"))
                .contains(wrongCheck, errors.checkCharacter())
                .doesNotContain("oleks", "would be", " D", "(D)");
        assertThat(text("requestComment-error")).contains(errors.commentLength());
        assertThat(byId("meterEic").getAttribute("aria-describedby")).contains("meterEic-error");
        assertThat(byId("requestComment").getAttribute("aria-describedby")).contains("requestComment-error");
        assertThat(byId("meterEic").getAttribute("value"))
                .as("what was entered is kept")
                .isEqualTo(wrongCheck);
        assertThat(browser.switchTo().activeElement().getAttribute("class"))
                .as("focus on the summary")
                .contains("govuk-error-summary");
        screenshot("enquiry-create-errors-beside-fields-" + language);
        assertAccessible();
    }

    @Test
    void theHubOperatorSeesEachReceiversOpenOverdueAndAnsweredEnquiriesAndItsAnswerTimes() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        var answered = supplierA().send(anEnquiry().about(meter).comment("answered in a day and two hours"));
        var overdue = supplierA().send(anEnquiry().about(meter).comment("overdue"));
        hub.as(grid, "GRID_OPERATOR", "ELECTRICITY").answerId(answered, "CLOSE", "final");
        jdbc.sql("""
                update enquiry set created_at = now() - interval '3 days', final_answer_at = now() - interval '3 days' + interval '26 hours'
                 where id = ?::uuid
                """).param(answered).update();
        jdbc.sql("update enquiry set due_at = now() - interval '1 hour' where id = ?::uuid")
                .param(overdue)
                .update();

        open("/idp/login?lang=en");
        logIn("helen");
        click("nav-statistics");
        var row = byId("statistics-" + grid.eic() + "-ELECTRICITY").findElements(By.cssSelector("th, td")).stream()
                .map(cell -> cell.getText())
                .toList();
        assertThat(row)
                .containsExactly(
                        "Test participant " + grid.eic() + " (" + grid.eic() + ")",
                        "Electricity",
                        "2",
                        "1",
                        "1",
                        "1",
                        "0",
                        "1 day 2 hours",
                        "1 day 2 hours");
        screenshot("statistics-per-receiver-en");
        assertAccessible();

        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('from').value = '2026-12-01';"
                        + "document.getElementById('to').value = '2026-11-01';");
        click("show-statistics");
        assertThat(text("to-error")).contains("The last day cannot be before the first.");
        assertThat(browser.findElements(By.id("statistics"))).isEmpty();
        assertAccessible();
    }

    private void assertNoScriptRan() {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.getPageSource())
                .as("escaped, never markup")
                .doesNotContain(SCRIPT_REFERENCE)
                .contains("&lt;script&gt;alert(1)");
    }
}
