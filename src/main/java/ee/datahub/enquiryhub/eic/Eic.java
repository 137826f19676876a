package ee.datahub.enquiryhub.eic;

import java.util.regex.Pattern;

/**
 * An Energy Identification Code: 16 characters, the third of which is the type letter, the last a
 * check character computed by the ENTSO-E rule. Instances are always valid; {@link #parse} says
 * precisely what is wrong with a rejected text.
 */
public record Eic(String value) {

    private static final Pattern SHAPE = Pattern.compile("\\d{2}[XYZWTVA][A-Z0-9-]{12}[A-Z0-9]");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

    public Eic {
        var problem = problemWith(value);
        if (problem != null) {
            throw new InvalidEicException(value, problem, null);
        }
    }

    /** Parses a text as an EIC of any type. */
    public static Eic parse(String text) {
        return new Eic(text);
    }

    /** Parses a text as an EIC whose type letter must be {@code type}. */
    public static Eic parse(String text, EicType type) {
        var eic = new Eic(text);
        if (eic.type() != type) {
            throw new InvalidEicException(text, InvalidEicException.Problem.WRONG_TYPE, String.valueOf(type.letter()));
        }
        return eic;
    }

    public static boolean isValid(String text) {
        return problemWith(text) == null;
    }

    public EicType type() {
        return EicType.of(value.charAt(2));
    }

    /** The check character the first 15 characters call for, or {@code '-'} when none can be valid. */
    public static char checkCharacter(String first15) {
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            sum += ALPHABET.indexOf(first15.charAt(i)) * (16 - i);
        }
        return ALPHABET.charAt(36 - ((sum - 1) % 37));
    }

    private static InvalidEicException.Problem problemWith(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return InvalidEicException.Problem.FORMAT;
        }
        char expected = checkCharacter(text.substring(0, 15));
        if (expected == '-' || expected != text.charAt(15)) {
            return InvalidEicException.Problem.CHECK_CHARACTER;
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
