package ee.datahub.enquiryhub.enquiry;

import java.util.Optional;

/**
 * A free-text comment (of an enquiry or an answer): at most 4000 characters, counted as Unicode code
 * points, and no U+0000; may be empty. Personal data: its text is never logged ({@link #toString()}).
 */
public record Comment(String text) {

    public static final int MAX_LENGTH = 4000;

    public Comment {
        if (text == null || problemWith(text).isPresent()) {
            throw new IllegalArgumentException("not a comment: " + problemWith(String.valueOf(text)));
        }
    }

    /** Why {@code text} cannot be a comment, if it cannot. */
    public static Optional<Reason> problemWith(String text) {
        return Reason.ofText(text, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return "Comment[" + text.codePointCount(0, text.length()) + " characters]";
    }
}
