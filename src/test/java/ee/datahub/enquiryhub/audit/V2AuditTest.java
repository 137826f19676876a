package ee.datahub.enquiryhub.audit;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.V2Actor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API v2's reads and writes reach the audit log (spec §9): one entry per request, naming the
 * enquiries and answers it returned or changed; a write's entry commits in the write's own
 * transaction; a replayed write's entry names what the first one did. No personal data goes there.
 */
@ExtendWith(OutputCaptureExtension.class)
class V2AuditTest extends HubApiTest {

    private static final String BASE = V2Actor.BASE;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RefusalCounts refusals;

    private V2Actor supplier;
    private V2Actor grid;
    private String meter;
    private String customer;
    private String comment;

    @BeforeEach
    void freshParties() {
        supplier = hub.v2(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.v2(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        customer = Eics.party();
        comment = "Personal detail " + UUID.randomUUID();
    }

    @Test
    void everyV2MessageIsAuditedOnceWithWhoWhatAndWhichIds(CapturedOutput output) {
        var supplierCursor = supplier.follow(null).cursor();
        var gridCursor = grid.follow(null).cursor();

        var create = traced();
        var created = supplier.create(
                anEnquiry().about(meter).forCustomer(customer).comment(comment).json(), create.header());
        var id = UUID.fromString(created.json().get("id").stringValue());
        var answer = traced();
        var answered = grid.answer(id.toString(), "OPEN", "Answer: " + comment, answer.header());
        var answerId = UUID.fromString(
                answered.json().get("responses").get(0).get("id").stringValue());
        var change = traced();
        assertThat(supplier.change(id.toString(), object("requestComment", "Changed: " + comment), change.header())
                        .status())
                .isEqualTo(200);
        var changeAnswer = traced();
        assertThat(grid.changeAnswer(
                                id.toString(),
                                answerId.toString(),
                                object("requestStatus", "CLOSE"),
                                changeAnswer.header())
                        .status())
                .isEqualTo(200);
        var read = traced();
        assertThat(supplier.get(id.toString(), read.header()).status()).isEqualTo(200);
        var notModified = traced();
        var etag = supplier.get(id.toString()).header("ETag");
        assertThat(grid.get(id.toString(), Map.of("If-None-Match", etag, "x-b3-traceid", notModified.id()))
                        .status())
                .isEqualTo(304);
        // The feed shows a change once the stamper has stamped it: wait for them before the audited reads.
        var gridEnd = grid.follow(gridCursor, 2).cursor();
        supplier.follow(supplierCursor, 2);
        var list = traced();
        assertThat(grid.request("GET", BASE + "?customerEic=" + customer, null, list.header())
                        .status())
                .isEqualTo(200);
        var gridChanges = traced();
        assertThat(grid.request("GET", BASE + "/changes?after=" + gridCursor, null, gridChanges.header())
                        .json()
                        .get("content"))
                .hasSize(2);
        var supplierChanges = traced();
        assertThat(supplier.request("GET", BASE + "/changes?after=" + supplierCursor, null, supplierChanges.header())
                        .json()
                        .get("content"))
                .hasSize(2);
        var waiting = traced();
        assertThat(grid.request("GET", BASE + "/changes?wait=1&after=" + gridEnd, null, waiting.header())
                        .json()
                        .get("content"))
                .isEmpty();

        var createEntry = single(create);
        assertThat(createEntry.clientId()).contains(supplier.party().clientId());
        assertThat(createEntry.participant()).contains(supplier.party().eic());
        assertThat(createEntry.role()).contains("OPEN_SUPPLIER");
        assertThat(createEntry.commodity()).contains("ELECTRICITY");
        assertThat(createEntry.action()).isEqualTo("POST /api/v2/direct-messages");
        assertThat(createEntry.enquiryIds()).containsExactly(id);
        assertThat(createEntry.answerIds()).isEmpty();
        assertThat(createEntry.httpStatus()).isEqualTo(201);
        assertThat(createEntry.errorCode()).isEmpty();

        // Every answer that carries the enquiry's representation names the answers in it too.
        assertEntry(change, "PUT /api/v2/direct-messages/{id}", 200, List.of(id), List.of(answerId));
        assertEntry(answer, "POST /api/v2/direct-messages/{id}/responses", 201, List.of(id), List.of(answerId));
        assertThat(single(answer).role()).contains("GRID_OPERATOR");
        assertEntry(
                changeAnswer,
                "PUT /api/v2/direct-messages/{id}/responses/{responseId}",
                200,
                List.of(id),
                List.of(answerId));
        assertEntry(read, "GET /api/v2/direct-messages/{id}", 200, List.of(id), List.of(answerId));
        assertEntry(notModified, "GET /api/v2/direct-messages/{id}", 304, List.of(id), List.of(answerId));
        assertEntry(list, "GET /api/v2/direct-messages", 200, List.of(id), List.of(answerId));
        // The grid operator's feed returns the supplier's change, whose snapshot shows the answer.
        assertEntry(gridChanges, "GET /api/v2/direct-messages/changes", 200, List.of(id), List.of(answerId));
        assertEntry(supplierChanges, "GET /api/v2/direct-messages/changes", 200, List.of(id), List.of(answerId));
        assertEntry(waiting, "GET /api/v2/direct-messages/changes", 200, List.of(), List.of());

        assertThat(auditLog.forEnquiry(id))
                .extracting(AuditEntry::traceId)
                .contains(
                        create.id(),
                        change.id(),
                        answer.id(),
                        changeAnswer.id(),
                        read.id(),
                        notModified.id(),
                        list.id(),
                        gridChanges.id(),
                        supplierChanges.id());
        var everything = jdbc.sql("select string_agg(row_to_json(a)::text, '') from audit_entry a")
                .query(String.class)
                .single();
        assertThat(everything).doesNotContain(comment).doesNotContain(customer);
        assertThat(output.getAll()).doesNotContain(comment).doesNotContain(customer);
    }

    @Test
    void refusedRequestsAreAuditedWithTheirErrorCodeAndTokenlessOnesCounted(CapturedOutput output) {
        var badCustomer = customer.substring(0, 15) + (customer.charAt(15) == 'A' ? 'B' : 'A');
        var invalid = traced();
        assertThat(supplier.create(
                                anEnquiry()
                                        .about(meter)
                                        .forCustomer(badCustomer)
                                        .comment(comment)
                                        .json(),
                                invalid.header())
                        .status())
                .isEqualTo(400);
        var unknown = UUID.randomUUID();
        var notFound = traced();
        assertThat(supplier.get(unknown.toString(), notFound.header()).status()).isEqualTo(404);
        refusals.flush();
        var anonymousBefore = refusedWithoutToken();
        var anonymous = traced();
        var noToken = new HashMap<String, String>(anonymous.header());
        noToken.put("Authorization", null);
        assertThat(supplier.request("GET", BASE, null, noToken).status()).isEqualTo(401);

        var invalidEntry = single(invalid);
        assertThat(invalidEntry.httpStatus()).isEqualTo(400);
        assertThat(invalidEntry.errorCode()).contains("opp.error.validation.invalid-eic-check-character");
        assertThat(invalidEntry.action()).isEqualTo("POST /api/v2/direct-messages");
        var notFoundEntry = single(notFound);
        assertThat(notFoundEntry.httpStatus()).isEqualTo(404);
        assertThat(notFoundEntry.errorCode()).contains("opp.error.business.direct-message-not-found");
        refusals.flush();
        assertThat(refusedWithoutToken() - anonymousBefore)
                .as("a request without a token is counted, not written one by one")
                .isEqualTo(1);
        assertThat(auditLog.forTrace(anonymous.id())).isEmpty();
        assertThat(output.getAll())
                .contains(invalid.id())
                .doesNotContain(comment)
                .doesNotContain(badCustomer.substring(0, 15));
    }

    @Test
    void aWritesEntryCommitsInTheWritesOwnTransaction() {
        var create = traced();
        var documentId = UUID.randomUUID();
        var created = supplier.create(
                anEnquiry().about(meter).json(),
                Map.of("x-b3-traceid", create.id(), "x-document-identification", documentId.toString()));
        var id = UUID.fromString(created.json().get("id").stringValue());
        var createEntry = transactionOf("audit_entry", "trace_id", create.id());
        assertThat(createEntry)
                .as("the entry exists when the answer arrives, written by the write's own transaction")
                .isEqualTo(transactionOf("enquiry", "id", id))
                .isEqualTo(transactionOf("idempotent_request", "document_id", documentId));

        var answer = traced();
        var answered = grid.answer(id.toString(), "OPEN", "Looking into it", answer.header());
        var answerId = UUID.fromString(
                answered.json().get("responses").get(0).get("id").stringValue());
        assertThat(transactionOf("audit_entry", "trace_id", answer.id()))
                .isEqualTo(transactionOf("enquiry_response", "id", answerId))
                .isEqualTo(transactionOf("enquiry", "id", id));

        var refused = traced();
        var refusedDocument = UUID.randomUUID();
        assertThat(supplier.change(
                                id.toString(),
                                object("requestComment", "x"),
                                Map.of(
                                        "x-b3-traceid",
                                        refused.id(),
                                        "If-Match",
                                        "\"1\"",
                                        "x-document-identification",
                                        refusedDocument.toString()))
                        .status())
                .isEqualTo(412);
        assertThat(transactionOf("audit_entry", "trace_id", refused.id()))
                .as("a refusal and its recorded outcome commit together")
                .isEqualTo(transactionOf("idempotent_request", "document_id", refusedDocument));
    }

    @Test
    void aReplayedWritesEntryNamesWhatTheFirstWriteDid() {
        var id = supplier.send(anEnquiry().about(meter)).get("id").stringValue();
        var documentId = UUID.randomUUID().toString();
        var first = traced();
        var answered = grid.answer(
                id,
                "OPEN",
                "Looking into it",
                Map.of("x-b3-traceid", first.id(), "x-document-identification", documentId));
        var answerId = UUID.fromString(
                answered.json().get("responses").get(0).get("id").stringValue());
        var replay = traced();
        var again = grid.answer(
                id,
                "OPEN",
                "Looking into it",
                Map.of("x-b3-traceid", replay.id(), "x-document-identification", documentId));
        assertThat(again.body()).isEqualTo(answered.body());

        assertEntry(
                replay,
                "POST /api/v2/direct-messages/{id}/responses",
                201,
                List.of(UUID.fromString(id)),
                List.of(answerId));

        var createDocument = UUID.randomUUID().toString();
        var firstCreate = traced();
        var createdId = UUID.fromString(supplier.create(
                        anEnquiry().about(meter).json(),
                        Map.of("x-b3-traceid", firstCreate.id(), "x-document-identification", createDocument))
                .json()
                .get("id")
                .stringValue());
        var createReplay = traced();
        supplier.create(
                anEnquiry().about(meter).json(),
                Map.of("x-b3-traceid", createReplay.id(), "x-document-identification", createDocument));
        assertEntry(createReplay, "POST /api/v2/direct-messages", 201, List.of(createdId), List.of());

        var refusedDocument = UUID.randomUUID().toString();
        var unregistered = anEnquiry().about(Eics.meteringPoint()).json();
        supplier.create(unregistered, Map.of("x-document-identification", refusedDocument));
        var refusedReplay = traced();
        supplier.create(
                unregistered, Map.of("x-b3-traceid", refusedReplay.id(), "x-document-identification", refusedDocument));
        var refusedEntry = single(refusedReplay);
        assertThat(refusedEntry.httpStatus()).isEqualTo(422);
        assertThat(refusedEntry.errorCode()).contains("opp.error.business.direct-message-receiver-cannot-be-resolved");
    }

    private record Trace(String id) {
        Map<String, String> header() {
            return Map.of("x-b3-traceid", id);
        }
    }

    private static Trace traced() {
        return new Trace(UUID.randomUUID().toString().replace("-", ""));
    }

    private long refusedWithoutToken() {
        return jdbc.sql("select coalesce(sum(requests), 0) from refusal_count where source_address = '127.0.0.1'"
                        + " and error_code = 'opp.error.technical.authentication'")
                .query(Long.class)
                .single();
    }

    private AuditEntry single(Trace trace) {
        var entries = auditLog.forTrace(trace.id());
        assertThat(entries).as("audit entries of trace %s", trace.id()).hasSize(1);
        return entries.getFirst();
    }

    private void assertEntry(Trace trace, String action, int status, List<UUID> enquiries, List<UUID> answers) {
        var entry = single(trace);
        assertThat(entry.action()).as("action of %s", action).isEqualTo(action);
        assertThat(entry.httpStatus()).as("status of %s", action).isEqualTo(status);
        assertThat(entry.enquiryIds()).as("enquiries of %s", action).containsExactlyElementsOf(enquiries);
        assertThat(entry.answerIds()).as("answers of %s", action).containsExactlyElementsOf(answers);
        assertThat(entry.errorCode()).as("error of %s", action).isEmpty();
    }

    // The transaction that wrote the row (PostgreSQL's xmin): rows written by one transaction share it.
    private String transactionOf(String table, String column, Object value) {
        return jdbc.sql("select xmin::text from " + table + " where " + column + " = ?")
                .param(value)
                .query(String.class)
                .single();
    }
}
