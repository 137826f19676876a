package ee.datahub.enquiryhub.enquiry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** What the read models (search, list) share in building and counting their queries. */
final class Sql {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How many rows a count reads at most, over all its queries: one past the exact total, to tell "more". */
    static final int CAP = Window.EXACT_TOTAL + 1;

    /**
     * How many rows a count reads for a page that starts beyond the result window: one past the window,
     * to tell whether the page is past the end (an empty page) or beyond the window (refused).
     */
    static final int CAP_BEYOND_WINDOW = Window.MAX_RESULTS + 1;

    /** How many matches of each kind a search by comment text keeps, its count and page read from them. */
    static final int KEPT = Window.MAX_RESULTS + 1;

    private Sql() {}

    /** Appends {@code and column = :name} when the filter is given. */
    static void equal(StringBuilder sql, Map<String, Object> params, String column, String name, Optional<?> value) {
        value.ifPresent(v -> {
            sql.append(" and ").append(column).append(" = :").append(name);
            params.put(name, v);
        });
    }

    /**
     * How many rows the queries (each {@code from … where …}, without select) match together: exact
     * when they match fewer than the count reads ({@link #CAP} index entries in all, or
     * {@link #CAP_BEYOND_WINDOW} for a page beyond the window), the planner's estimate beyond.
     */
    static Total total(JdbcClient jdbc, List<String> fromWheres, Map<String, Object> params, PageRequest page) {
        int cap = page.offset() >= Window.MAX_RESULTS ? CAP_BEYOND_WINDOW : CAP;
        long counted = 0;
        for (var fromWhere : fromWheres) {
            counted += count(jdbc, fromWhere, params, cap - counted);
            if (counted >= cap) {
                break;
            }
        }
        return total(jdbc, counted, counted < cap, fromWheres, params);
    }

    // How many rows the query (from … where …) matches, counting at most cap.
    private static long count(JdbcClient jdbc, String fromWhere, Map<String, Object> params, long cap) {
        var counted = new HashMap<>(params);
        counted.put("cap", cap);
        return jdbc.sql("select count(*) from (select 1 from " + fromWhere + " limit :cap) capped")
                .params(counted)
                .query(Long.class)
                .single();
    }

    /**
     * The total of the queries from the rows counted: those when they are all ({@code complete}),
     * otherwise the planner's estimate of the queries together (never less than the rows counted).
     */
    static Total total(
            JdbcClient jdbc, long counted, boolean complete, List<String> fromWheres, Map<String, Object> params) {
        if (complete) {
            return new Total(counted, true);
        }
        var union = fromWheres.stream()
                .map(fromWhere -> "select 1 from " + fromWhere)
                .toList();
        var plan = jdbc.sql("explain (format json) " + String.join(" union all ", union))
                .params(params)
                .query(String.class)
                .single();
        long estimate = JSON.readTree(plan).get(0).get("Plan").get("Plan Rows").asLong();
        return new Total(Math.max(counted, estimate), false);
    }

    /**
     * The page from the rows read for it: at most one more than the page holds (read with
     * {@link #lookAhead}), which tells whether results follow it. An estimated total is corrected by
     * what the page saw: never less than the rows up to its end, at least one more when results follow
     * (so that the pages counted never end before the results do), exact on the last page, and at
     * most the page's start past the end.
     */
    static <T> Page<T> page(List<T> read, PageRequest page, Total total) {
        boolean more = read.size() > page.size();
        var content = more ? read.subList(0, page.size()) : read;
        if (total.exact()) {
            return new Page<>(content, page.page(), page.size(), total.value(), true);
        }
        long seen = page.offset() + content.size();
        if (more) {
            return new Page<>(content, page.page(), page.size(), Math.max(total.value(), seen + 1), false);
        }
        if (!content.isEmpty()) {
            return new Page<>(content, page.page(), page.size(), seen, true);
        }
        return new Page<>(content, page.page(), page.size(), Math.min(total.value(), page.offset()), false);
    }

    /** How many rows to read for a page: one more than it holds, to tell whether results follow it. */
    static int lookAhead(PageRequest page) {
        return page.size() + 1;
    }

    /** How many results there are: counted ({@code exact}) or the planner's estimate. */
    record Total(long value, boolean exact) {}
}
