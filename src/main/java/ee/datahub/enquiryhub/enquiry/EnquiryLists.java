package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.platform.HubTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The list read model: the enquiries the caller's side sees, with their threads, by creation time
 * (ties by id, so pages are stable). Totals are exact up to {@link Window#MAX_RESULTS} and the
 * planner's estimate beyond.
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
        long total = Sql.total(jdbc, List.of("enquiry e where " + where), params);
        Window.require(page, total);
        if (total <= page.offset()) {
            return new Page<>(List.of(), page.page(), page.size(), total);
        }
        var direction = criteria.newestFirst() ? "desc" : "asc";
        params.put("limit", page.size());
        params.put("offset", page.offset());
        var found = jdbc.sql("select " + EnquiryRepository.ENQUIRY_COLUMNS + " from enquiry e where " + where
                        + " order by e.created_at " + direction + ", e.id " + direction + " limit :limit offset :offset")
                .params(params)
                .query(EnquiryRepository::enquiry)
                .list();
        var answers = enquiries.answersOf(found.stream().map(e -> e.id).toList());
        var views = found.stream().map(e -> e.view(answers.getOrDefault(e.id, List.of()))).toList();
        return new Page<>(views, page.page(), page.size(), total);
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
            sql.append(overdue ? " and e.status = 'OPEN' and e.due_at < now()"
                    : " and not (e.status = 'OPEN' and e.due_at < now())");
        });
        c.text().ifPresent(text -> {
            // Driven from the matches: each side of the union is the caller's own matches, served by its
            // comment column's trigram index, and each match is one probe of the primary key — where a join
            // read every entry of the party's index (500 000 for a big grid operator) to meet a few thousand.
            // The array keeps the planner from turning it around.
            var party = caller.side() == Side.SENDER ? "sender_eic" : "receiver_eic";
            sql.append(" and e.id = any(array(select id from enquiry where request_comment ilike :text and " + party
                    + " = :me and commodity = :commodity union select enquiry_id from enquiry_response where"
                    + " response_comment ilike :text and " + party + " = :me and commodity = :commodity))");
            params.put("text", "%" + Like.escape(text) + "%");
        });
        return sql.toString();
    }

}
