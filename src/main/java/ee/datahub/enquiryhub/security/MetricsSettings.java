package ee.datahub.enquiryhub.security;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.metrics.*}: who may read the actuator's endpoints other than health (the metrics, which
 * show each grid operator's enquiry counts): a scraper sending {@code scrape-token} as its bearer token
 * (at least 32 characters), the hub operator's token, and, where {@code open-on-loopback} (the default
 * start; not production), anyone connecting from this machine.
 */
@ConfigurationProperties("hub.metrics")
@Validated
public record MetricsSettings(String scrapeToken, Boolean openOnLoopback) {

    public MetricsSettings {
        scrapeToken = scrapeToken == null ? "" : scrapeToken.strip();
        openOnLoopback = openOnLoopback == null ? Boolean.TRUE : openOnLoopback;
    }

    @AssertTrue(message = "scrape-token must be empty (none) or at least 32 characters")
    boolean isScrapeTokenLongEnough() {
        return scrapeToken.isEmpty() || scrapeToken.length() >= 32;
    }
}
