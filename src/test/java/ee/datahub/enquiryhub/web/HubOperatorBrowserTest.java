package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.Party;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hub operator registers participants and metering points, imports a CSV, and searches the audit log. */
class HubOperatorBrowserTest extends BrowserTest {

    private static final String XSS = "<script>alert(1)</script>";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aParticipantNamedLikeAScriptIsShownAsTextAndNeverRuns() {
        logIn("helen");
        assertThat(browser.getCurrentUrl()).endsWith("/web/operator/participants");
        assertThat(heading()).isEqualTo("Turuosalised");

        click("register-participant");
        assertThat(browser.findElements(By.cssSelector(".govuk-error-summary a")))
                .extracting(link -> link.getAttribute("href").replaceAll(".*#", "#"))
                .containsExactly("#eic", "#name", "#roles", "#commodities");
        screenshot("participants-error-et");
        assertAccessible();

        fill("eic", Eics.party().toLowerCase());
        fill("name", XSS);
        click("register-participant");
        assertThat(text("eic-error")).contains("ei ole sobiv EIC-kood");

        var eic = Eics.party();
        fill("eic", eic);
        browser.findElement(By.cssSelector("label[for=roles]")).click();
        browser.findElement(By.cssSelector("label[for=commodities]")).click();
        click("register-participant");
        assertThat(text("participants-banner")).isEqualTo("Turuosaline " + XSS + " on registreeritud.");
        assertThat(browser.findElement(By.id("participants")).getText()).contains(eic, XSS);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.getPageSource())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain(XSS);
        screenshot("participants-et");
        assertAccessible();

        new Select(byId("appoint-participant")).selectByValue(eic);
        fill("appoint-subject", "EE" + System.nanoTime() % 100_000_000_000L);
        fill("appoint-name", XSS);
        click("appoint-admin");
        assertThat(text("participants-banner")).contains(XSS);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void theHubOperatorImportsACsvWithOneBadRowAndSeesThatRowsError() throws IOException {
        logIn("helen");
        click("nav-metering-points");
        screenshot("metering-points-et");
        assertAccessible();

        var good = Eics.meteringPoint();
        var bad = Eics.meteringPoint();
        var wrongCheck = bad.substring(0, 15) + (bad.charAt(15) == 'A' ? 'B' : 'A');
        var csv = Files.createTempFile("metering-points", ".csv");
        Files.writeString(
                csv,
                "meterEic,gridOperatorEic,commodity\n"
                        + good + "," + Party.GRID_A.eic() + ",ELECTRICITY\n"
                        + wrongCheck + "," + Party.GRID_A.eic() + ",ELECTRICITY\n");
        byId("file").sendKeys(csv.toAbsolutePath().toString());
        click("import-metering-points");
        var report = text("import-report");
        assertThat(report)
                .contains("3", "EIC-koodi " + wrongCheck + " kontrollmärk on vale (õige oleks " + bad.charAt(15) + ")");
        assertThat(text("file-error")).contains("Faili 1 rida on tagasi lükatud");
        assertThat(jdbc.sql("select count(*) from metering_point where eic = ?")
                        .param(good)
                        .query(Integer.class)
                        .single())
                .as("all rows or none")
                .isZero();
        screenshot("metering-points-import-error-et");
        assertAccessible();

        Files.writeString(
                csv,
                "meterEic,gridOperatorEic,commodity\n"
                        + good + "," + Party.GRID_A.eic() + ",ELECTRICITY\n"
                        + bad + "," + Party.GRID_A.eic() + ",ELECTRICITY\n");
        byId("file").sendKeys(csv.toAbsolutePath().toString());
        click("import-metering-points");
        assertThat(text("points-banner")).isEqualTo("Imporditud mõõtepunkte: 2.");
        assertThat(Eic.isValid(good)).isTrue();
        assertThat(jdbc.sql("select count(*) from metering_point where eic in (?, ?)")
                        .params(good, bad)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        Files.delete(csv);

        var single = Eics.meteringPoint();
        fill("eic", single);
        new Select(byId("gridOperatorEic")).selectByValue(Party.GRID_B.eic());
        browser.findElement(By.cssSelector("label[for=commodity-NATURAL_GAS]")).click();
        click("register-metering-point");
        assertThat(text("points-banner")).isEqualTo("Mõõtepunkt " + single + " on registreeritud.");
    }

    @Test
    void theHubOperatorFindsInTheAuditLogWhatAPersonDidInEitherLanguage() {
        logIn("helen");
        click("nav-audit");
        fill("enquiry", "not-an-id");
        click("search-audit");
        assertThat(text("enquiry-error")).contains("not-an-id ei ole pöördumise tunnus");
        assertAccessible();

        fill("enquiry", "");
        fill("actor", "person:helen");
        byId("views").click();
        click("search-audit");
        var entries = text("audit-entries");
        assertThat(entries)
                .contains(
                        "person:helen", "Helen Haldur avas lehe „Turuosalised“", "Helen Haldur avas lehe „Auditilogi“");
        screenshot("audit-et");
        assertAccessible();

        click("language-switch");
        assertThat(heading()).isEqualTo("Audit log");
        assertThat(byId("actor").getAttribute("value")).as("the search is kept").isEqualTo("person:helen");
        screenshot("audit-en");
        assertAccessible();
    }
}
