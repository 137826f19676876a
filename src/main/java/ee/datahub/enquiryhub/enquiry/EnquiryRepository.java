package ee.datahub.enquiryhub.enquiry;

import ee.datahub.enquiryhub.access.Caller;
import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.platform.HubTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Enquiries and answers in PostgreSQL. Reads for writing take row locks; writes check versions. */
@Repository
class EnquiryRepository {

    static final String ENQUIRY_COLUMNS = """
            id, commodity, sender_eic, receiver_eic, receiver_given, meter_eic, customer_eic, topic, reference_type,
            reference_value, status, request_comment, answered, version, created_at, updated_at, due_at, final_answer_at
            """;

    private static final String ANSWER_COLUMNS =
            "id, enquiry_id, author_eic, status, response_comment, version, created_at, updated_at";

    private final JdbcClient jdbc;

    EnquiryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks and loads an enquiry the caller sees from its side, in its commodity. */
    Optional<Enquiry> lockVisible(Caller caller, EnquiryId id) {
        return visible(caller, id, " for update");
    }

    /** Loads an enquiry the caller sees from its side, in its commodity, without locking it. */
    Optional<Enquiry> findVisible(Caller caller, EnquiryId id) {
        return visible(caller, id, "");
    }

    private Optional<Enquiry> visible(Caller caller, EnquiryId id, String lock) {
        var party = caller.side() == Side.SENDER ? "sender_eic" : "receiver_eic";
        return jdbc.sql("select " + ENQUIRY_COLUMNS + " from enquiry where id = ? and commodity = ? and " + party
                        + " = ?" + lock)
                .params(id.value(), caller.commodity().name(), caller.eic().value())
                .query(EnquiryRepository::enquiry)
                .optional();
    }

    /** The enquiry an answer belongs to, if the answer exists and was written by this author (no lock). */
    Optional<EnquiryId> enquiryOfAnswer(AnswerId answerId, Eic author) {
        return jdbc.sql("select enquiry_id from enquiry_response where id = ? and author_eic = ?")
                .params(answerId.value(), author.value())
                .query(UUID.class)
                .optional()
                .map(EnquiryId::new);
    }

    Optional<Answer> answer(AnswerId answerId) {
        return jdbc.sql("select " + ANSWER_COLUMNS + " from enquiry_response where id = ?")
                .param(answerId.value())
                .query(EnquiryRepository::answer)
                .optional();
    }

    /** The answers of several enquiries, each enquiry's in the order they were first written. */
    java.util.Map<EnquiryId, List<Answer>> answersOf(java.util.Collection<EnquiryId> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc
                .sql("select " + ANSWER_COLUMNS + " from enquiry_response where enquiry_id = any(?)"
                        + " order by enquiry_id, created_at, id")
                .param(ids.stream().map(EnquiryId::value).toArray(UUID[]::new))
                .query(EnquiryRepository::answer)
                .list()
                .stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        a -> a.enquiryId, java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
    }

    /** The answers of an enquiry in the order they were first written. */
    List<Answer> answersOf(EnquiryId id) {
        return jdbc.sql("select " + ANSWER_COLUMNS
                        + " from enquiry_response where enquiry_id = ? order by created_at, id")
                .param(id.value())
                .query(EnquiryRepository::answer)
                .list();
    }

    void insert(Enquiry e) {
        jdbc.sql("insert into enquiry (" + ENQUIRY_COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(
                        List.<Object>of(e.id.value(), e.commodity.name(), e.sender.value()),
                        e,
                        HubTime.db(e.createdAt),
                        HubTime.db(e.updatedAt),
                        HubTime.db(e.dueAt),
                        e.finalAnswerAt.map(HubTime::db).orElse(null)))
                .update();
    }

    /** Writes back a changed enquiry; {@code expectedVersion} is the version it was loaded with. */
    void update(Enquiry e, long expectedVersion) {
        int rows = jdbc.sql("""
                update enquiry set receiver_eic = ?, receiver_given = ?, meter_eic = ?, customer_eic = ?, topic = ?,
                       reference_type = ?, reference_value = ?, status = ?, request_comment = ?, answered = ?,
                       version = ?, updated_at = ?, final_answer_at = ?
                 where id = ? and version = ?
                """)
                .params(values(
                        List.of(),
                        e,
                        HubTime.db(e.updatedAt),
                        e.finalAnswerAt.map(HubTime::db).orElse(null),
                        e.id.value(),
                        expectedVersion))
                .update();
        requireOneRow(rows, "enquiry", e.id);
    }

    // before, the columns a write may change (receiver to version, in this order), then after.
    private static List<Object> values(List<Object> before, Enquiry e, Object... after) {
        var values = new ArrayList<Object>(before);
        values.addAll(Arrays.asList(
                e.receiver.value(),
                e.receiverGiven,
                e.meter.value(),
                e.customer.value(),
                e.topic.name(),
                e.reference.map(r -> r.type().name()).orElse(null),
                e.reference.map(Reference::value).orElse(null),
                e.status.name(),
                e.comment.orElse(null),
                e.answered,
                e.version));
        values.addAll(Arrays.asList(after));
        return values;
    }

    /**
     * Inserts an answer; it carries its enquiry's sender, receiver, commodity, customer and meter for the
     * search's indexes (a trigger keeps the customer and meter equal to the enquiry's when they change).
     */
    void insert(Answer a, Enquiry of) {
        jdbc.sql("""
                insert into enquiry_response (id, enquiry_id, author_eic, status, response_comment, version, created_at,
                                              updated_at, sender_eic, receiver_eic, commodity, customer_eic, meter_eic)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        a.id.value(),
                        a.enquiryId.value(),
                        a.author.value(),
                        a.status.name(),
                        a.comment.orElse(null),
                        a.version,
                        HubTime.db(a.createdAt),
                        HubTime.db(a.updatedAt),
                        of.sender.value(),
                        of.receiver.value(),
                        of.commodity.name(),
                        of.customer.value(),
                        of.meter.value())
                .update();
    }

    void update(Answer a, long expectedVersion) {
        int rows = jdbc.sql("""
                update enquiry_response set status = ?, response_comment = ?, version = ?, updated_at = ?
                 where id = ? and version = ?
                """)
                .params(
                        a.status.name(),
                        a.comment.orElse(null),
                        a.version,
                        HubTime.db(a.updatedAt),
                        a.id.value(),
                        expectedVersion)
                .update();
        requireOneRow(rows, "answer", a.id);
    }

    private static void requireOneRow(int rows, String what, Object id) {
        if (rows != 1) {
            // Cannot happen while writers hold the enquiry's row lock; never overwrite silently if it does.
            throw new IllegalStateException("concurrent update of " + what + " " + id);
        }
    }

    static Enquiry enquiry(ResultSet rs, int row) throws SQLException {
        var referenceType = rs.getString("reference_type");
        return new Enquiry(
                new EnquiryId(rs.getObject("id", UUID.class)),
                Commodity.valueOf(rs.getString("commodity")),
                new Eic(rs.getString("sender_eic")),
                new Eic(rs.getString("receiver_eic")),
                rs.getBoolean("receiver_given"),
                new Eic(rs.getString("meter_eic")),
                new Eic(rs.getString("customer_eic")),
                Topic.valueOf(rs.getString("topic")),
                Optional.ofNullable(referenceType)
                        .map(type ->
                                new Reference(ReferenceType.valueOf(type), uncheckedString(rs, "reference_value"))),
                RequestStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("request_comment")),
                rs.getBoolean("answered"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getTimestamp("due_at").toInstant(),
                Optional.ofNullable(rs.getTimestamp("final_answer_at")).map(java.sql.Timestamp::toInstant));
    }

    private static Answer answer(ResultSet rs, int row) throws SQLException {
        return new Answer(
                new AnswerId(rs.getObject("id", UUID.class)),
                new EnquiryId(rs.getObject("enquiry_id", UUID.class)),
                new Eic(rs.getString("author_eic")),
                RequestStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("response_comment")),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    static String uncheckedString(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
