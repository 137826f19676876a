package ee.datahub.enquiryhub.security;

/** What every rate setting must satisfy: off (0), or a positive rate with a burst of at least one request. */
final class Limits {

    private Limits() {}

    static boolean sane(Double perSecond, Double burst) {
        return perSecond != null
                && burst != null
                && perSecond >= 0
                && perSecond <= 100_000
                && (perSecond == 0 || burst >= 1 && burst <= 1_000_000);
    }
}
