package ee.datahub.enquiryhub.web;

/** A page that needs a context was asked for before the person chose one: it is sent to choose. */
final class NoContextChosen extends RuntimeException {

    NoContextChosen() {
        super("no context chosen", null, false, false);
    }
}
