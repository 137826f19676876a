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
    // as a date input takes it
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

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(WebConfiguration.TALLINN);
    private static final DateTimeFormatter HOURS_MINUTES =
            DateTimeFormatter.ofPattern("HH:mm").withZone(WebConfiguration.TALLINN);

    /**
     * A due time as a person reads it: one at midnight is the end of the day before ("by the end of
     * 21.12.2026", not "22.12.2026 00:00"); any other, the day and the time.
     */
    public String due(Instant instant) {
        if (instant == null) {
            return "";
        }
        var locale = LocaleContextHolder.getLocale();
        var local = instant.atZone(WebConfiguration.TALLINN);
        if (local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return messages.getMessage("due.by-end-of", new Object[] {DATE.format(local.minusDays(1))}, locale);
        }
        return messages.getMessage("due.by", new Object[] {DATE.format(local), HOURS_MINUTES.format(local)}, locale);
    }

    /**
     * A day as a form holds it ({@code 2026-11-27}) in the page's language: {@code 27.11.2026} in
     * Estonian, {@code 27 November 2026} in English; anything else as it is.
     */
    public String day(String isoDay) {
        try {
            var day = java.time.LocalDate.parse(isoDay == null ? "" : isoDay.strip());
            var locale = LocaleContextHolder.getLocale();
            return WebConfiguration.ESTONIAN.getLanguage().equals(locale.getLanguage())
                    ? DateTimeFormatter.ofPattern("dd.MM.yyyy").format(day)
                    : DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)
                            .format(day);
        } catch (java.time.format.DateTimeParseException notADay) {
            return isoDay == null ? "" : isoDay;
        }
    }

    /** {@code 27.11.2026}, the day in Europe/Tallinn, as pages show dates. */
    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
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
