package ee.datahub.enquiryhub.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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

    // The first and last second of the years 0000 to 9999, which format writes without the formatter.
    private static final long FIRST_FAST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;

    private static final long LAST_FAST_SECOND = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private HubTime() {}

    /**
     * The hub's written form of an instant. Feed pages write several per row, so the years 0000 to 9999 (every time
     * the database keeps) are written by hand; the formatter writes the rest, and both write the same text.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
            return WRITTEN.format(instant);
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        var date = LocalDate.ofEpochDay(days);
        var text = new char[27];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1000, 6);
        text[26] = 'Z';
        return new String(text);
    }

    /**
     * The hub's written form of a time stored as ISO-8601 UTC text ({@link Instant#toString()}, or the written form
     * itself, as the change feed stores its snapshots), the same as {@code format(Instant.parse(stored))}. Text in the
     * written form comes back as it is and {@code Instant#toString()}'s 0, 3 or 9 fractional digits are padded or cut
     * to six, without parsing; anything else is parsed.
     */
    public static String reformat(String stored) {
        int length = stored.length();
        // Digits after the seconds: none ("…:ssZ"), or 1 to 9 after a point ("…:ss.fffZ").
        int fraction = length == 20 ? 0 : length - 21;
        boolean plain = length >= 20
                && length <= 30
                && stored.charAt(length - 1) == 'Z'
                && (fraction == 0 || fraction > 0 && stored.charAt(19) == '.')
                && plainUtcTime(stored)
                && digitsOnly(stored, 20, 20 + fraction);
        if (!plain) {
            return format(Instant.parse(stored));
        }
        if (fraction == 6) {
            return stored;
        }
        var text = new char[27];
        stored.getChars(0, 19, text, 0);
        text[19] = '.';
        for (int i = 0; i < 6; i++) {
            text[20 + i] = i < fraction ? stored.charAt(20 + i) : '0';
        }
        text[26] = 'Z';
        return new String(text);
    }

    private static boolean digitsOnly(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // uuuu-MM-ddTHH:mm:ss in the first 19 characters, each field in its range.
    private static boolean plainUtcTime(String text) {
        for (int i = 0; i < 19; i++) {
            char c = text.charAt(i);
            boolean fits = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                default -> c >= '0' && c <= '9';
            };
            if (!fits) {
                return false;
            }
        }
        int month = number(text, 5),
                day = number(text, 8),
                hour = number(text, 11),
                minute = number(text, 14),
                second = number(text, 17);
        if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
            return false;
        }
        return day
                <= YearMonth.of(number(text, 0) * 100 + number(text, 2), month).lengthOfMonth();
    }

    private static int number(String text, int at) {
        return (text.charAt(at) - '0') * 10 + text.charAt(at + 1) - '0';
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Parses an ISO-8601 time with an offset, in the years 0001 to 9999 (four-digit years, which the
     * database can store); empty when the text is not one.
     */
    public static Optional<Instant> parse(String text) {
        try {
            var instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
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
