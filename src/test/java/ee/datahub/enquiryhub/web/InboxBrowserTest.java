package ee.datahub.enquiryhub.web;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.BrowserTest;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.Party;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inbox a clerk works from (issue 16), in a real browser and in both languages: quick views with
 * their counts, the home page's counts leading into them, the orders, the filters in view matching by
 * prefix in any case, rows that say what they are (unread and status apart in colour and words), the
 * view and order remembered in the database, bulk read and unread marks, and cards at phone width.
 * Each grid operator here is new, so every count is exact; every page is checked with axe-core.
 */
class InboxBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    People people;

    // A new grid operator's inbox: four enquiries from supplier A, which one clerk of it reads.
    private record Inbox(
            String username, String meter, String customer, String invoice, String data, String soon, String closed) {

        List<String> all() {
            return List.of(invoice, data, soon, closed);
        }
    }

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "et",
            Map.of(
                    "unread", "Lugemata",
                    "open", "Avatud",
                    "invoice", "Arve",
                    "data", "Andmed",
                    "read-banner", "Valitud pöördumised on märgitud loetuks.",
                    "unread-banner", "Valitud pöördumised on märgitud lugemata."),
            "en",
            Map.of(
                    "unread", "Unread",
                    "open", "Open",
                    "invoice", "Invoice",
                    "data", "Data",
                    "read-banner", "The chosen enquiries are marked as read.",
                    "unread-banner", "The chosen enquiries are marked as unread."));

    @AfterEach
    void wideAgain() {
        browser.manage().window().setSize(new Dimension(1280, 1400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theHomePageCountsUnreadDueSoonAndOverdueAndEachLeadsIntoTheInbox(String language) {
        var inbox = inbox();
        logIn(inbox, language);

        assertThat(text("home-count-value-unread")).isEqualTo("4");
        assertThat(text("home-count-value-due-soon")).isEqualTo("1");
        assertThat(text("home-count-value-overdue")).isEqualTo("1");
        screenshot("home-counts-unread-4-due-soon-1-overdue-1-" + language);
        assertAccessible();

        click("home-count-overdue");
        assertThat(rowIds()).containsExactly(inbox.data());
        assertThat(byId("view-overdue").getAttribute("aria-current")).isEqualTo("page");
        screenshot("inbox-overdue-view-from-the-home-page-" + language);

        open("/web/");
        click("home-count-due-soon");
        assertThat(rowIds()).containsExactly(inbox.soon());
        open("/web/");
        click("home-count-unread");
        assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(inbox.all());
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void quickViewsShowTheirCountsAndTheirEnquiries(String language) {
        var inbox = inbox();
        logIn(inbox, language);
        open("/web/enquiries?view=all&sort=created-asc");

        assertThat(counts())
                .containsExactly(
                        Map.entry("unread", "4"),
                        Map.entry("open", "3"),
                        Map.entry("due-soon", "1"),
                        Map.entry("overdue", "1"),
                        Map.entry("closed", "1"),
                        Map.entry("all", "4"));
        screenshot("inbox-quick-views-with-counts-all-" + language);
        assertAccessible();

        click("view-open");
        assertThat(rowIds()).containsExactly(inbox.invoice(), inbox.data(), inbox.soon());
        click("view-closed");
        assertThat(rowIds()).containsExactly(inbox.closed());
        screenshot("inbox-closed-view-" + language);
        click("view-due-soon");
        assertThat(rowIds()).containsExactly(inbox.soon());

        click("view-all");
        click("open-" + inbox.invoice());
        open("/web/enquiries?view=unread");
        assertThat(text("view-count-unread")).as("one read").isEqualTo("3");
        assertThat(rowIds()).containsExactly(inbox.data(), inbox.soon(), inbox.closed());
        screenshot("inbox-unread-view-after-one-was-read-" + language);
        assertAccessible();
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theListSortsByDueTimeReceivedTimeOrLastChangeEitherWay(String language) {
        var inbox = inbox();
        logIn(inbox, language);
        click("nav-enquiries");

        sortBy("due-asc");
        assertThat(rowIds()).containsExactly(inbox.data(), inbox.soon(), inbox.invoice(), inbox.closed());
        assertThat(byId("sort-due").findElement(By.xpath("..")).getAttribute("aria-sort"))
                .isEqualTo("ascending");
        screenshot("inbox-sorted-by-due-time-earliest-first-" + language);
        assertAccessible();
        sortBy("due-desc");
        assertThat(rowIds()).containsExactly(inbox.closed(), inbox.invoice(), inbox.soon(), inbox.data());

        sortBy("created-asc");
        assertThat(rowIds()).containsExactly(inbox.invoice(), inbox.data(), inbox.soon(), inbox.closed());
        sortBy("created-desc");
        assertThat(rowIds()).containsExactly(inbox.closed(), inbox.soon(), inbox.data(), inbox.invoice());
        screenshot("inbox-sorted-by-received-time-newest-first-" + language);

        // The supplier changes the first one last: it is now the latest change.
        assertThat(supplierA()
                        .change(
                                inbox.invoice(),
                                ee.datahub.enquiryhub.support.EnquiryJson.object("requestComment", "changed last"))
                        .status())
                .isEqualTo(200);
        // The open list brings the change live (htmx replaces the list, its order form with it): waited
        // for, so that the order chosen next is chosen on the list as it stays.
        waitFor(() -> !browser.findElements(By.cssSelector("#enquiry-" + inbox.invoice() + ".hub-row--changed"))
                .isEmpty());
        sortBy("updated-desc");
        assertThat(rowIds().getFirst()).isEqualTo(inbox.invoice());
        sortBy("updated-asc");
        assertThat(rowIds().getLast()).isEqualTo(inbox.invoice());
        screenshot("inbox-sorted-by-last-change-oldest-first-" + language);

        click("sort-due");
        assertThat(new Select(byId("sort")).getFirstSelectedOption().getAttribute("value"))
                .as("the column heading sorts too")
                .isEqualTo("due-asc");
        assertThat(rowIds().getFirst()).isEqualTo(inbox.data());
        click("sort-due");
        assertThat(rowIds().getFirst()).as("the other way round").isEqualTo(inbox.closed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theFiltersAreInViewOnAWideScreenAndMatchReferenceMeterAndCustomerByPrefixInAnyCase(String language) {
        var inbox = inbox();
        logIn(inbox, language);
        click("nav-enquiries");
        for (var field : List.of("q", "customerEic", "meterEic", "referenceValue", "apply-filters")) {
            assertThat(byId(field).isDisplayed()).as(field + " in view").isTrue();
        }

        fill("referenceValue", "inv-" + inbox.username().substring(4, 8).toLowerCase(Locale.ROOT));
        click("apply-filters");
        assertThat(rowIds()).containsExactly(inbox.invoice());
        screenshot("inbox-reference-matched-by-its-start-in-lower-case-" + language);
        assertAccessible();

        fill("referenceValue", "");
        fill("customerEic", inbox.customer().substring(0, 9).toLowerCase(Locale.ROOT));
        click("apply-filters");
        assertThat(rowIds()).containsExactly(inbox.data());

        fill("customerEic", "");
        fill("meterEic", inbox.meter().substring(0, 12).toLowerCase(Locale.ROOT));
        click("apply-filters");
        assertThat(rowIds()).containsExactlyInAnyOrderElementsOf(inbox.all());
        fill("meterEic", inbox.meter().substring(0, 12) + "0000");
        click("apply-filters");
        assertThat(rowIds()).isEmpty();
        screenshot("inbox-meter-prefix-matching-nothing-" + language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void aRowSaysWhatItIsAndUnreadAndStatusDifferInColourAndWords(String language) {
        var words = WORDS.get(language);
        var inbox = inbox();
        logIn(inbox, language);
        click("nav-enquiries");

        var reference = "INV-" + inbox.username().substring(4, 8).toUpperCase(Locale.ROOT);
        assertThat(text("open-" + inbox.invoice())).isEqualTo(words.get("invoice") + ": " + reference);
        assertThat(text("open-" + inbox.data()))
                .as("no reference: the start of the comment")
                .isEqualTo(words.get("data") + ": Meter reading of March looks wrong, and the custom…");

        var unread = byId("unread-" + inbox.data());
        var status = byId("status-" + inbox.data()).findElement(By.className("govuk-tag"));
        assertThat(unread.getText()).isEqualTo(words.get("unread"));
        assertThat(status.getText()).isEqualTo(words.get("open"));
        assertThat(unread.getCssValue("background-color"))
                .as("unread and open differ in colour")
                .isNotEqualTo(status.getCssValue("background-color"));
        assertThat(unread.getCssValue("color")).isNotEqualTo(status.getCssValue("color"));
        screenshot("inbox-rows-say-what-they-are-unread-and-status-apart-" + language);
        assertAccessible();
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void theListRemembersEachPersonsLastViewAndOrderInTheDatabase(String language) {
        var inbox = inbox();
        logIn(inbox, language);
        click("nav-enquiries");
        click("view-open");
        sortBy("due-desc");
        assertThat(jdbc.sql("select view || ' ' || sort || ' ' || descending from inbox_preference where subject = ?")
                        .param(inbox.username())
                        .query(String.class)
                        .list())
                .containsExactly("OPEN DUE true");

        logOut();
        open("/idp/login?lang=" + language);
        logIn(inbox.username());
        click("nav-enquiries");
        assertThat(byId("view-open").getAttribute("aria-current")).isEqualTo("page");
        assertThat(new Select(byId("sort")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("due-desc");
        assertThat(rowIds()).containsExactly(inbox.invoice(), inbox.soon(), inbox.data());
        screenshot("inbox-remembers-open-view-due-latest-first-after-logging-in-again-" + language);

        jdbc.sql("delete from inbox_preference where subject = ?")
                .param(inbox.username())
                .update();
        click("nav-enquiries");
        assertThat(byId("view-all").getAttribute("aria-current"))
                .as("what it remembered was the database's")
                .isEqualTo("page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void tickedRowsAreMarkedReadOrUnreadTogether(String language) {
        var words = WORDS.get(language);
        var inbox = inbox();
        logIn(inbox, language);
        open("/web/enquiries?view=all&sort=created-asc");
        assertThat(browser.findElements(By.cssSelector(".hub-unread"))).hasSize(4);

        byId("select-" + inbox.data()).click();
        byId("select-" + inbox.soon()).click();
        screenshot("inbox-two-rows-ticked-" + language);
        click("mark-read");
        assertThat(text("banner-message")).isEqualTo(words.get("read-banner"));
        assertThat(browser.getCurrentUrl()).as("back to the list as it was").contains("sort=created-asc");
        assertThat(browser.findElements(By.id("unread-" + inbox.data()))).isEmpty();
        assertThat(browser.findElements(By.id("unread-" + inbox.soon()))).isEmpty();
        assertThat(browser.findElements(By.id("unread-" + inbox.invoice()))).hasSize(1);
        assertThat(text("view-count-unread")).isEqualTo("2");
        screenshot("inbox-two-rows-marked-read-" + language);
        assertAccessible();

        byId("select-" + inbox.soon()).click();
        click("mark-unread");
        assertThat(text("banner-message")).isEqualTo(words.get("unread-banner"));
        assertThat(browser.findElements(By.id("unread-" + inbox.soon()))).hasSize(1);
        assertThat(text("view-count-unread")).isEqualTo("3");
        screenshot("inbox-one-row-marked-unread-again-" + language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"et", "en"})
    void atPhoneWidthRowsAreCardsAndNoPageScrollsSideways(String language) {
        var inbox = inbox();
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn(inbox, language);
        assertNoSidewaysScroll();
        screenshot("phone-390px-home-counts-" + language);

        click("nav-enquiries");
        assertNoSidewaysScroll();
        assertThat(byId("q").isDisplayed())
                .as("the list first, the filters on a tap")
                .isFalse();
        byId("show-filters").click();
        assertThat(byId("q").isDisplayed()).isTrue();
        assertNoSidewaysScroll();
        screenshot("phone-390px-inbox-filters-opened-" + language);
        var width = ((Number) script("return window.innerWidth")).intValue();
        for (var id : inbox.all()) {
            for (var cell : List.of("status-" + id, "due-" + id, "open-" + id)) {
                var element = byId(cell);
                assertThat(element.isDisplayed()).as(cell + " shown").isTrue();
                assertThat(element.getRect().getX() + element.getRect().getWidth())
                        .as(cell + " within the screen")
                        .isLessThanOrEqualTo(width);
            }
        }
        assertThat(byId("enquiry-" + inbox.data()).getCssValue("display"))
                .as("a row is a card")
                .isEqualTo("block");
        script("document.getElementById('inbox-views').scrollIntoView()");
        screenshot("phone-390px-inbox-rows-as-cards-" + language);
        assertAccessible();

        open("/web/enquiries/" + inbox.invoice());
        assertNoSidewaysScroll();
        screenshot("phone-390px-enquiry-" + language);
    }

    private void assertNoSidewaysScroll() {
        var widths = (String) script("return document.documentElement.scrollWidth + ' ' + window.innerWidth");
        var parts = widths.split(" ");
        assertThat(Integer.parseInt(parts[0]))
                .as("page width (scroll width, screen width: %s) on %s", widths, browser.getCurrentUrl())
                .isLessThanOrEqualTo(Integer.parseInt(parts[1]));
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private void sortBy(String order) {
        new Select(byId("sort")).selectByValue(order);
        click("apply-sort");
    }

    private List<String> rowIds() {
        return browser.findElements(By.cssSelector("#enquiry-rows > tr")).stream()
                .map(row -> row.getAttribute("id"))
                .filter(id -> !id.equals("enquiry-none"))
                .map(id -> id.substring("enquiry-".length()))
                .toList();
    }

    private List<Map.Entry<String, String>> counts() {
        return browser.findElements(By.cssSelector(".hub-views__count")).stream()
                .map(count -> Map.entry(count.getAttribute("id").substring("view-count-".length()), count.getText()))
                .toList();
    }

    private void logIn(Inbox inbox, String language) {
        open("/idp/login?lang=" + language);
        logIn(inbox.username());
    }

    // A new grid operator with a viewer and four enquiries, sent in this order: an invoice (due in a
    // month), a data enquiry for another customer (overdue), one due within the hour, and one the
    // supplier closed (due in two months).
    private Inbox inbox() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
        var username = "inb-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(username, "Inbox Clerk", false);
        people.grant(
                username,
                "Inbox Clerk",
                new Grant(
                        new Eic(grid.eic()),
                        MarketRole.GRID_OPERATOR,
                        Commodity.ELECTRICITY,
                        Set.of(Permission.VIEWER_DIRECT_MESSAGE)),
                "test");
        people.setEmbeddedPassword(username, "demo");
        var customer = Eics.party();
        var reference = "INV-" + username.substring(4, 8).toUpperCase(Locale.ROOT);
        var invoice =
                supplierA().send(anEnquiry().about(meter).invoice(reference).comment("Network fee of October"));
        var data = supplierA()
                .send(anEnquiry()
                        .about(meter)
                        .forCustomer(customer)
                        .comment("Meter reading of March looks wrong, and the customer asks why"));
        var soon = supplierA().send(anEnquiry().about(meter).comment("Due within the hour"));
        var closed = supplierA().send(anEnquiry().about(meter).comment("Closed by the supplier"));
        assertThat(supplierA().close(closed).status()).isEqualTo(200);
        due(invoice, "30 days");
        due(data, "-1 hour");
        due(soon, "1 hour");
        due(closed, "60 days");
        assertThat(customer).isNotEqualTo(Party.CUSTOMER);
        return new Inbox(username, meter, customer, invoice, data, soon, closed);
    }

    private void due(String id, String fromNow) {
        jdbc.sql("update enquiry set due_at = now() + ?::interval where id = ?::uuid")
                .params(fromNow, id)
                .update();
    }
}
