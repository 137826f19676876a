package ee.datahub.enquiryhub.audit;

import ee.datahub.enquiryhub.platform.HubTime;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log of access to enquiry data. The hub's database role may only insert and
 * read it; the table refuses updates, deletes and truncation even to its owner (V10, V13).
 */
@Service
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The width of {@code audit_entry.action}. */
    private static final int ACTION_LENGTH = 120;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Writes a request's entry inside the caller's transaction (a write's own), so that the write and
     * its entry commit together; the request's filter then writes no second one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendWithin(AuditTrail trail, String traceId, String defaultAction, int httpStatus) {
        append(trail, traceId, defaultAction, httpStatus);
        trail.markWritten();
    }

    /** Writes the trail as one entry, in the caller's transaction if there is one. */
    public void append(AuditTrail trail, String traceId, String defaultAction, int httpStatus) {
        jdbc.sql("""
                insert into audit_entry (at, trace_id, request_id, source_address, client_id, participant_eic, role,
                                         commodity, action, enquiry_ids, response_ids, http_status, error_code,
                                         kind, event, object)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(string_to_array(?, ',') as uuid[]),
                        cast(string_to_array(?, ',') as uuid[]), ?, ?, ?, ?, cast(? as jsonb))
                """)
                .params(
                        HubTime.db(clock.instant()),
                        traceId,
                        trail.requestId().orElse(null),
                        trail.sourceAddress().map(AuditLog::address).orElse(null),
                        trail.clientId().orElse(null),
                        trail.participant().orElse(null),
                        trail.role().orElse(null),
                        trail.commodity().orElse(null),
                        fitted(trail.action().orElse(defaultAction)),
                        joined(trail.enquiryIds()),
                        joined(trail.answerIds()),
                        httpStatus,
                        trail.errorCode().orElse(null),
                        trail.kind().name(),
                        trail.event().map(AuditEvent::name).orElse(null),
                        trail.event()
                                .map(event -> JSON.writeValueAsString(event.object()))
                                .orElse(null))
                .update();
    }

    /** Entries that name an enquiry, newest first: "who read or changed this enquiry". */
    public List<AuditEntry> forEnquiry(UUID enquiryId) {
        return jdbc.sql("select * from audit_entry where enquiry_ids @> array[?]::uuid[] order by id desc")
                .param(enquiryId)
                .query(AuditLog::entry)
                .list();
    }

    /** The entry of one request, by the hub's request id ({@code x-request-id}). */
    public List<AuditEntry> forRequest(String requestId) {
        return jdbc.sql("select * from audit_entry where request_id = ? order by id")
                .param(requestId)
                .query(AuditLog::entry)
                .list();
    }

    /** The entries of one request, by its trace id. */
    public List<AuditEntry> forTrace(String traceId) {
        return jdbc.sql("select * from audit_entry where trace_id = ? order by id")
                .param(traceId)
                .query(AuditLog::entry)
                .list();
    }

    /**
     * The action as the column holds it: a request refused before it reached a message (401, unknown
     * path) is named by its method and path, which the caller chooses and may make arbitrarily long.
     */
    private static String fitted(String action) {
        return action.length() <= ACTION_LENGTH ? action : action.substring(0, ACTION_LENGTH - 1) + "…";
    }

    private static String address(String address) {
        return address.length() <= 64 ? address : address.substring(0, 64);
    }

    private static String joined(List<UUID> ids) {
        return String.join(",", ids.stream().map(UUID::toString).toList());
    }

    static AuditEntry entry(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("trace_id"),
                Optional.ofNullable(rs.getString("request_id")),
                Optional.ofNullable(rs.getString("source_address")),
                Optional.ofNullable(rs.getString("client_id")),
                Optional.ofNullable(rs.getString("participant_eic")),
                Optional.ofNullable(rs.getString("role")),
                Optional.ofNullable(rs.getString("commodity")),
                rs.getString("action"),
                uuids(rs.getArray("enquiry_ids")),
                uuids(rs.getArray("response_ids")),
                rs.getInt("http_status"),
                Optional.ofNullable(rs.getString("error_code")),
                Optional.ofNullable(rs.getString("kind")).map(AuditTrail.Kind::valueOf),
                Optional.ofNullable(rs.getString("event")),
                object(rs.getString("object")));
    }

    private static Map<String, String> object(String json) {
        if (json == null) {
            return Map.of();
        }
        var object = new LinkedHashMap<String, String>();
        JSON.readTree(json)
                .properties()
                .forEach(field -> object.put(field.getKey(), field.getValue().asString()));
        return object;
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(o -> (UUID) o).toList();
    }
}
