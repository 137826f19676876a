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
 * The search read model: one row per message (an enquiry, or an answer with its enquiry's fields),
 * newest first, ties broken by message id so that pages are stable. Only what the caller's side sees.
 */
@Repository
class EnquirySearch {

    private final JdbcClient jdbc;

    EnquirySearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<MessageView> search(Caller caller, SearchCriteria criteria, PageRequest page) {
        var params = new HashMap<String, Object>();
        var enquiryFilter = enquiryFilter(caller, criteria, params);
        var parts = new ArrayList<String>();
        if (!criteria.onlyAnswers()) {
            parts.add("""
                    select e.id as request_id, null::uuid as response_id, e.updated_at as ts, e.id as sort_id,
                           e.sender_eic, e.receiver_eic, e.meter_eic, e.customer_eic, e.topic, e.reference_type,
                           e.reference_value, e.status, e.request_comment, null::text as response_comment
                      from enquiry e
                     where""" + enquiryFilter);
        }
        var answerFilter = new StringBuilder(enquiryFilter);
        criteria.responseId().ifPresent(id -> {
            answerFilter.append(" and r.id = :responseId");
            params.put("responseId", id.value());
        });
        criteria.responseComment().ifPresent(text -> {
            answerFilter.append(" and strpos(lower(r.response_comment), lower(:responseComment)) > 0");
            params.put("responseComment", text);
        });
        parts.add("""
                select e.id as request_id, r.id as response_id, r.updated_at as ts, r.id as sort_id,
                       e.sender_eic, e.receiver_eic, e.meter_eic, e.customer_eic, e.topic, e.reference_type,
                       e.reference_value, e.status, e.request_comment, r.response_comment
                  from enquiry_response r join enquiry e on e.id = r.enquiry_id
                 where""" + answerFilter);
        var union = String.join("\nunion all\n", parts);

        long total = jdbc.sql("select count(*) from (" + union + ") m").params(params).query(Long.class).single();
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<MessageView> rows = total <= page.offset() ? List.of()
                : jdbc.sql("select * from (" + union + ") m order by ts desc, sort_id desc limit :limit offset :offset")
                        .params(params)
                        .query(EnquirySearch::row)
                        .list();
        return new Page<>(rows, page.page(), page.size(), total);
    }

    private static String enquiryFilter(Caller caller, SearchCriteria c, Map<String, Object> params) {
        var sql = new StringBuilder(caller.side() == Side.SENDER ? " e.sender_eic = :me" : " e.receiver_eic = :me");
        sql.append(" and e.commodity = :commodity");
        params.put("me", caller.eic().value());
        params.put("commodity", caller.commodity().name());
        equal(sql, params, "e.id", "requestId", c.requestId().map(EnquiryId::value));
        equal(sql, params, "e.sender_eic", "sender", c.sender().map(Eic::value));
        equal(sql, params, "e.receiver_eic", "receiver", c.receiver().map(Eic::value));
        equal(sql, params, "e.meter_eic", "meter", c.meter().map(Eic::value));
        equal(sql, params, "e.customer_eic", "customer", c.customer().map(Eic::value));
        equal(sql, params, "e.topic", "topic", c.topic().map(Enum::name));
        equal(sql, params, "e.reference_type", "referenceType", c.referenceType().map(Enum::name));
        equal(sql, params, "e.reference_value", "referenceValue", c.referenceValue());
        equal(sql, params, "e.status", "requestStatus", c.requestStatus().map(Enum::name));
        c.requestComment().ifPresent(text -> {
            sql.append(" and strpos(lower(e.request_comment), lower(:requestComment)) > 0");
            params.put("requestComment", text);
        });
        return sql.toString();
    }

    private static void equal(StringBuilder sql, Map<String, Object> params, String column, String name, Optional<?> value) {
        value.ifPresent(v -> {
            sql.append(" and ").append(column).append(" = :").append(name);
            params.put(name, v);
        });
    }

    private static MessageView row(ResultSet rs, int n) throws SQLException {
        var referenceType = rs.getString("reference_type");
        return new MessageView(new EnquiryId(rs.getObject("request_id", UUID.class)),
                Optional.ofNullable(rs.getObject("response_id", UUID.class)).map(AnswerId::new), rs.getTimestamp("ts").toInstant(),
                new Eic(rs.getString("sender_eic")), new Eic(rs.getString("receiver_eic")),
                new Eic(rs.getString("meter_eic")), new Eic(rs.getString("customer_eic")),
                Topic.valueOf(rs.getString("topic")),
                Optional.ofNullable(referenceType).map(type -> new Reference(ReferenceType.valueOf(type),
                        EnquiryRepository.uncheckedString(rs, "reference_value"))),
                RequestStatus.valueOf(rs.getString("status")), Optional.ofNullable(rs.getString("request_comment")),
                Optional.ofNullable(rs.getString("response_comment")));
    }
}
