package ee.datahub.enquiryhub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium, as every browser test drives it ({@code ./hub test} installs it). */
public final class Chromium {

    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private Chromium() {}

    /** A new browser with its own profile directory: its own cookies, so its own person. */
    public static ChromeDriver start(Path profile) {
        assertThat(Path.of(BINARY))
                .as("Debian's chromium (./hub test installs it)")
                .exists();
        assertThat(Path.of(DRIVER))
                .as("Debian's chromium-driver (./hub test installs it)")
                .exists();
        var options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1400",
                "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort()
                .build();
        var browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        return browser;
    }
}
