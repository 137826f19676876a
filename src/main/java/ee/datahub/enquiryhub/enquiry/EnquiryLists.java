package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The list read model: the enquiries the caller's side sees, with their threads, in a view and order
 * ({@link ListView}, {@link SortKey}; ties by id, so pages are stable), and each view's count. Totals
 * are exact up to {@link Window#EXACT_TOTAL} and the planner's estimate beyond, corrected by the page
 * read ({@link Sql#page}).
 */
@Repository
class EnquiryLists {

    private final JdbcClient jdbc;
    private final EnquiryRepository enquiries;
    private final AnswerDeadlines deadlines;
    private final Clock clock;

    EnquiryLists(JdbcClient jdbc, EnquiryRepository enquiries, AnswerDeadlines deadlines, Clock clock) {
        this.jdbc = jdbc;
        this.enquiries = enquiries;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    Page<EnquiryView> list(Caller caller, ListCriteria criteria, PageRequest page) {
        var params = new HashMap<String, Object>();
        var where = filter(caller, criteria, params) + view(caller, criteria.view(), params);
        var order = new Order(criteria.sort().column(), criteria.newestFirst() ? "desc" : "asc");
        if (criteria.text().isPresent()) {
            return listText(caller, criteria.text().get(), where, order, params, page);
        }
        return paged(where, order, params, page, Sql.total(jdbc, List.of("enquiry e where " + where), params, page));
    }

    /**
     * How many enquiries each view of the caller's side holds (filters aside): exact up to
     * {@link Window#EXACT_TOTAL}, the planner's estimate beyond; each count reads at most
     * {@link Sql#CAP} index entries.
     */
    Map<ListView, Sql.Total> counts(Caller caller) {
        var counts = new EnumMap<ListView, Sql.Total>(ListView.class);
        for (var view : ListView.values()) {
            var params = new HashMap<String, Object>();
            var where = filter(caller, ListCriteria.none(), params);
            var fromWhere = view == ListView.UNREAD
                    ? "enquiry_unread u where u.participant_eic = :me and u.side = :side and u.commodity = :commodity"
                    : "enquiry e where " + where + view(caller, view, params);
            params.put("side", caller.side().name());
            counts.put(view, Sql.total(jdbc, List.of(fromWhere), params, new PageRequest(0, 1)));
        }
        return counts;
    }

    // The order of a list: a column of the enquiry, ties by id, the same way.
    private record Order(String column, String direction) {

        String by(String table) {
            return table + "." + column + " " + direction + ", " + table + ".id " + direction;
        }
    }

    // Open ones are named by the literal the partial indexes are built on; the unread ones by their rows
    // in enquiry_unread (its primary key, probed per enquiry or read whole, as the planner finds cheaper).
    private String view(Caller caller, ListView view, Map<String, Object> params) {
        var now = clock.instant();
        return switch (view) {
            case ALL -> "";
            case OPEN -> " and e.status = 'OPEN'";
            case CLOSED -> " and e.status <> 'OPEN'";
            case OVERDUE -> {
                params.put("now", HubTime.db(now));
                yield " and e.status = 'OPEN' and e.due_at <= :now";
            }
            case DUE_SOON -> {
                params.put("now", HubTime.db(now));
                params.put("soon", HubTime.db(deadlines.dueSoonUntil(now)));
                yield " and e.status = 'OPEN' and e.due_at > :now and e.due_at <= :soon";
            }
            case UNREAD -> {
                params.put("side", caller.side().name());
                yield " and exists (select 1 from enquiry_unread u where u.participant_eic = :me and u.side = :side"
                        + " and u.commodity = :commodity and u.enquiry_id = e.id)";
            }
        };
    }

    /** The caller's side's open enquiries due by {@code until}, soonest first (ties by id). */
    List<EnquiryView> dueBy(Caller caller, java.time.Instant until, int limit) {
        var party = caller.side() == Side.SENDER ? "e.sender_eic" : "e.receiver_eic";
        return views(jdbc.sql("select " + EnquiryRepository.ENQUIRY_COLUMNS + " from enquiry e where " + party
                        + " = :me and e.commodity = :commodity and e.status = 'OPEN' and e.due_at <= :until"
                        + " order by e.due_at, e.id limit :limit")
                .param("me", caller.eic().value())
                .param("commodity", caller.commodity().name())
                .param("until", HubTime.db(until))
                .param("limit", limit)
                .query(EnquiryRepository::enquiry)
                .list());
    }

    // The page read in the list's order, with the total of the result.
    private Page<EnquiryView> paged(
            String where, Order order, Map<String, Object> params, PageRequest page, Sql.Total total) {
        Window.require(page, total);
        if (total.exact() && total.value() <= page.offset()) {
            return new Page<>(List.of(), page.page(), page.size(), total.value());
        }
        var read = Sql.page(pageOf(where, order, params, page), page, total);
        return new Page<>(views(read.content()), read.page(), read.size(), read.totalElements(), read.exact());
    }

    // The page and the result after it (Sql.lookAhead).
    private List<Enquiry> pageOf(String where, Order order, Map<String, Object> params, PageRequest page) {
        params.put("limit", Sql.lookAhead(page));
        params.put("offset", page.offset());
        return jdbc.sql("select " + EnquiryRepository.ENQUIRY_COLUMNS + " from enquiry e where " + where + " order by "
                        + order.by("e") + " limit :limit offset :offset")
                .params(params)
                .query(EnquiryRepository::enquiry)
                .list();
    }

    private Page<EnquiryView> listText(
            Caller caller, String text, String where, Order order, Map<String, Object> params, PageRequest page) {
        // Driven from the matches: the caller's own matches of each comment column, served by its trigram
        // index (which holds the parties), where a join read every entry of the party's index (500 000 for
        // a big grid operator) to meet a few thousand. The enquiries' matches come with their creation time;
        // the answers' are one probe of the primary key each (the array keeps the planner from turning
        // that around).
        var party = caller.side() == Side.SENDER ? "sender_eic" : "receiver_eic";
        params.put("text", "%" + Like.escape(text) + "%");
        var answered =
                "e.id = any(array(select enquiry_id from enquiry_response where response_comment ilike :text and "
                        + party + " = :me and commodity = :commodity))";
        // The same filter in one piece, as the count's estimate beyond the window and a page beyond the
        // matches kept read it.
        var textWhere =
                where + " and e.id = any(array(select id from enquiry where request_comment ilike :text and " + party
                        + " = :me and commodity = :commodity union select enquiry_id from enquiry_response where"
                        + " response_comment ilike :text and " + party + " = :me and commodity = :commodity))";
        // Read once: the matches' creation time and id (at most Sql.KEPT) give both the count and the page.
        // Counting them and then reading the page would fetch and recheck every trigram candidate twice.
        var matched = new HashMap<>(params);
        matched.put("cap", Sql.KEPT);
        matched.put("limit", page.size());
        matched.put("offset", page.offset());
        var count = new long[1];
        var found = jdbc
                .sql("with m as materialized (select key_at, key_id from ("
                        + "select e." + order.column() + " as key_at, e.id as key_id from enquiry e where " + where
                        + " and e.request_comment ilike :text union select e." + order.column()
                        + ", e.id from enquiry e where " + where
                        + " and " + answered + ") u limit :cap)\n"
                        + "select c.n, p.* from (select count(*) as n from m) c left join lateral (select "
                        + qualified(EnquiryRepository.ENQUIRY_COLUMNS)
                        + " from (select key_at, key_id from m order by key_at " + order.direction() + ", key_id "
                        + order.direction()
                        + " limit :limit offset :offset) k join enquiry e on e.id = k.key_id) p on true"
                        + " order by " + order.by("p"))
                .params(matched)
                .query((rs, n) -> {
                    count[0] = rs.getLong("n");
                    return rs.getObject("id") == null ? null : EnquiryRepository.enquiry(rs, n);
                })
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
        boolean complete = count[0] < Sql.KEPT;
        var total = Sql.total(jdbc, count[0], complete, List.of("enquiry e where " + textWhere), params);
        if (complete) {
            Window.require(page, total);
            return new Page<>(views(found), page.page(), page.size(), total.value());
        }
        // More matches than were kept: the page is read as any other.
        return paged(textWhere, order, params, page, total);
    }

    private List<EnquiryView> views(List<Enquiry> found) {
        var answers = enquiries.answersOf(found.stream().map(e -> e.id).toList());
        return found.stream()
                .map(e -> e.view(answers.getOrDefault(e.id, List.of())))
                .toList();
    }

    // The columns, each of table e.
    private static String qualified(String columns) {
        return Arrays.stream(columns.split(","))
                .map(column -> "e." + column.strip())
                .collect(Collectors.joining(", "));
    }

    // A range of the pattern operators, which the prefix indexes (*_pattern_ops) serve whatever the
    // collation, also in a generic plan (a like with a parameter is not served by an index there).
    private static void prefix(
            StringBuilder sql, Map<String, Object> params, String column, String name, String start) {
        sql.append(" and ").append(column).append(" ~>=~ :").append(name);
        params.put(name, start);
        var last = start.codePointBefore(start.length());
        if (last < Character.MAX_CODE_POINT) {
            var next = start.substring(0, start.offsetByCodePoints(start.length(), -1)) + Character.toString(last + 1);
            sql.append(" and ").append(column).append(" ~<~ :").append(name).append("Next");
            params.put(name + "Next", next);
        }
    }

    private static String filter(Caller caller, ListCriteria c, Map<String, Object> params) {
        var sql = new StringBuilder(caller.side() == Side.SENDER ? "e.sender_eic = :me" : "e.receiver_eic = :me");
        sql.append(" and e.commodity = :commodity");
        params.put("me", caller.eic().value());
        params.put("commodity", caller.commodity().name());
        Sql.equal(sql, params, "e.meter_eic", "meter", c.meter().map(Eic::value));
        Sql.equal(sql, params, "e.customer_eic", "customer", c.customer().map(Eic::value));
        Sql.equal(sql, params, "e.sender_eic", "sender", c.sender().map(Eic::value));
        Sql.equal(sql, params, "e.receiver_eic", "receiver", c.receiver().map(Eic::value));
        Sql.equal(sql, params, "e.topic", "topic", c.topic().map(Enum::name));
        Sql.equal(sql, params, "e.status", "status", c.status().map(Enum::name));
        Sql.equal(sql, params, "e.reference_value", "referenceValue", c.referenceValue());
        c.starts().meter().ifPresent(start -> prefix(sql, params, "e.meter_eic", "meterStart", start));
        c.starts().customer().ifPresent(start -> prefix(sql, params, "e.customer_eic", "customerStart", start));
        c.starts()
                .reference()
                .ifPresent(start -> prefix(
                        sql, params, "upper(e.reference_value)", "referenceStart", start.toUpperCase(Locale.ROOT)));
        c.createdFrom().ifPresent(from -> {
            sql.append(" and e.created_at >= :createdFrom");
            params.put("createdFrom", HubTime.db(from));
        });
        c.createdTo().ifPresent(to -> {
            sql.append(" and e.created_at < :createdTo");
            params.put("createdTo", HubTime.db(to));
        });
        c.overdue().ifPresent(overdue -> {
            sql.append(
                    overdue
                            ? " and e.status = 'OPEN' and e.due_at < now()"
                            : " and not (e.status = 'OPEN' and e.due_at < now())");
        });
        return sql.toString();
    }
}
