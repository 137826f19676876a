package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.platform.HubTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The list read model: the enquiries the caller's side sees, with their threads, by creation time
 * (ties by id, so pages are stable). Totals are exact up to {@link Window#EXACT_TOTAL} and the
 * planner's estimate beyond, corrected by the page read ({@link Sql#page}).
 */
@Repository
class EnquiryLists {

    private final JdbcClient jdbc;
    private final EnquiryRepository enquiries;

    EnquiryLists(JdbcClient jdbc, EnquiryRepository enquiries) {
        this.jdbc = jdbc;
        this.enquiries = enquiries;
    }

    Page<EnquiryView> list(Caller caller, ListCriteria criteria, PageRequest page) {
        var params = new HashMap<String, Object>();
        var where = filter(caller, criteria, params);
        var direction = criteria.newestFirst() ? "desc" : "asc";
        if (criteria.text().isPresent()) {
            return listText(caller, criteria.text().get(), where, direction, params, page);
        }
        return paged(
                where, direction, params, page, Sql.total(jdbc, List.of("enquiry e where " + where), params, page));
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

    /** The page read in the list's order, with the total of the result. */
    private Page<EnquiryView> paged(
            String where, String direction, Map<String, Object> params, PageRequest page, Sql.Total total) {
        Window.require(page, total);
        if (total.exact() && total.value() <= page.offset()) {
            return new Page<>(List.of(), page.page(), page.size(), total.value());
        }
        var read = Sql.page(pageOf(where, direction, params, page), page, total);
        return new Page<>(views(read.content()), read.page(), read.size(), read.totalElements(), read.exact());
    }

    /** The page and the result after it (see {@link Sql#lookAhead}). */
    private List<Enquiry> pageOf(String where, String direction, Map<String, Object> params, PageRequest page) {
        params.put("limit", Sql.lookAhead(page));
        params.put("offset", page.offset());
        return jdbc.sql("select " + EnquiryRepository.ENQUIRY_COLUMNS + " from enquiry e where " + where
                        + " order by e.created_at " + direction + ", e.id " + direction
                        + " limit :limit offset :offset")
                .params(params)
                .query(EnquiryRepository::enquiry)
                .list();
    }

    private Page<EnquiryView> listText(
            Caller caller, String text, String where, String direction, Map<String, Object> params, PageRequest page) {
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
                .sql("with m as materialized (select key_created_at, key_id from ("
                        + "select e.created_at as key_created_at, e.id as key_id from enquiry e where " + where
                        + " and e.request_comment ilike :text union select e.created_at, e.id from enquiry e where "
                        + where
                        + " and " + answered + ") u limit :cap)\n"
                        + "select c.n, p.* from (select count(*) as n from m) c left join lateral (select "
                        + qualified(EnquiryRepository.ENQUIRY_COLUMNS)
                        + " from (select key_created_at, key_id from m order by key_created_at "
                        + direction + ", key_id " + direction
                        + " limit :limit offset :offset) k join enquiry e on e.id = k.key_id) p on true"
                        + " order by p.created_at " + direction + ", p.id " + direction)
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
        return paged(textWhere, direction, params, page, total);
    }

    private List<EnquiryView> views(List<Enquiry> found) {
        var answers = enquiries.answersOf(found.stream().map(e -> e.id).toList());
        return found.stream()
                .map(e -> e.view(answers.getOrDefault(e.id, List.of())))
                .toList();
    }

    /** The columns, each of table {@code e}. */
    private static String qualified(String columns) {
        return Arrays.stream(columns.split(","))
                .map(column -> "e." + column.strip())
                .collect(Collectors.joining(", "));
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
