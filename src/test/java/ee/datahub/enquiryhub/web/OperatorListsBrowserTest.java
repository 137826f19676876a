package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.Party;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub operator's lists in a real browser, in Estonian and English: metering points found by EIC
 * start, grid operator and commodity a page at a time, a duplicate registration refused by name; the
 * audit log read as sentences of what people did, page views hidden until asked for, filtered by who,
 * for whom, what and when.
 */
class OperatorListsBrowserTest extends BrowserTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Autowired
    JdbcClient jdbc;

    @Test
    void theHubOperatorPagesThroughMeteringPointsFindsThemByEicStartAndCommodityAndCannotRegisterOneTwice() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY", "NATURAL_GAS"));
        var electricity = fresh(53);
        var gas = fresh(2);
        var csv = new StringBuilder("meterEic,gridOperatorEic,commodity\n");
        electricity.forEach(
                eic -> csv.append(eic).append(',').append(grid.eic()).append(",ELECTRICITY\n"));
        gas.forEach(eic -> csv.append(eic).append(',').append(grid.eic()).append(",NATURAL_GAS\n"));
        var imported = hub.requestBytes(
                "POST",
                "/api/operator/metering-points/import",
                Map.of("Authorization", "Bearer " + hub.token(Party.HUB_OPERATOR), "Content-Type", "text/csv"),
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as("%s", imported).isEqualTo(200);
        var all = new ArrayList<>(electricity);
        all.addAll(gas);
        all.sort(null);

        logIn("helen");
        click("nav-metering-points");
        assertThat(heading()).isEqualTo("Mõõtepunktid");
        new Select(byId("gridOperator")).selectByValue(grid.eic());
        click("search-metering-points");
        assertThat(listed()).as("the first page, by EIC").isEqualTo(all.subList(0, 50));
        assertThat(browser.findElements(By.id("metering-points-previous"))).isEmpty();
        assertThat(text("metering-points")).contains("Test participant " + grid.eic(), "Elekter");
        screenshot("metering-points-of-one-grid-operator-first-page-et");
        assertAccessible();

        click("metering-points-next");
        assertThat(listed()).as("the rest").isEqualTo(all.subList(50, 55));
        assertThat(browser.findElements(By.id("metering-points-next"))).isEmpty();
        assertThat(new Select(byId("gridOperator")).getFirstSelectedOption().getAttribute("value"))
                .as("the filter is kept from page to page")
                .isEqualTo(grid.eic());
        screenshot("metering-points-of-one-grid-operator-last-page-et");
        assertAccessible();

        click("metering-points-previous");
        assertThat(listed()).as("back to the first page").isEqualTo(all.subList(0, 50));

        new Select(byId("commodityFilter")).selectByValue("NATURAL_GAS");
        click("search-metering-points");
        assertThat(listed()).isEqualTo(gas.stream().sorted().toList());
        assertThat(text("metering-points")).contains("Maagaas").doesNotContain("Elekter");
        assertThat(browser.findElements(By.cssSelector("nav.govuk-pagination"))).isEmpty();
        screenshot("metering-points-gas-of-one-grid-operator-et");

        var wanted = electricity.get(7);
        var start = wanted.substring(0, 13).toLowerCase(Locale.ROOT);
        new Select(byId("gridOperator")).selectByValue("");
        new Select(byId("commodityFilter")).selectByValue("");
        fill("eicPrefix", start);
        click("search-metering-points");
        assertThat(listed()).contains(wanted).allMatch(eic -> eic.startsWith(start.toUpperCase(Locale.ROOT)));
        screenshot("metering-points-found-by-lower-case-eic-start-et");
        assertAccessible();

        fill("eicPrefix", "38Z?*");
        click("search-metering-points");
        assertThat(text("eicPrefix-error")).contains("EIC-koodis on ainult tähed, numbrid ja sidekriipsud");
        assertThat(byId("eicPrefix").getAttribute("value")).isEqualTo("38Z?*");
        screenshot("metering-points-search-error-et");
        assertAccessible();

        registerAgain(wanted, Party.GRID_A.eic());
        assertThat(text("eic-error"))
                .contains("Mõõtepunkt " + wanted + " on juba registreeritud: võrguettevõtja Test participant "
                        + grid.eic() + ", Elekter.");
        assertThat(byId("eic").getAttribute("value"))
                .as("what was typed is kept")
                .isEqualTo(wanted);
        assertThat(gridOperatorOf(wanted)).as("nothing moved").isEqualTo(grid.eic());
        screenshot("metering-point-already-registered-et");
        assertAccessible();

        click("language-switch");
        assertThat(heading()).isEqualTo("Metering points");
        new Select(byId("gridOperator")).selectByValue(grid.eic());
        click("search-metering-points");
        click("metering-points-next");
        assertThat(listed()).isEqualTo(all.subList(50, 55));
        assertThat(text("metering-points")).contains("Test participant " + grid.eic());
        screenshot("metering-points-of-one-grid-operator-last-page-en");
        assertAccessible();

        registerAgain(gas.getFirst(), Party.GRID_B.eic());
        assertThat(text("eic-error"))
                .contains("Metering point " + gas.getFirst() + " is already registered: grid operator Test participant "
                        + grid.eic() + ", Natural gas.");
        assertThat(gridOperatorOf(gas.getFirst())).isEqualTo(grid.eic());
        screenshot("metering-point-already-registered-en");
        assertAccessible();

        var fresh = Eics.meteringPoint();
        fill("eic", fresh);
        new Select(byId("gridOperatorEic")).selectByValue(grid.eic());
        browser.findElement(By.cssSelector("label[for=commodity]")).click();
        click("register-metering-point");
        assertThat(text("points-banner")).isEqualTo("Metering point " + fresh + " is registered.");
        assertThat(listed()).as("the new point is shown in the list").containsExactly(fresh);
        screenshot("metering-point-registered-and-listed-en");
    }

    @Test
    void theAuditLogSaysWhoDidWhatToWhomHidesPageViewsAndFiltersByActorParticipantActionAndTime() {
        var before = LocalDateTime.now(TALLINN).truncatedTo(ChronoUnit.MINUTES);
        var subject = "EE" + (30_000_000_000L + System.nanoTime() % 10_000_000_000L);
        logIn("anne");
        open("/web/admin/people?lang=en");
        fill("subject", subject);
        fill("name", "Liis Lepp");
        new Select(byId("role")).selectByValue("OPEN_SUPPLIER");
        new Select(byId("commodity")).selectByValue("ELECTRICITY");
        browser.findElement(By.cssSelector("label[for=permissions-EDITOR_DIRECT_MESSAGE]"))
                .click();
        click("grant");
        assertThat(text("people-banner")).isEqualTo("Liis Lepp now holds the permissions.");
        click("revoke-" + subject + "-OPEN_SUPPLIER-ELECTRICITY");
        click("confirm");
        assertThat(text("people-banner")).contains(subject);
        logOut();

        logIn("helen");
        open("/web/operator/audit?lang=en");
        fill("actor", "Anne Ader");
        click("search-audit");
        var revoked = "Anne Ader revoked Enquiry editor from Liis Lepp (" + subject
                + ") for Demo Open Supplier A (Open supplier, Electricity)";
        var granted = "Anne Ader granted Enquiry editor to Liis Lepp (" + subject
                + ") for Demo Open Supplier A (Open supplier, Electricity)";
        assertThat(sentences()).as("newest first").startsWith(revoked, granted);
        assertThat(sentences())
                .as("page views are hidden by default")
                .noneMatch(sentence -> sentence.contains(" opened "));
        assertThat(text("audit-entries")).contains("person:anne", "Done");
        screenshot("audit-actions-of-anne-en");
        assertAccessible();

        byId("views").click();
        click("search-audit");
        assertThat(sentences())
                .as("with page views")
                .contains("Anne Ader opened “People’s permissions”", revoked, granted);
        assertThat(byId("views").isSelected()).isTrue();
        screenshot("audit-actions-and-page-views-of-anne-en");
        assertAccessible();

        byId("views").click();
        new Select(byId("participant")).selectByValue(Party.SUPPLIER_A.eic());
        new Select(byId("action")).selectByValue("GRANT_REVOKED");
        setTime("from", before);
        click("search-audit");
        assertThat(sentences()).containsExactly(revoked);
        screenshot("audit-revocations-for-supplier-a-since-the-test-began-en");
        assertAccessible();

        new Select(byId("participant")).selectByValue(Party.GRID_A.eic());
        click("search-audit");
        assertThat(text("audit-none")).isEqualTo("Nothing found.");

        new Select(byId("participant")).selectByValue(Party.SUPPLIER_A.eic());
        setTime("from", "");
        setTime("to", before);
        click("search-audit");
        assertThat(sentences()).as("until the test began").doesNotContain(revoked);

        setTime("to", "");
        new Select(byId("action")).selectByValue("");
        click("search-audit");
        click("language-switch");
        assertThat(heading()).isEqualTo("Auditilogi");
        assertThat(byId("actor").getAttribute("value"))
                .as("the filters are kept")
                .isEqualTo("Anne Ader");
        assertThat(sentences())
                .startsWith(
                        "Anne Ader võttis isikult Liis Lepp (" + subject
                                + ") ära õiguse „Pöördumiste koostaja“ turuosalise Demo Open Supplier A nimel"
                                + " (Avatud tarnija, Elekter)",
                        "Anne Ader andis isikule Liis Lepp (" + subject
                                + ") õiguse „Pöördumiste koostaja“ turuosalise Demo Open Supplier A nimel"
                                + " (Avatud tarnija, Elekter)");
        screenshot("audit-actions-of-anne-et");
        assertAccessible();

        byId("views").click();
        click("search-audit");
        assertThat(sentences()).contains("Anne Ader avas lehe „Inimeste õigused“");
        screenshot("audit-actions-and-page-views-of-anne-et");
        assertAccessible();
    }

    private List<String> fresh(int count) {
        var eics = new ArrayList<String>();
        while (eics.size() < count) {
            eics.add(Eics.meteringPoint());
        }
        return eics;
    }

    private List<String> listed() {
        return browser.findElements(By.cssSelector("#metering-points tbody tr td:first-child code")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private List<String> sentences() {
        return browser.findElements(By.cssSelector("#audit-entries .hub-audit__sentence")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private void registerAgain(String eic, String otherGridOperator) {
        fill("eic", eic);
        new Select(byId("gridOperatorEic")).selectByValue(otherGridOperator);
        browser.findElement(By.cssSelector("label[for=commodity]")).click();
        click("register-metering-point");
    }

    private String gridOperatorOf(String eic) {
        return jdbc.sql("select grid_operator_eic from metering_point where eic = ?")
                .param(eic)
                .query(String.class)
                .single();
    }

    // A datetime-local field's typing depends on the browser's locale; its value does not.
    private void setTime(String id, LocalDateTime time) {
        setTime(id, LOCAL.format(time));
    }

    private void setTime(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", byId(id), value);
    }
}
