package ee.datahub.enquiryhub.enquiry;

/**
 * How deep a paged list or search may page, and how far its total is counted: results past the first
 * {@value #MAX_RESULTS} are not paged (a client narrows its filters, or follows the change feed), so
 * that no request reads deep into a history of millions; totals are counted exactly up to
 * {@value #EXACT_TOTAL} and estimated beyond, so that no request counts a long result row by row.
 */
public final class Window {

    public static final int MAX_RESULTS = 10_000;

    /** Totals up to this many are exact; beyond it, the planner's estimate corrected by the page read. */
    public static final int EXACT_TOTAL = 1_000;

    private Window() {}

    /**
     * Refuses a page that starts beyond the window while there are results there (a page past the
     * end of a shorter result is simply empty): a total counted for such a page is exact up to the
     * window, so one that is not exact has results beyond it.
     */
    static void require(PageRequest page, Sql.Total total) {
        if (page.offset() >= MAX_RESULTS && (!total.exact() || total.value() > page.offset())) {
            throw new Refused(new Refusal.BeyondResultWindow(Field.PAGE, page.page(), MAX_RESULTS));
        }
    }
}
