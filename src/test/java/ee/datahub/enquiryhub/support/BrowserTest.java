package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the browser tests: the real hub (as {@link HubApiTest}) driven by Debian's headless Chromium
 * (one for the run, {@code ./hub test} installs it). Logs in as a demo person through the real OpenID
 * Connect flow, saves screenshots under {@code target/screenshots/}, and checks pages with axe-core
 * ({@code src/test/browser}), failing on any serious or critical violation.
 */
public abstract class BrowserTest extends HubApiTest {

    private static final Path AXE = Path.of("src/test/browser/node_modules/axe-core/axe.min.js");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    protected static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static synchronized void startBrowser() throws IOException {
        if (browser != null) {
            return; // one browser for every browser test class of the run: it takes seconds to start
        }
        profile = Files.createTempDirectory("enquiry-hub-chromium");
        browser = Chromium.start(profile);
        Runtime.getRuntime().addShutdownHook(new Thread(BrowserTest::stopBrowser));
    }

    @AfterAll
    static void leaveThePage() {
        if (browser != null) {
            browser.get("about:blank"); // a page left open would go on polling the hub for the next classes
        }
    }

    private static synchronized void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    @BeforeEach
    void freshBrowserSession() {
        browser.get(url("/idp/login"));
        browser.manage().deleteAllCookies();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens a page of the hub. */
    protected void open(String path) {
        browser.get(url(path));
    }

    /**
     * Logs in as a demo person (password {@code demo}) through the real flow: the web interface sends the
     * browser to the embedded provider's login page, which sends it back with a code the hub exchanges.
     */
    protected void logIn(String username) {
        logIn(username, "demo");
    }

    protected void logIn(String username, String password) {
        open("/web/");
        waitFor(() -> browser.getCurrentUrl().contains("/idp/login"));
        fill("username", username);
        fill("password", password);
        click("login");
        waitFor(() -> browser.getCurrentUrl().contains("/web/"));
    }

    protected void logOut() {
        click("logout");
        waitFor(() -> browser.getCurrentUrl().contains("/web/signed-out"));
    }

    protected WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    protected void fill(String id, String text) {
        var field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Clicks; a link or a submit button leads to another page, which this waits for. The element is
     * looked up once the page has loaded. When the browser replaced the document between the lookup and
     * the click (a redirect still under way), Chromium refuses the click ("node does not belong to the
     * document") without clicking, and this looks the element up again.
     */
    protected void click(String id) {
        for (int attempt = 1; ; attempt++) {
            WebElement page;
            boolean navigates;
            try {
                waitFor(() -> "complete"
                        .equals(((org.openqa.selenium.JavascriptExecutor) browser)
                                .executeScript("return document.readyState")));
                var element = byId(id);
                navigates = element.getTagName().equals("a") || "submit".equals(element.getAttribute("type"));
                page = browser.findElement(By.tagName("html"));
                element.click();
            } catch (org.openqa.selenium.WebDriverException e) {
                if (!replaced(e) || attempt >= 3) {
                    throw e;
                }
                continue;
            }
            if (navigates) {
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> gone(page));
            }
            return;
        }
    }

    /** Whether the page an element belonged to has been replaced (Chromium says so in two ways). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (replaced(e)) {
                return true;
            }
            throw e;
        }
    }

    private static boolean replaced(org.openqa.selenium.WebDriverException e) {
        return e instanceof org.openqa.selenium.StaleElementReferenceException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    protected String text(String id) {
        return byId(id).getText();
    }

    protected String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    protected void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> condition.getAsBoolean());
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    protected void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            var shot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs axe-core on the page shown and fails on any serious or critical violation, naming each. */
    protected void assertAccessible() {
        String source;
        try {
            source = Files.readString(AXE);
        } catch (IOException e) {
            throw new AssertionError("axe-core is missing at " + AXE + ": run ./hub test, which fetches it", e);
        }
        var result = (String) ((JavascriptExecutor) browser).executeAsyncScript(source + """
                ;var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(function (r) { done(JSON.stringify(r.violations)); })
                   .catch(function (e) { done('axe failed: ' + e); });
                """);
        assertThat(result).as("axe-core ran").startsWith("[");
        var serious = new ArrayList<String>();
        for (JsonNode violation : JSON.readTree(result)) {
            var impact = violation.path("impact").asString("");
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = violation
                        .get("nodes")
                        .valueStream()
                        .map(node -> node.get("target").toString())
                        .toList();
                serious.add(impact + " " + violation.get("id").asString() + ": "
                        + violation.get("help").asString() + " at " + targets);
            }
        }
        assertThat(serious)
                .as("serious or critical accessibility violations on %s", browser.getCurrentUrl())
                .isEmpty();
    }

    /** Sends a request from the page (same origin, the session's cookie) and returns its status. */
    protected long fetchStatus(String method, String path, String formBody) {
        return (Long) ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[1], {method: arguments[0], body: arguments[2],
                                     headers: {'Content-Type': 'application/x-www-form-urlencoded'}, redirect: 'manual'})
                  .then(function (r) { done(r.status); }, function (e) { done(-1); });
                """, method, path, formBody);
    }

    /** The CSRF token of the page's forms. */
    protected String csrfToken() {
        return browser.findElement(By.cssSelector("input[name=_csrf]")).getAttribute("value");
    }
}
