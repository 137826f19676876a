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

    /** How many rows a count reads at most per query: one past the result window, to tell "more". */
    static final int CAP = Window.MAX_RESULTS + 1;

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
     * up to the result window (each counts at most that many index entries), the planner's estimate
     * beyond it.
     */
    static long total(JdbcClient jdbc, List<String> fromWheres, Map<String, Object> params) {
        long exact = 0;
        for (var fromWhere : fromWheres) {
            exact += count(jdbc, fromWhere, params);
        }
        return total(jdbc, exact, fromWheres, params);
    }

    /** How many rows the query ({@code from … where …}) matches, counting at most {@link #CAP}. */
    static long count(JdbcClient jdbc, String fromWhere, Map<String, Object> params) {
        var counted = new HashMap<>(params);
        counted.put("cap", CAP);
        return jdbc.sql("select count(*) from (select 1 from " + fromWhere + " limit :cap) capped")
                .params(counted).query(Long.class).single();
    }

    /**
     * The total of the queries from their counts, each capped at {@link #CAP} and summed in {@code exact}:
     * that sum up to the result window, beyond it the planner's estimate (never less than the sum).
     */
    static long total(JdbcClient jdbc, long exact, List<String> fromWheres, Map<String, Object> params) {
        if (exact <= Window.MAX_RESULTS) {
            return exact;
        }
        long estimate = 0;
        for (var fromWhere : fromWheres) {
            var plan = jdbc.sql("explain (format json) select 1 from " + fromWhere).params(params).query(String.class).single();
            estimate += JSON.readTree(plan).get(0).get("Plan").get("Plan Rows").asLong();
        }
        return Math.max(exact, estimate);
    }
}
