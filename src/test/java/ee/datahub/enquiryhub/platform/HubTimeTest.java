package ee.datahub.enquiryhub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubTimeTest {

    // The formatter HubTime.format used alone before it wrote the years 0000-9999 by hand.
    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final long FIRST = Instant.parse("-0002-06-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("+10002-06-01T00:00:00Z").getEpochSecond();

    @Test
    void formatWritesWhatTheFormatterWrites() {
        var random = new Random(8);
        for (int i = 0; i < 200_000; i++) {
            var instant = Instant.ofEpochSecond(
                    FIRST + (long) (random.nextDouble() * (LAST - FIRST)), random.nextInt(1_000_000_000));
            assertThat(HubTime.format(instant)).as("%s", instant).isEqualTo(FORMATTER.format(instant));
        }
        for (var edge : new String[] {
            "0000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59.999999999Z",
            "9999-12-31T23:59:59.999999999Z",
            "+10000-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.000000999Z",
            "2024-02-29T12:00:00.000001Z"
        }) {
            var instant = Instant.parse(edge);
            assertThat(HubTime.format(instant)).as(edge).isEqualTo(FORMATTER.format(instant));
        }
    }

    @Test
    void reformatWritesWhatFormatWritesOfTheParsedText() {
        var random = new Random(9);
        for (int i = 0; i < 200_000; i++) {
            var instant = Instant.ofEpochSecond(
                    FIRST + (long) (random.nextDouble() * (LAST - FIRST)), random.nextInt(1_000_000_000));
            // Instant.toString writes 0, 3, 6 or 9 fractional digits, as the nanoseconds call for.
            var at = switch (i % 4) {
                case 0 -> instant.truncatedTo(ChronoUnit.SECONDS);
                case 1 -> instant.truncatedTo(ChronoUnit.MILLIS);
                case 2 -> instant.truncatedTo(ChronoUnit.MICROS);
                default -> instant;
            };
            var stored = at.toString();
            assertThat(HubTime.reformat(stored)).as(stored).isEqualTo(FORMATTER.format(Instant.parse(stored)));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-01T10:15:30.123456Z",
                "2026-03-01T10:15:30Z",
                "2026-03-01T10:15:30.1Z",
                "2026-03-01T10:15:30.12Z",
                "2026-03-01T10:15:30.1234567Z",
                "2026-03-01T10:15:30.123456789Z",
                "2026-03-01T10:15:30.123456+00:00",
                "2026-03-01T12:15:30.123456+02:00",
                "2024-02-29T23:59:59.999999Z",
                "0000-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                "2026-03-01T23:59:60Z",
                "2026-03-01T24:00:00Z",
                "2026-03-01T10:15:30.Z"
            })
    void reformatTakesWhatInstantParseTakesAndWritesTheSame(String stored) {
        assertThat(HubTime.reformat(stored)).isEqualTo(FORMATTER.format(Instant.parse(stored)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-29T10:15:30Z",
                "2026-13-01T10:15:30Z",
                "2026-03-01T10:60:00Z",
                "2026-03-01T10:15:30.1234567890Z",
                "2026-03-01T10:15:3OZ",
                "2026-03-01 10:15:30Z",
                "2026-03-00T10:15:30Z",
                "2026-03-01T10:15:30.12a456Z",
                ""
            })
    void reformatRefusesWhatInstantParseRefuses(String stored) {
        assertThatThrownBy(() -> Instant.parse(stored)).isInstanceOf(java.time.format.DateTimeParseException.class);
        assertThatThrownBy(() -> HubTime.reformat(stored)).isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
