package ee.datahub.enquiryhub.enquiry;

/** Text searched as a substring with {@code like}/{@code ilike}: its wildcards taken literally. */
final class Like {

    private Like() {}

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
