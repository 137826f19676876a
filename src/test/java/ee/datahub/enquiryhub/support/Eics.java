package ee.datahub.enquiryhub.support;

import ee.datahub.enquiryhub.eic.Eic;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh valid EICs for test data that must not collide with other tests'. */
public final class Eics {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private Eics() {}

    public static String party() {
        return random("38X");
    }

    public static String meteringPoint() {
        return random("38Z");
    }

    private static String random(String prefix) {
        while (true) {
            var text = new StringBuilder(prefix).append("-T");
            for (int i = 0; i < 10; i++) {
                text.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
            }
            char check = Eic.checkCharacter(text.toString());
            if (check != '-') {
                return text.append(check).toString();
            }
        }
    }
}
