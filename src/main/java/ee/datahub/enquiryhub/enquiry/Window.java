package ee.datahub.enquiryhub.enquiry;

/**
 * How deep a paged list or search may page: results past the first {@value #MAX_RESULTS} are not
 * paged (a client narrows its filters, or follows the change feed), so that no request reads deep
 * into a history of millions; totals are counted exactly up to that many and estimated beyond.
 */
public final class Window {

    public static final int MAX_RESULTS = 10_000;

    private Window() {}

    /**
     * Refuses a page that starts beyond the window while there are results there (a page past the
     * end of a shorter result is simply empty).
     */
    static void require(PageRequest page, long total) {
        if (page.offset() >= MAX_RESULTS && total > page.offset()) {
            throw new Refused(new Refusal.BeyondResultWindow(Field.PAGE, page.page(), MAX_RESULTS));
        }
    }
}
