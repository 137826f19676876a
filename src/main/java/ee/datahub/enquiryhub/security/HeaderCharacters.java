package ee.datahub.enquiryhub.security;

/**
 * The firewall's tests of header names and values ({@code StrictHttpFirewall}'s defaults: assigned in Unicode,
 * no control character, tabs allowed in values) without its regular expressions, which ran on every header
 * read, the 750-character bearer token several times per request: 4 % of a create's CPU. Printable ASCII is
 * accepted character by character; anything else is judged code point by code point as the expressions do.
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} */
    static boolean isAllowedName(String name) {
        return allowed(name, false);
    }

    /** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} */
    static boolean isAllowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return text.codePoints()
                        .allMatch(cp -> Character.getType(cp) != Character.UNASSIGNED
                                && (Character.getType(cp) != Character.CONTROL || tab && cp == '\t'));
            }
        }
        return true;
    }
}
