package ee.datahub.enquiryhub.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The hub's time format: every time it writes is UTC with exactly six fractional digits; every time
 * it reads is ISO-8601 with an offset and up to nine fractional digits.
 */
public final class HubTime {

    private static final DateTimeFormatter WRITTEN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private HubTime() {}

    public static String format(Instant instant) {
        return WRITTEN.format(instant);
    }

    /**
     * Parses an ISO-8601 time with an offset, in the years 0001 to 9999 (four-digit years, which the
     * database can store); empty when the text is not one.
     */
    public static Optional<Instant> parse(String text) {
        try {
            var instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? Optional.empty() : Optional.of(instant);
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** An instant as a JDBC parameter that PostgreSQL takes as {@code timestamptz}, whatever the session time zone. */
    public static OffsetDateTime db(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The current time at the precision the database keeps (microseconds). */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
