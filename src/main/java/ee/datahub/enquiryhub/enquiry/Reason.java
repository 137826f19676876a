package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.eic.InvalidEicException;
import java.util.List;
import java.util.Optional;

/** Why a field's value is refused (spec §4.1's 400 rules), in the domain's terms; each door words it. */
public sealed interface Reason {

    /** A required field was not given. */
    record Missing() implements Reason {}

    /** More than {@code max} characters, counted as Unicode code points. */
    record TooLong(int max) implements Reason {}

    /** An empty text where at least one character is needed. */
    record Empty() implements Reason {}

    /** The character U+0000, which no stored text may hold. */
    record NulCharacter() implements Reason {}

    /** Not an EIC of the field's type; {@code expected} is the check character or type letter, if any. */
    record NotAnEic(String text, InvalidEicException.Problem problem, String expected) implements Reason {}

    /** None of the field's literals, which are {@code allowed}. */
    record UnknownLiteral(String text, List<String> allowed) implements Reason {
        public UnknownLiteral {
            allowed = List.copyOf(allowed);
        }
    }

    /** What is wrong with a text of at most {@code max} characters, if anything. */
    static Optional<Reason> ofText(String text, int max) {
        if (text.indexOf(0) >= 0) {
            return Optional.of(new NulCharacter());
        }
        if (text.codePointCount(0, text.length()) > max) {
            return Optional.of(new TooLong(max));
        }
        return Optional.empty();
    }
}
