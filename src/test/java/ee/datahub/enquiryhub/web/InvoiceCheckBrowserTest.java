package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Party;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

/**
 * Issue 16 item 4 (done on main), verified in a real browser in both languages: the check step refuses
 * an INVOICE enquiry without a reference, still on step 1, and its error summary lists that error
 * together with another one (a customer EIC whose check character does not match).
 */
class InvoiceCheckBrowserTest extends BrowserTest {

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theCheckStepRefusesAnInvoiceWithoutAReferenceAndTheSummaryListsIt(String language) {
        open("/idp/login?lang=" + language);
        logIn("mari");
        click("nav-new-enquiry");
        fill("meterEic", Party.METER_GRID_A);
        var customer = Party.CUSTOMER.substring(0, 15) + (Party.CUSTOMER.charAt(15) == 'A' ? 'B' : 'A');
        fill("customerEic", customer);
        browser.findElement(By.cssSelector("label[for=topic-INVOICE]")).click();
        fill("requestComment", "An invoice without its reference (" + language + ")");
        click("check-enquiry");
        assertThat(browser.findElements(By.id("send-enquiry")))
                .as("not on the check page: nothing to send")
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector(".govuk-error-summary a")))
                .extracting(link -> link.getAttribute("href").replaceAll(".*#", "#"))
                .contains("#customerEic", "#referenceValue");
        assertThat(text("referenceValue-error")).isNotBlank();
        screenshot("check-step-refuses-invoice-without-reference-" + language);
        assertAccessible();
    }
}
