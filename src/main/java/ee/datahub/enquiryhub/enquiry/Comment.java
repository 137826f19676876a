package ee.datahub.enquiryhub.enquiry;

/** Limits of free-text comments (they are personal data: never logged). */
public final class Comment {

    /** The most characters, counted as Unicode code points, a comment may hold. */
    public static final int MAX_LENGTH = 4000;

    private Comment() {}

    public static boolean fits(String text) {
        return text.codePointCount(0, text.length()) <= MAX_LENGTH;
    }
}
