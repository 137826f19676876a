package ee.datahub.enquiryhub.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Formats for pages, as {@code @webFormat} in templates: times in Estonian time, durations in the person's language. */
@Component("webFormat")
public class WebFormat {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss").withZone(WebConfiguration.TALLINN);
    private static final DateTimeFormatter DATE_MINUTES =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(WebConfiguration.TALLINN);
    /** As a date input takes it. */
    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ISO_LOCAL_DATE.withZone(WebConfiguration.TALLINN);

    private final MessageSource messages;

    WebFormat(MessageSource messages) {
        this.messages = messages;
    }

    /** {@code 27.11.2026 09:15:00}, Europe/Tallinn. */
    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }

    /** {@code 27.11.2026 09:15}, Europe/Tallinn: for lists, where seconds are noise. */
    public String minutes(Instant instant) {
        return instant == null ? "" : DATE_MINUTES.format(instant);
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(WebConfiguration.TALLINN);

    /** The time of day now, {@code 09:15:00} in Europe/Tallinn: when a live update came. */
    public String timeNow() {
        return TIME.format(Instant.now());
    }

    /** {@code 2026-11-27}, the day in Europe/Tallinn. */
    public static String isoDate(Instant instant) {
        return ISO_DATE.format(instant);
    }

    /** The first {@code length} characters of a text, and an ellipsis if there was more. */
    public String excerpt(Optional<String> text, int length) {
        var value = text.orElse("").strip();
        if (value.codePointCount(0, value.length()) <= length) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, length)).strip() + "…";
    }

    /** A duration as a person says it: days and hours, hours and minutes, or minutes. */
    public String duration(Optional<Duration> duration) {
        if (duration.isEmpty()) {
            return "–";
        }
        var value = duration.get();
        var locale = LocaleContextHolder.getLocale();
        long days = value.toDays();
        long hours = value.toHoursPart();
        long minutes = value.toMinutesPart();
        if (days > 0) {
            return join(
                    messages.getMessage("duration.days", new Object[] {days}, locale),
                    hours == 0 ? "" : messages.getMessage("duration.hours", new Object[] {hours}, locale));
        }
        if (hours > 0) {
            return join(
                    messages.getMessage("duration.hours", new Object[] {hours}, locale),
                    minutes == 0 ? "" : messages.getMessage("duration.minutes", new Object[] {minutes}, locale));
        }
        return minutes > 0
                ? messages.getMessage("duration.minutes", new Object[] {minutes}, locale)
                : messages.getMessage("duration.under-a-minute", null, locale);
    }

    private static String join(String first, String second) {
        return second.isEmpty() ? first : first + " " + second;
    }
}
