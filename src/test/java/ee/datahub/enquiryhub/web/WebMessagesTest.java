package ee.datahub.enquiryhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages say everything: the same keys, every error code, every role, commodity and permission. */
class WebMessagesTest {

    @Test
    void estonianAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(load("et").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("en").stringPropertyNames());
    }

    @Test
    void everyErrorCodeAndEveryEnumValueHasItsTextInBothLanguages() throws IOException {
        for (var language : new String[] {"et", "en"}) {
            var messages = load(language);
            Arrays.stream(ErrorCode.values())
                    .forEach(code -> assertThat(messages.getProperty(code.code()))
                            .as("%s in %s", code.code(), language)
                            .isNotBlank());
            Stream.of(MarketRole.values(), Commodity.values(), Permission.values())
                    .flatMap(Arrays::stream)
                    .forEach(value -> assertThat(messages.getProperty("enum." + value.name()))
                            .as("%s in %s", value, language)
                            .isNotBlank());
        }
    }

    @Test
    void noMessageHoldsAnAsciiApostropheThatMessageFormatWouldSwallow() throws IOException {
        for (var language : new String[] {"et", "en"}) {
            var messages = load(language);
            messages.stringPropertyNames()
                    .forEach(key -> assertThat(messages.getProperty(key))
                            .as("%s in %s", key, language)
                            .doesNotContain("'"));
        }
    }

    private static Properties load(String language) throws IOException {
        var properties = new Properties();
        try (var in = WebMessagesTest.class.getResourceAsStream("/messages_" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
