package ee.datahub.enquiryhub.mail;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.TestSmtp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A supplier clerk (the demo's Jaan Tamm) sets up email in the browser, in Estonian and in English:
 * a wrong address and its error, the confirmation link from the email, the answers and a daily digest
 * for his context, then the unsubscribe link of an answer's email. Every page passes axe.
 */
class MailSettingsBrowserTest extends BrowserTest {

    private static final String CONTEXT = "38X-EIN-OS-----J-OPEN-SUPPLIER-ELECTRICITY";

    @Test
    void aClerkSetsUpEmailConfirmsTheAddressAndUnsubscribesFromTheEmail() {
        TestSmtp.start();
        logIn("jaan");
        click("nav-mail");
        assertThat(heading()).isEqualTo("E-kirjad");
        screenshot("mail-settings-et");
        assertAccessible();

        fill("address", "jaan tamm");
        click("save-address");
        assertThat(browser.getTitle()).startsWith("Viga:");
        assertThat(text("address-error")).contains("Sisestage üks e-posti aadress");
        assertThat(browser.findElements(By.cssSelector(".govuk-error-summary a")))
                .extracting(link -> link.getAttribute("href").replaceAll(".*#", "#"))
                .containsExactly("#address");
        screenshot("mail-settings-address-error-et");
        assertAccessible();

        var address = "jaan.tamm." + System.nanoTime() + "@test.example";
        fill("address", address);
        click("save-address");
        assertThat(text("mail-banner")).contains("Saatsime teie aadressile kinnituslingi");
        assertThat(text("address-state")).contains(address, "veel kinnitamata");

        var confirmation =
                TestSmtp.await(address, 1, MailPeople.WAIT).getFirst().text();
        open(confirmation.substring(confirmation.indexOf("/mail/confirm/")).split("\\s")[0]);
        assertThat(heading()).isEqualTo("Kinnitage oma e-posti aadress");
        screenshot("mail-confirm-ask-et");
        assertAccessible();
        click("confirm");
        assertThat(text("confirmed")).isEqualTo("Teie aadress on kinnitatud");
        screenshot("mail-confirmed-et");
        assertAccessible();

        open("/web/mail");
        assertThat(text("address-state")).contains("kinnitatud").doesNotContain("kinnitamata");
        browser.findElement(By.cssSelector("label[for=answers-" + CONTEXT + "]"))
                .click();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '08:15'", byId("digest-" + CONTEXT));
        click("save-" + CONTEXT);
        assertThat(text("mail-banner")).contains("salvestatud");
        assertThat(byId("answers-" + CONTEXT).isSelected()).isTrue();
        assertThat(byId("digest-" + CONTEXT).getAttribute("value")).isEqualTo("08:15");
        assertThat(text("next-" + CONTEXT)).contains("08:15");
        screenshot("mail-settings-saved-et");
        assertAccessible();

        open("/web/mail?lang=en");
        assertThat(heading()).isEqualTo("Email");
        assertThat(text("address-state")).contains(address, "confirmed");
        screenshot("mail-settings-en");
        assertAccessible();

        var supplier = hub.as(Party.SUPPLIER_A, "OPEN_SUPPLIER", "ELECTRICITY");
        var grid = hub.as(Party.GRID_A, "GRID_OPERATOR", "ELECTRICITY");
        var id = supplier.send(anEnquiry().invoice("BROWSER-1"));
        grid.answer(id, "CLOSE", "Corrected");
        var answer = TestSmtp.await(address, 2, MailPeople.WAIT).get(1);
        assertThat(answer.subject())
                .as("in the language chosen with the address")
                .startsWith("Vastus teie pöördumisele: Arve BROWSER-1");
        var header = answer.header("List-Unsubscribe").orElseThrow();
        open(header.substring(header.indexOf("/mail/unsubscribe/"), header.length() - 1));
        assertThat(heading()).isEqualTo("Unsubscribe");
        screenshot("mail-unsubscribe-ask-en");
        assertAccessible();
        click("unsubscribe");
        assertThat(text("unsubscribed")).contains("You no longer receive “Answer”");
        screenshot("mail-unsubscribed-en");
        assertAccessible();

        open("/web/mail");
        assertThat(byId("answers-" + CONTEXT).isSelected()).isFalse();
        assertThat(byId("digest-" + CONTEXT).getAttribute("value"))
                .as("the digest stays")
                .isEqualTo("08:15");
        assertThat(browser.findElement(By.id("mail-messages")).getText()).contains("Answer", "Sent");
    }
}
