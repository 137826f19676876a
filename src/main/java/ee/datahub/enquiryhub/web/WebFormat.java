package ee.datahub.enquiryhub.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formats for pages, as {@code @webFormat} in templates: times in Estonian time. */
@Component("webFormat")
public class WebFormat {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss")
            .withZone(WebConfiguration.TALLINN);

    /** {@code 27.11.2026 09:15:00}, Europe/Tallinn. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }
}
