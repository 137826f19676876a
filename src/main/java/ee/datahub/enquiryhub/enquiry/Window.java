package ee.datahub.enquiryhub.enquiry;

/**
 * How deep a paged list or search may page: results past the first {@value #MAX_RESULTS} are not
 * paged (a client narrows its filters, or follows the change feed), so that no request reads deep
 * into a history of millions; totals are counted exactly up to that many and estimated beyond.
 */
public final class Window {

    public static final int MAX_RESULTS = 10_000;

    private Window() {}

    /** True when the page ends within the window. */
    public static boolean holds(PageRequest page) {
        return page.offset() + page.size() <= MAX_RESULTS;
    }
}
