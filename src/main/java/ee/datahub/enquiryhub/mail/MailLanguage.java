package ee.datahub.enquiryhub.mail;

import java.util.Locale;
import java.util.Optional;

/** The language of a person's emails. */
public enum MailLanguage {
    ET,
    EN;

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /** {@code et} or {@code en}, as stored and as the web's language switch names them. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MailLanguage> of(String code) {
        for (var language : values()) {
            if (language.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
