package ee.datahub.enquiryhub.eic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EicTest {

    static final List<String> SPEC_EXAMPLES = List.of(
            "38X-EIN-OS-----J",
            "38X-EIN-ALL----B",
            "38ZGO-1000001U-D",
            "38X-AVP-ZW6700C6",
            "10YFI-1--------U",
            "10X1001A1001A39W");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

    @ParameterizedTest
    @MethodSource("specExamples")
    void theSpecificationsExamplesAreValid(String code) {
        assertThat(Eic.isValid(code)).isTrue();
        assertThat(Eic.parse(code).value()).isEqualTo(code);
    }

    @ParameterizedTest
    @MethodSource("oneCharacterCorruptions")
    void everyOneCharacterCorruptionOfAValidCodeIsRefused(String corrupted) {
        assertThat(Eic.isValid(corrupted)).as(corrupted).isFalse();
        assertThatThrownBy(() -> Eic.parse(corrupted)).isInstanceOf(InvalidEicException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "38x-ein-os-----j",
                "38X-EIN-OS-----",
                "38X-EIN-OS-----JJ",
                "",
                "3XX-EIN-OS-----J",
                "38Q-EIN-OS-----J",
                "38X-EIN-OS-----/",
                "38X-EIN-OS------"
            })
    void aTextNotShapedLikeAnEicIsAFormatError(String text) {
        assertThatThrownBy(() -> Eic.parse(text))
                .isInstanceOfSatisfying(
                        InvalidEicException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidEicException.Problem.FORMAT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"38ZGO-1000001U-E", "38X-EIN-OS-----K"})
    void aWrongCheckCharacterIsNamedWithTheExpectedOne(String text) {
        assertThatThrownBy(() -> Eic.parse(text)).isInstanceOfSatisfying(InvalidEicException.class, e -> {
            assertThat(e.problem()).isEqualTo(InvalidEicException.Problem.CHECK_CHARACTER);
            assertThat(e.expected()).isEqualTo(text.startsWith("38Z") ? "D" : "J");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"38X-EIN-OS-----J", "10YFI-1--------U"})
    void aCodeOfAnotherTypeIsRefusedWhereATypeIsRequired(String text) {
        assertThatThrownBy(() -> Eic.parse(text, EicType.METERING_POINT))
                .isInstanceOfSatisfying(InvalidEicException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidEicException.Problem.WRONG_TYPE);
                    assertThat(e.expected()).isEqualTo("Z");
                });
        assertThat(Eic.parse("38ZGO-1000001U-D", EicType.METERING_POINT).type()).isEqualTo(EicType.METERING_POINT);
    }

    @ParameterizedTest
    @MethodSource("prefixesWhoseCheckWouldBeADash")
    void aCodeWhoseCheckCharacterWouldBeADashIsNeverValid(String first15) {
        assertThat(Eic.checkCharacter(first15)).isEqualTo('-');
        for (char c : ALPHABET.toCharArray()) {
            assertThat(Eic.isValid(first15 + c)).isFalse();
        }
    }

    static Stream<String> specExamples() {
        return SPEC_EXAMPLES.stream();
    }

    static Stream<String> oneCharacterCorruptions() {
        var corruptions = new ArrayList<String>();
        for (var code : SPEC_EXAMPLES) {
            for (int i = 0; i < code.length(); i++) {
                for (char c : ALPHABET.toCharArray()) {
                    if (c != code.charAt(i)) {
                        corruptions.add(code.substring(0, i) + c + code.substring(i + 1));
                    }
                }
            }
        }
        return corruptions.stream();
    }

    static Stream<String> prefixesWhoseCheckWouldBeADash() {
        // Vary the last position of a valid prefix until the check value is 36 ('-'), for a few prefixes.
        return Stream.of("38X-EIN-OS-----", "38ZGO-1000001U-", "10X1001A1001A39")
                .map(prefix -> {
                    for (char c : ALPHABET.toCharArray()) {
                        var candidate = prefix.substring(0, 14) + c;
                        if (Eic.checkCharacter(candidate) == '-') {
                            return candidate;
                        }
                    }
                    throw new IllegalStateException("no dash-check variant of " + prefix);
                });
    }
}
