package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.SecondHub;
import ee.datahub.enquiryhub.support.WebClient;
import ee.datahub.enquiryhub.support.WebEnquiries;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The seed's flow in a real browser, in Estonian and in English: a supplier writes an enquiry (the
 * check page shows the receiver the hub resolved) and sends it; the grid operator's list shows new
 * enquiries without a reload — sent through the web forms, through the API, and through the API of a
 * second hub instance — and it answers, first with an interim and then with a final answer; the
 * supplier sees both answers and the enquiry closed. (How soon a change wakes a waiting read: bench/.)
 */
class EnquiryFlowBrowserTest extends BrowserTest {

    private record Texts(
            String sent,
            String interimSent,
            String finalSent,
            String open,
            String closed,
            String unread,
            String interim,
            String fin,
            String announcement,
            String historySent,
            String historyFinal) {}

    private static final Map<String, Texts> TEXTS = Map.of(
            "et",
                    new Texts(
                            "Pöördumine on saadetud.",
                            "Vahevastus on saadetud.",
                            "Lõppvastus on saadetud; pöördumine on suletud.",
                            "Avatud",
                            "Suletud",
                            "Lugemata",
                            "Vahevastus",
                            "Lõppvastus",
                            "Uusi või muutunud pöördumisi:",
                            "Pöördumine saadetud",
                            "Lõppvastus"),
            "en",
                    new Texts(
                            "The enquiry has been sent.",
                            "The interim answer has been sent.",
                            "The final answer has been sent; the enquiry is closed.",
                            "Open",
                            "Closed",
                            "Unread",
                            "Interim answer",
                            "Final answer",
                            "New or changed enquiries:",
                            "Enquiry sent",
                            "Final answer"));

    @BeforeEach
    void secondInstanceRunning() {
        // Started after the test context: it runs on that context's embedded database.
        SecondHub.context();
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void aSupplierSendsAnEnquiryTheGridOperatorSeesItArriveAndAnswersAndTheSupplierSeesTheAnswers(String language) {
        var texts = TEXTS.get(language);
        var reference = "INV-" + language + "-" + (System.nanoTime() % 100_000);
        var comment = "The customer disputes the network fee (" + language + " " + UUID.randomUUID() + ")";
        open("/idp/login?lang=" + language);

        logIn("mari");
        click("nav-new-enquiry");
        screenshot("enquiry-create-step1-form-" + language);
        assertAccessible();
        fill("meterEic", Party.METER_GRID_A);
        fill("customerEic", Party.CUSTOMER);
        browser.findElement(By.cssSelector("label[for=topic-INVOICE]")).click();
        fill("referenceValue", reference);
        fill("requestComment", comment);
        click("check-enquiry");
        assertThat(text("resolved-receiver")).isEqualTo("Demo Grid Operator A (also a supplier) (38X-EIN-ALL----B)");
        assertThat(text("check-comment")).isEqualTo(comment);
        screenshot("enquiry-create-step2-check-shows-resolved-receiver-" + language);
        assertAccessible();
        click("send-enquiry");
        assertThat(text("banner-message")).isEqualTo(texts.sent());
        var id = browser.getCurrentUrl().replaceAll(".*/web/enquiries/", "");
        assertThat(text("enquiry-status")).isEqualTo(texts.open());
        assertThat(text("enquiry-reference")).isEqualTo(reference);
        logOut();

        logIn("kati");
        click("nav-enquiries");
        assertThat(text("unread-" + id)).isEqualTo(texts.unread());
        ((JavascriptExecutor) browser).executeScript("window.hubTestMarker = 'not reloaded';");

        var supplier = new WebClient(url(""));
        supplier.logIn("mari", "demo");
        var throughWeb = WebEnquiries.send(supplier, Party.METER_GRID_A, "sent through the web forms " + language);
        assertArrives(throughWeb);
        var throughApi = supplierA().send(anEnquiry().comment("sent through the API " + language));
        assertArrives(throughApi);
        var throughSecondHub = SecondHub.client()
                .as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY")
                .send(anEnquiry().comment("sent through the second instance " + language));
        assertArrives(throughSecondHub);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.hubTestMarker;"))
                .as("the list was updated in place, not reloaded")
                .isEqualTo("not reloaded");
        assertThat(text("live-announcement")).startsWith(texts.announcement());
        assertThat(browser.findElements(By.cssSelector("#enquiry-rows tr"))
                        .getFirst()
                        .getAttribute("id"))
                .as("newest first")
                .isEqualTo("enquiry-" + throughSecondHub);
        screenshot("inbox-new-arrivals-shown-live-" + language);
        assertAccessible();

        click("open-" + id);
        assertThat(text("enquiry-comment")).isEqualTo(comment);
        click("answer-enquiry");
        screenshot("answer-form-" + language);
        assertAccessible();
        browser.findElement(By.cssSelector("label[for=answerStatus]")).click();
        fill("responseComment", "We are checking the meter readings (" + language + ").");
        click("send-answer");
        assertThat(text("banner-message")).isEqualTo(texts.interimSent());
        assertThat(text("enquiry-status")).isEqualTo(texts.open());
        click("answer-enquiry");
        browser.findElement(By.cssSelector("label[for=answerStatus-CLOSE]")).click();
        fill("responseComment", "The fee follows the 2026 tariff; no correction is due (" + language + ").");
        click("send-answer");
        assertThat(text("banner-message")).isEqualTo(texts.finalSent());
        assertThat(text("enquiry-status")).isEqualTo(texts.closed());
        assertThat(browser.findElements(By.id("answer-enquiry")))
                .as("a closed enquiry takes no answer")
                .isEmpty();
        logOut();

        logIn("mari");
        click("nav-enquiries");
        assertThat(text("unread-" + id))
                .as("the grid operator wrote since the supplier last looked")
                .isEqualTo(texts.unread());
        click("open-" + id);
        assertThat(text("enquiry-status")).isEqualTo(texts.closed());
        assertThat(text("answer-1")).contains(texts.interim(), "We are checking the meter readings");
        assertThat(text("answer-2")).contains(texts.fin(), "no correction is due");
        assertThat(text("history-1")).contains(texts.historySent(), comment);
        assertThat(text("history-3")).contains(texts.historyFinal(), "no correction is due");
        assertThat(browser.findElements(By.id("change-enquiry")))
                .as("a closed enquiry takes no change")
                .isEmpty();
        screenshot("enquiry-closed-with-both-answers-and-history-" + language);
        assertAccessible();
        click("nav-enquiries");
        assertThat(browser.findElements(By.id("unread-" + id)))
                .as("read once opened")
                .isEmpty();
    }

    private void assertArrives(String id) {
        waitFor(() -> !browser.findElements(By.id("enquiry-" + id)).isEmpty());
    }
}
