package ee.datahub.enquiryhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The hand-written header checks judge every header as Spring's regular expressions do: the firewall's
 * tests of header names and values ({@link HeaderCharacters} against {@link StrictHttpFirewall}'s own
 * predicates) and the bearer token's reading ({@link BearerTokens} against {@link DefaultBearerTokenResolver}:
 * the same token, or the same refusal), over the edge cases and 100 000 random strings mixing ASCII,
 * control characters, tabs, unassigned code points, lone and paired surrogates and other scripts.
 */
class HeaderParsingTest {

    private static final List<String> EDGES = List.of(
            "",
            " ",
            "\t",
            "a\tb",
            "\u0000",
            "\u001f",
            "\u007f",
            "\u0080",
            "\u009f",
            "\u00a0",
            "é",
            "Ω",
            "\u0378",
            "\ud800",
            "\udc00",
            "\ud83d\ude00",
            "\ud83d",
            "x\ud83d\ude00y",
            "\uffff",
            "\ufffd",
            "\u2028",
            "\u200b",
            "\ue000",
            "text/plain; charset=utf-8",
            "Bearer abc",
            "Bearer abc==",
            "bearer abc",
            "BEARER abc",
            "Bearer  abc",
            "Bearer abc =",
            "Bearer =",
            "Bearer",
            "Bearer ",
            "Bearerabc",
            "Bearer a.b-c_d~e+f/g",
            "Bearer abc=d",
            "Bearer ab c",
            "Bearer abc\t",
            "Basic abc",
            "Bearer é",
            "Bearer abc==\n",
            "Bearer a\u0000");

    @Test
    void headerNamesAndValuesAreJudgedAsTheFirewallsExpressionsJudgeThem() {
        for (var text : strings()) {
            assertThat(HeaderCharacters.isAllowedName(text))
                    .as("name %s", escaped(text))
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
            assertThat(HeaderCharacters.isAllowedValue(text))
                    .as("value %s", escaped(text))
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
    }

    @Test
    void bearerTokensAreReadOrRefusedAsSpringReadsOrRefusesThem() {
        var standard = new DefaultBearerTokenResolver();
        var fast = new BearerTokens();
        var headers = new ArrayList<String>();
        for (var text : strings()) {
            headers.add(text);
            headers.add("Bearer " + text);
            headers.add("bearer " + text);
        }
        for (var header : headers) {
            var request = new MockHttpServletRequest("POST", "/api/v1/direct-messages");
            request.addHeader("Authorization", header);
            String expected = null;
            String actual = null;
            var expectedFailure = catchThrowable(() -> standard.resolve(request));
            var actualFailure = catchThrowable(() -> fast.resolve(request));
            if (expectedFailure == null) {
                expected = standard.resolve(request);
            }
            if (actualFailure == null) {
                actual = fast.resolve(request);
            }
            assertThat(actual).as("token of %s", escaped(header)).isEqualTo(expected);
            assertThat(actualFailure == null ? null : actualFailure.getMessage())
                    .as("refusal of %s", escaped(header))
                    .isEqualTo(expectedFailure == null ? null : expectedFailure.getMessage());
        }
        var none = new MockHttpServletRequest("POST", "/api/v1/direct-messages");
        assertThat(fast.resolve(none)).isNull();
    }

    private static List<String> strings() {
        var strings = new ArrayList<>(EDGES);
        var random = new Random(20261203);
        String token68 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/=";
        for (int n = 0; n < 100_000; n++) {
            var text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(8)) {
                    case 0, 1, 2 -> text.append(token68.charAt(random.nextInt(token68.length())));
                    case 3 -> text.append((char) (0x20 + random.nextInt(0x5f)));
                    case 4 -> text.append(random.nextInt(4) == 0 ? '\t' : (char) random.nextInt(0xa0));
                    case 5 -> text.append((char) random.nextInt(0x10000));
                    case 6 -> text.appendCodePoint(random.nextInt(0x110000));
                    default -> text.append(random.nextBoolean() ? ' ' : '=');
                }
            }
            strings.add(text.toString());
        }
        return strings;
    }

    private static String escaped(String text) {
        var out = new StringBuilder();
        text.codePoints()
                .forEach(cp ->
                        out.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp) : String.format("\\u{%x}", cp)));
        return out.toString();
    }
}
