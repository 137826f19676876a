package ee.datahub.enquiryhub.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.capacity.*}: how many API requests one instance works on at once ({@code
 * max-concurrent-requests}, 64; 0 switches the bound off) and how long a request beyond them waits for
 * a place ({@code queue-wait}, 500 ms) before it is answered 503 with {@code Retry-After}. A change-feed
 * read that waits for changes (v2 {@code wait}) is not counted: it holds neither a thread nor a
 * connection while it waits.
 */
@ConfigurationProperties("hub.capacity")
@Validated
public record CapacitySettings(@Min(0) @Max(100_000) Integer maxConcurrentRequests, Duration queueWait) {

    public CapacitySettings {
        maxConcurrentRequests = maxConcurrentRequests == null ? 64 : maxConcurrentRequests;
        queueWait = queueWait == null ? Duration.ofMillis(500) : queueWait;
        if (queueWait.isNegative() || queueWait.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("hub.capacity.queue-wait must be between 0 and 30 s, not " + queueWait);
        }
    }
}
