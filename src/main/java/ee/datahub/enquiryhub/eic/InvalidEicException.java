package ee.datahub.enquiryhub.eic;

/** Thrown when a text is not a valid EIC; {@link #problem()} tells which rule it broke. */
public final class InvalidEicException extends IllegalArgumentException {

    public enum Problem {
        /** Not 16 characters of the EIC alphabet in the EIC shape (lower case included). */
        FORMAT,
        /** The 16th character is not the one the first 15 call for. */
        CHECK_CHARACTER,
        /** A valid EIC of another object type than the field requires. */
        WRONG_TYPE
    }

    private final String text;
    private final Problem problem;
    private final String expected;

    InvalidEicException(String text, Problem problem, String expected) {
        super("invalid EIC (" + problem + ")");
        this.text = text;
        this.problem = problem;
        this.expected = expected == null && problem == Problem.CHECK_CHARACTER
                ? String.valueOf(Eic.checkCharacter(text.substring(0, 15)))
                : expected;
    }

    public String text() {
        return text;
    }

    public Problem problem() {
        return problem;
    }

    /** What was expected: the right check character, or the required type letter; may be null. */
    public String expected() {
        return expected;
    }
}
