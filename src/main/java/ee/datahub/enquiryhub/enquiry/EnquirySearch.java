package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The v1 search read model: one row per message (an enquiry, or an answer with its enquiry's fields),
 * newest first, ties broken by message id so that pages are stable; only what the caller's side sees.
 *
 * <p>Each kind of message is read newest first from an index of the caller's party (answers carry
 * their enquiry's parties for that), at most as far as the page reaches, and the two are merged: a
 * page costs its depth, never the party's whole history. Pages start within the first
 * {@link Window#MAX_RESULTS} results; totals are exact up to there (counting at most that many index
 * entries) and the planner's estimate beyond.
 */
@Repository
class EnquirySearch {

    private final JdbcClient jdbc;

    EnquirySearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<MessageView> search(Caller caller, SearchCriteria criteria, PageRequest page) {
        var params = new HashMap<String, Object>();
        var parts = parts(caller, criteria, params);
        long total = Sql.total(jdbc, parts.stream().map(part -> part.from() + " where " + part.where()).toList(), params);
        Window.require(page, total);
        if (total <= page.offset()) {
            return new Page<>(List.of(), page.page(), page.size(), total);
        }
        params.put("depth", page.offset() + page.size());
        params.put("limit", page.size());
        params.put("offset", page.offset());
        var union = new ArrayList<String>();
        for (var part : parts) {
            union.add("(" + part.select() + " where " + part.where() + " order by " + part.order() + " limit :depth)");
        }
        var rows = jdbc.sql("select * from (" + String.join("\nunion all\n", union)
                        + ") m order by ts desc, sort_id desc limit :limit offset :offset")
                .params(params)
                .query(EnquirySearch::row)
                .list();
        return new Page<>(rows, page.page(), page.size(), total);
    }

    /** One kind of message the search reads: its columns, its filter, and the order its index yields. */
    private record Part(String select, String from, String where, String order) {}

    private static List<Part> parts(Caller caller, SearchCriteria c, Map<String, Object> params) {
        params.put("me", caller.eic().value());
        params.put("commodity", caller.commodity().name());
        var party = caller.side() == Side.SENDER ? "sender_eic" : "receiver_eic";
        var parts = new ArrayList<Part>();
        if (!c.onlyAnswers()) {
            var enquiryFilter = new StringBuilder(carriedFilter("e", c, params)).append(enquiryOnlyFilter(c, params));
            parts.add(new Part("""
                    select e.id as request_id, null::uuid as response_id, e.updated_at as ts, e.id as sort_id,
                           e.sender_eic, e.receiver_eic, e.meter_eic, e.customer_eic, e.topic, e.reference_type,
                           e.reference_value, e.status, e.request_comment, null::text as response_comment, e.due_at
                      from enquiry e""", "enquiry e",
                    "e." + party + " = :me and e.commodity = :commodity" + enquiryFilter, "e.updated_at desc, e.id desc"));
        }
        // Answers carry their enquiry's parties, customer and meter: filtered on those alone, they are read
        // and counted from their own indexes, newest first, and joined to their enquiries only for the
        // page's columns; a filter on another field of the enquiry needs the join.
        var answerFilter = new StringBuilder(carriedFilter("r", c, params));
        var enquiryOnly = enquiryOnlyFilter(c, params);
        answerFilter.append(enquiryOnly);
        c.responseId().ifPresent(id -> {
            answerFilter.append(" and r.id = :responseId");
            params.put("responseId", id.value());
        });
        c.responseComment().ifPresent(text -> {
            answerFilter.append(" and r.response_comment ilike :responseComment");
            params.put("responseComment", "%" + Like.escape(text) + "%");
        });
        parts.add(new Part("""
                select e.id as request_id, r.id as response_id, r.updated_at as ts, r.id as sort_id,
                       e.sender_eic, e.receiver_eic, e.meter_eic, e.customer_eic, e.topic, e.reference_type,
                       e.reference_value, e.status, e.request_comment, r.response_comment, e.due_at
                  from enquiry_response r join enquiry e on e.id = r.enquiry_id""",
                enquiryOnly.isEmpty() ? "enquiry_response r" : "enquiry_response r join enquiry e on e.id = r.enquiry_id",
                "r." + party + " = :me and r.commodity = :commodity" + answerFilter, "r.updated_at desc, r.id desc"));
        return parts;
    }

    /** The filters on what an answer carries of its enquiry (its id, parties, customer and meter), on {@code table}. */
    private static String carriedFilter(String table, SearchCriteria c, Map<String, Object> params) {
        var sql = new StringBuilder();
        Sql.equal(sql, params, table.equals("r") ? "r.enquiry_id" : "e.id", "requestId", c.requestId().map(EnquiryId::value));
        Sql.equal(sql, params, table + ".sender_eic", "sender", c.sender().map(Eic::value));
        Sql.equal(sql, params, table + ".receiver_eic", "receiver", c.receiver().map(Eic::value));
        Sql.equal(sql, params, table + ".meter_eic", "meter", c.meter().map(Eic::value));
        Sql.equal(sql, params, table + ".customer_eic", "customer", c.customer().map(Eic::value));
        return sql.toString();
    }

    /** The filters on the enquiry's other fields, which only the enquiry has. */
    private static String enquiryOnlyFilter(SearchCriteria c, Map<String, Object> params) {
        var sql = new StringBuilder();
        Sql.equal(sql, params, "e.topic", "topic", c.topic().map(Enum::name));
        Sql.equal(sql, params, "e.reference_type", "referenceType", c.referenceType().map(Enum::name));
        Sql.equal(sql, params, "e.reference_value", "referenceValue", c.referenceValue());
        Sql.equal(sql, params, "e.status", "requestStatus", c.requestStatus().map(Enum::name));
        c.requestComment().ifPresent(text -> {
            sql.append(" and e.request_comment ilike :requestComment");
            params.put("requestComment", "%" + Like.escape(text) + "%");
        });
        return sql.toString();
    }

    private static MessageView row(ResultSet rs, int n) throws SQLException {
        var referenceType = rs.getString("reference_type");
        return new MessageView(new EnquiryId(rs.getObject("request_id", UUID.class)),
                Optional.ofNullable(rs.getObject("response_id", UUID.class)).map(AnswerId::new),
                rs.getTimestamp("ts").toInstant(), new Eic(rs.getString("sender_eic")), new Eic(rs.getString("receiver_eic")),
                new Eic(rs.getString("meter_eic")), new Eic(rs.getString("customer_eic")),
                Topic.valueOf(rs.getString("topic")),
                Optional.ofNullable(referenceType).map(type -> new Reference(ReferenceType.valueOf(type),
                        EnquiryRepository.uncheckedString(rs, "reference_value"))),
                RequestStatus.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("request_comment")),
                Optional.ofNullable(rs.getString("response_comment")), rs.getTimestamp("due_at").toInstant());
    }
}
