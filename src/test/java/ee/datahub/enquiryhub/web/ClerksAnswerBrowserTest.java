package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.WebClient;
import ee.datahub.enquiryhub.support.WebEnquiries;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Issue 16 items 2 and 5 in a real browser, in Estonian and English: the change history right after each
 * write (who wrote it, old → new); and two grid-operator clerks answering one enquiry at once (Kati in the
 * browser, Peeter in his own session): Kati keeps what she typed, sees what Peeter wrote, and is offered what
 * is still possible (sending again while the enquiry is open, her text to copy once it is closed).
 */
class ClerksAnswerBrowserTest extends BrowserTest {

    private record Texts(String sent, String nothingKept, String changed, String api, String notSent) {}

    private static final Map<String, Texts> TEXTS = Map.of(
            "et",
            new Texts(
                    "Pöördumine saadetud",
                    "muudatusi ei ole säilinud",
                    "Vastust muudetud",
                    "(liidese kaudu)",
                    "Teie vastust ei saadetud"),
            "en",
            new Texts(
                    "Enquiry sent",
                    "No changes are kept",
                    "Answer changed",
                    "(through the API)",
                    "Your answer was not sent"));

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theHistoryShowsEachWriteAtOnceWithThePersonWhoWroteItAndWhatChanged(String language) {
        var texts = TEXTS.get(language);
        var comment = "History of a disputed fee (" + language + " " + UUID.randomUUID() + ")";
        open("/idp/login?lang=" + language);
        logIn("mari");
        click("nav-new-enquiry");
        fill("meterEic", Party.METER_GRID_A);
        fill("customerEic", Party.CUSTOMER);
        browser.findElement(By.cssSelector("label[for=topic]")).click();
        fill("requestComment", comment);
        click("check-enquiry");
        click("send-enquiry");
        var id = browser.getCurrentUrl().replaceAll(".*/web/enquiries/", "").replaceAll("\\?.*", "");
        // Read your writes: the page the send leads to shows the send, by Mari, not "nothing is kept".
        assertThat(text("history")).doesNotContain(texts.nothingKept());
        assertThat(text("history-1")).contains(texts.sent(), "Mari Maasikas", comment);
        scrollTo("history");
        screenshot("history-right-after-sending-names-the-sender-" + language);
        assertAccessible();
        logOut();

        logIn("kati");
        open("/web/enquiries/" + id + "/answer");
        browser.findElement(By.cssSelector("label[for=answerStatus]")).click();
        fill("responseComment", "We are looking into it (" + language + ").");
        click("send-answer");
        click("change-answer-1");
        fill("responseComment", "We are reading the meter again (" + language + ").");
        click("send-answer");
        assertThat(text("history-3"))
                .as("the change: who, old → new")
                .contains(texts.changed(), "Kati Kask", "We are looking into it", "We are reading the meter again");
        assertThat(browser.findElement(By.cssSelector("#history-3 del")).getText())
                .as("the old text, struck through")
                .isEqualTo("We are looking into it (" + language + ").");

        var peeter = peeterForGridA();
        WebEnquiries.answer(peeter, id, "CLOSE", "No correction is due (" + language + ").");
        open("/web/enquiries/" + id);
        assertThat(text("history-4"))
                .as("the final answer at once, by Peeter, not Kati")
                .contains("Peeter Pärn", "No correction is due");
        assertThat(text("history-2")).contains("Kati Kask").doesNotContain("Peeter Pärn");
        scrollTo("history");
        screenshot("history-names-each-clerk-and-shows-old-and-new-" + language);
        assertAccessible();

        // A write through the API names no person: the history says so.
        var throughApi = supplierA().send(anEnquiry().comment("through the API " + language));
        open("/web/enquiries/" + throughApi);
        assertThat(text("history-1")).contains(texts.api());
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theSecondOfTwoClerksAnsweringAtOnceKeepsTheTextSeesWhatChangedAndWhatIsStillPossible(String language) {
        var texts = TEXTS.get(language);
        var id = supplierA().send(anEnquiry().comment("two clerks at once " + language));
        var peeter = peeterForGridA();
        open("/idp/login?lang=" + language);
        logIn("kati");
        open("/web/enquiries/" + id + "/answer");
        browser.findElement(By.cssSelector("label[for=answerStatus-CLOSE]")).click();
        var typed = "Kati's long answer about the tariff, typed with care (" + language + ").";
        fill("responseComment", typed);

        // Peeter sends an interim answer meanwhile: Kati's form comes back with her text and his answer.
        WebEnquiries.answer(peeter, id, "OPEN", "Peeter looks into it (" + language + ").");
        click("send-answer");
        assertThat(byId("responseComment").getAttribute("value")).isEqualTo(typed);
        assertThat(text("changed-meanwhile")).contains("Peeter Pärn", "Peeter looks into it");
        scrollTo("changed-meanwhile");
        screenshot("second-clerk-keeps-text-and-sees-the-interim-answer-meanwhile-" + language);
        assertAccessible();

        // Peeter closes it with a final answer: no form any more, Kati's text kept to copy.
        WebEnquiries.answer(peeter, id, "CLOSE", "Peeter's final answer (" + language + ").");
        click("send-answer");
        assertThat(text("kept-answer-block")).contains(texts.notSent());
        assertThat(byId("kept-answer").getAttribute("value")).isEqualTo(typed);
        assertThat(text("changed-meanwhile")).contains("Peeter Pärn", "Peeter's final answer");
        assertThat(browser.findElements(By.id("send-answer")))
                .as("a closed enquiry takes no answer")
                .isEmpty();
        scrollTo("changed-meanwhile");
        screenshot("second-clerk-keeps-text-after-the-enquiry-closed-meanwhile-" + language);
        assertAccessible();
        click("kept-back-to-enquiry");
        assertThat(text("answer-2")).contains("Peeter's final answer");
    }

    private void scrollTo(String id) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private WebClient peeterForGridA() {
        var peeter = new WebClient(url(""));
        peeter.logIn("peeter", "demo");
        var choice = peeter.get("/web/context");
        peeter.post(
                "/web/context",
                Map.of(
                        "context",
                        "38X-EIN-ALL----B/GRID_OPERATOR/ELECTRICITY",
                        "_csrf",
                        WebClient.csrfOf(choice.body())));
        return peeter;
    }
}
