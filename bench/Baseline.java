import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The bare baseline of the benchmark (docs/benchmark.md): the SQL of one create — the four inserts the
 * hub's create makes (enquiry, feed_outbox, idempotent_request, audit_entry) in one transaction, one
 * commit — behind the JDK's own HTTP server, with 16 JDBC connections (one per request thread). No
 * framework, no security, no JSON: what any server that stores a create durably must at least pay.
 *
 * <p>{@code Baseline PORT JDBC_URL THREADS}; answers {@code POST /create} with 201 and the new id, {@code GET /ready}
 * with 200. It writes as a supplier and to a receiver of its own, which no measured read looks at.
 */
public class Baseline {

    /** The statements the hub's create runs (EnquiryRepository, ChangeFeed, RecordedOutcomes, AuditLog), in its order. */
    static final String ENQUIRY = """
            insert into enquiry (id, commodity, sender_eic, receiver_eic, receiver_given, meter_eic, customer_eic, topic,
                                 reference_type, reference_value, status, request_comment, answered, version, created_at,
                                 updated_at, due_at, final_answer_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    static final String OUTBOX = """
            insert into feed_outbox (reason, author_side, audience_eic, commodity, enquiry_id, response_id, snapshot)
            values (?, ?, ?, ?, ?, ?, cast(? as jsonb))
            """;
    static final String OUTCOME = """
            insert into idempotent_request (caller_key, document_id, path_template, request_hash, status,
                                            response_body, response_headers, response_document_id, created_at,
                                            enquiry_ids, response_ids, error_code)
            values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, cast(? as uuid[]), cast(? as uuid[]), ?)
            on conflict do nothing
            """;
    static final String AUDIT = """
            insert into audit_entry (at, trace_id, request_id, source_address, client_id, participant_eic, role,
                                     commodity, action, enquiry_ids, response_ids, http_status, error_code)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(string_to_array(?, ',') as uuid[]),
                    cast(string_to_array(?, ',') as uuid[]), ?, ?)
            """;
    static final String COMMENT = "The customer disputes the network fee of the last invoice and asks for the meter"
            + " readings it was based on.";
    static final String HASH = "5f1d0c3f0f3c4d8e9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f";

    /** One request thread's connection and prepared statements. */
    record Session(Connection connection, PreparedStatement enquiry, PreparedStatement outbox, PreparedStatement outcome,
            PreparedStatement audit) {

        static Session open(String url) throws SQLException {
            var connection = DriverManager.getConnection(url, "postgres", "");
            connection.setAutoCommit(false);
            return new Session(connection, connection.prepareStatement(ENQUIRY), connection.prepareStatement(OUTBOX),
                    connection.prepareStatement(OUTCOME), connection.prepareStatement(AUDIT));
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String url = args[1];
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        var parties = Seed.eics("38XBASELN", 6, 2);
        String sender = parties.get(0);
        String receiver = parties.get(1);
        var sessions = ThreadLocal.withInitial(() -> {
            try {
                return Session.open(url);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/create", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                var documentId = exchange.getRequestHeaders().getFirst("x-document-identification");
                String answer;
                try {
                    answer = "\"" + create(sessions.get(), sender, receiver,
                            documentId == null ? UUID.randomUUID() : UUID.fromString(documentId)) + "\"";
                } catch (SQLException | RuntimeException e) {
                    var message = e.toString().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(500, message.length);
                    exchange.getResponseBody().write(message);
                    return;
                }
                var bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (IOException e) {
                // the client went away
            }
        });
        server.start();
        System.out.println("baseline listening on 127.0.0.1:" + port + " with " + threads + " threads");
    }

    static UUID create(Session s, String sender, String receiver, UUID documentId) throws SQLException {
        var id = UUID.randomUUID();
        var now = Timestamp.from(Instant.now());
        var due = Timestamp.from(Instant.now().plusSeconds(14 * 86400));
        try {
            var e = s.enquiry();
            e.setObject(1, id);
            e.setString(2, "ELECTRICITY");
            e.setString(3, sender);
            e.setString(4, receiver);
            e.setBoolean(5, false);
            e.setString(6, "38ZGO-1000002U-9");
            e.setString(7, "38X-AVP-ZW6700C6");
            e.setString(8, "INVOICE");
            e.setString(9, "INVOICE");
            e.setString(10, "BENCH-00000001");
            e.setString(11, "OPEN");
            e.setString(12, COMMENT);
            e.setBoolean(13, false);
            e.setLong(14, 1);
            e.setTimestamp(15, now);
            e.setTimestamp(16, now);
            e.setTimestamp(17, due);
            e.setTimestamp(18, null);
            e.executeUpdate();
            var o = s.outbox();
            o.setString(1, "CREATE");
            o.setString(2, "SENDER");
            o.setString(3, receiver);
            o.setString(4, "ELECTRICITY");
            o.setObject(5, id);
            o.setObject(6, null);
            o.setString(7, snapshot(id, sender, receiver, now.toInstant()));
            o.executeUpdate();
            var r = s.outcome();
            r.setString(1, sender);
            r.setObject(2, documentId);
            r.setString(3, "POST /api/v1/direct-messages");
            r.setString(4, HASH);
            r.setInt(5, 201);
            r.setString(6, "\"" + id + "\"");
            r.setString(7, "{}");
            r.setObject(8, UUID.randomUUID());
            r.setTimestamp(9, now);
            r.setString(10, "{" + id + "}");
            r.setString(11, "{}");
            r.setString(12, null);
            r.executeUpdate();
            var a = s.audit();
            a.setTimestamp(1, now);
            a.setString(2, UUID.randomUUID().toString().replace("-", ""));
            a.setString(3, UUID.randomUUID().toString().replace("-", ""));
            a.setString(4, "127.0.0.1");
            a.setString(5, "baseline");
            a.setString(6, sender);
            a.setString(7, "OPEN_SUPPLIER");
            a.setString(8, "ELECTRICITY");
            a.setString(9, "POST /api/v1/direct-messages");
            a.setString(10, id.toString());
            a.setString(11, "");
            a.setInt(12, 201);
            a.setString(13, null);
            a.executeUpdate();
            s.connection().commit();
            return id;
        } catch (SQLException | RuntimeException e) {
            s.connection().rollback();
            throw e;
        }
    }

    /** The thread as the hub's feed keeps it (feed.SnapshotCodec), about as long. */
    static String snapshot(UUID id, String sender, String receiver, Instant at) {
        return "{\"id\":\"" + id + "\",\"version\":1,\"commodity\":\"ELECTRICITY\",\"sender\":\"" + sender
                + "\",\"receiver\":\"" + receiver + "\",\"meter\":\"38ZGO-1000002U-9\",\"customer\":\"38X-AVP-ZW6700C6\","
                + "\"topic\":\"INVOICE\",\"referenceType\":\"INVOICE\",\"referenceValue\":\"BENCH-00000001\","
                + "\"status\":\"OPEN\",\"comment\":\"" + COMMENT + "\",\"createdAt\":\"" + at + "\",\"updatedAt\":\"" + at
                + "\",\"dueAt\":\"" + at.plusSeconds(14 * 86400) + "\",\"answers\":[]}";
    }
}
