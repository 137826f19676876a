package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The v1 search read model: one row per message (an enquiry, or an answer with its enquiry's fields),
 * newest first, ties broken by message id so that pages are stable; only what the caller's side sees.
 * A page costs its depth, never the party's whole history (docs/design/reads.md).
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
        var fromWheres = parts.stream()
                .map(part -> part.from() + " where " + part.where())
                .toList();
        if (criteria.requestComment().isPresent() || criteria.responseComment().isPresent()) {
            return searchText(parts, fromWheres, params, page);
        }
        var total = Sql.total(jdbc, fromWheres, params, page);
        return paged(parts, params, page, total);
    }

    // The page read as its parts' indexes yield it, with the total of the result.
    private Page<MessageView> paged(List<Part> parts, Map<String, Object> params, PageRequest page, Sql.Total total) {
        Window.require(page, total);
        if (total.exact() && total.value() <= page.offset()) {
            return new Page<>(List.of(), page.page(), page.size(), total.value());
        }
        return Sql.page(pageOf(parts, params, page), page, total);
    }

    // The page and the result after it (see Sql.lookAhead): each part newest first from its
    // index, as deep as that reaches, merged.
    private List<MessageView> pageOf(List<Part> parts, Map<String, Object> params, PageRequest page) {
        params.put("depth", page.offset() + Sql.lookAhead(page));
        params.put("limit", Sql.lookAhead(page));
        params.put("offset", page.offset());
        var union = new ArrayList<String>();
        for (var part : parts) {
            union.add("(" + part.select() + " where " + part.where() + " order by " + part.order() + " limit :depth)");
        }
        return jdbc.sql("select * from (" + String.join("\nunion all\n", union)
                        + ") m order by ts desc, sort_id desc limit :limit offset :offset")
                .params(params)
                .query(EnquirySearch::row)
                .list();
    }

    // Trigram matches come in no time order, so each part's matches (at most Sql.KEPT) are kept once and
    // both the count and the page are taken from them, rather than fetching every candidate twice; a part
    // with more matches reads as any other search (docs/design/reads.md, "Comment text").
    private Page<MessageView> searchText(
            List<Part> parts, List<String> fromWheres, Map<String, Object> params, PageRequest page) {
        var matched = new HashMap<>(params);
        matched.put("cap", Sql.KEPT);
        matched.put("depth", page.offset() + page.size());
        matched.put("limit", page.size());
        matched.put("offset", page.offset());
        var ctes = new ArrayList<String>();
        var counts = new ArrayList<String>();
        var pages = new ArrayList<String>();
        for (int i = 0; i < parts.size(); i++) {
            var part = parts.get(i);
            var key = part.key();
            var matches = i > 0 && part.ownWhere() != null
                    ? "select r.updated_at as key_ts, r.id as key_id from enquiry_response r join m0 on r.enquiry_id = m0.key_id"
                            + " where " + part.ownWhere()
                    : "select " + key + ".updated_at as key_ts, " + key + ".id as key_id from " + part.from()
                            + " where " + part.where();
            ctes.add("m" + i + " as materialized (" + matches + " limit :cap)");
            counts.add("(select count(*) from m" + i + ") as n" + i);
            pages.add("(select " + part.columns() + " from (select key_ts, key_id from m" + i
                    + " order by key_ts desc, key_id desc limit :depth) k join " + part.table() + " on " + key
                    + ".id = k.key_id"
                    + part.joins() + ")");
        }
        var counted = new long[parts.size()];
        var rows = jdbc
                .sql(
                        "with " + String.join(",\n", ctes) + "\nselect c.*, p.* from (select "
                                + String.join(", ", counts)
                                + ") c left join lateral (select * from (" + String.join("\nunion all\n", pages)
                                + ") u order by ts desc, sort_id desc limit :limit offset :offset) p on true order by p.ts desc, p.sort_id desc")
                .params(matched)
                .query((rs, n) -> {
                    for (int i = 0; i < counted.length; i++) {
                        counted[i] = rs.getLong("n" + i);
                    }
                    return rs.getObject("request_id") == null ? null : row(rs, n);
                })
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
        // With a part's matches all kept, the answers read as the enquiries' were all theirs too: the count is
        // exact. Otherwise (more matches than a search keeps) the total is estimated and the page read as any other.
        boolean complete = Arrays.stream(counted).allMatch(count -> count < Sql.KEPT);
        var total = Sql.total(jdbc, Arrays.stream(counted).sum(), complete, fromWheres, params);
        if (complete) {
            Window.require(page, total);
            return new Page<>(rows, page.page(), page.size(), total.value());
        }
        return paged(parts, params, page, total);
    }

    // One kind of message the search reads: its columns, the table of its key (key: its alias)
    // with the joins its columns need, what it is counted from, its filter, and the order its index
    // yields. ownWhere, when given, is an answer part's filter on the answer alone, for reading
    // it from the enquiries matched.
    private record Part(
            String columns,
            String table,
            String joins,
            String key,
            String from,
            String where,
            String order,
            String ownWhere) {

        String select() {
            return "select " + columns + " from " + table + joins;
        }
    }

    private static List<Part> parts(Caller caller, SearchCriteria c, Map<String, Object> params) {
        params.put("me", caller.eic().value());
        params.put("commodity", caller.commodity().name());
        var party = caller.side() == Side.SENDER ? "sender_eic" : "receiver_eic";
        var parts = new ArrayList<Part>();
        if (!c.onlyAnswers()) {
            var enquiryFilter = new StringBuilder(carriedFilter("e", c, params)).append(enquiryOnlyFilter(c, params));
            parts.add(new Part(
                    """
                    e.id as request_id, null::uuid as response_id, e.updated_at as ts, e.id as sort_id,
                           e.sender_eic, e.receiver_eic, e.meter_eic, e.customer_eic, e.topic, e.reference_type,
                           e.reference_value, e.status, e.request_comment, null::text as response_comment, e.due_at""",
                    "enquiry e",
                    "",
                    "e",
                    "enquiry e",
                    "e." + party + " = :me and e.commodity = :commodity" + enquiryFilter,
                    "e.updated_at desc, e.id desc",
                    null));
        }
        // Answers carry their enquiry's parties, customer and meter: filtered on those alone, they are read
        // and counted from their own indexes, newest first, and joined to their enquiries only for the
        // page's columns; a filter on another field of the enquiry needs the join.
        var answerFilter = new StringBuilder("r." + party + " = :me and r.commodity = :commodity")
                .append(carriedFilter("r", c, params));
        c.responseId().ifPresent(id -> {
            answerFilter.append(" and r.id = :responseId");
            params.put("responseId", id.value());
        });
        c.responseComment().ifPresent(text -> {
            answerFilter.append(" and r.response_comment ilike :responseComment");
            params.put("responseComment", "%" + Like.escape(text) + "%");
        });
        var enquiryOnly = enquiryOnlyFilter(c, params);
        parts.add(new Part(
                """
                e.id as request_id, r.id as response_id, r.updated_at as ts, r.id as sort_id,
                       e.sender_eic, e.receiver_eic, e.meter_eic, e.customer_eic, e.topic, e.reference_type,
                       e.reference_value, e.status, e.request_comment, r.response_comment, e.due_at""",
                "enquiry_response r",
                " join enquiry e on e.id = r.enquiry_id",
                "r",
                enquiryOnly.isEmpty()
                        ? "enquiry_response r"
                        : "enquiry_response r join enquiry e on e.id = r.enquiry_id",
                answerFilter + enquiryOnly,
                "r.updated_at desc, r.id desc",
                // With the enquiries read too (no answer's own field filtered), the enquiries matched are theirs.
                parts.isEmpty() ? null : answerFilter.toString()));
        return parts;
    }

    // The filters on what an answer carries of its enquiry (its id, parties, customer and meter), on table.
    private static String carriedFilter(String table, SearchCriteria c, Map<String, Object> params) {
        var sql = new StringBuilder();
        Sql.equal(
                sql,
                params,
                table.equals("r") ? "r.enquiry_id" : "e.id",
                "requestId",
                c.requestId().map(EnquiryId::value));
        Sql.equal(sql, params, table + ".sender_eic", "sender", c.sender().map(Eic::value));
        Sql.equal(sql, params, table + ".receiver_eic", "receiver", c.receiver().map(Eic::value));
        Sql.equal(sql, params, table + ".meter_eic", "meter", c.meter().map(Eic::value));
        Sql.equal(sql, params, table + ".customer_eic", "customer", c.customer().map(Eic::value));
        return sql.toString();
    }

    // The filters on the enquiry's other fields, which only the enquiry has.
    private static String enquiryOnlyFilter(SearchCriteria c, Map<String, Object> params) {
        var sql = new StringBuilder();
        Sql.equal(sql, params, "e.topic", "topic", c.topic().map(Enum::name));
        Sql.equal(
                sql,
                params,
                "e.reference_type",
                "referenceType",
                c.referenceType().map(Enum::name));
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
        return new MessageView(
                new EnquiryId(rs.getObject("request_id", UUID.class)),
                Optional.ofNullable(rs.getObject("response_id", UUID.class)).map(AnswerId::new),
                rs.getTimestamp("ts").toInstant(),
                new Eic(rs.getString("sender_eic")),
                new Eic(rs.getString("receiver_eic")),
                new Eic(rs.getString("meter_eic")),
                new Eic(rs.getString("customer_eic")),
                Topic.valueOf(rs.getString("topic")),
                Optional.ofNullable(referenceType)
                        .map(type -> new Reference(
                                ReferenceType.valueOf(type), EnquiryRepository.uncheckedString(rs, "reference_value"))),
                RequestStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("request_comment")),
                Optional.ofNullable(rs.getString("response_comment")),
                rs.getTimestamp("due_at").toInstant());
    }
}
