package ee.datahub.enquiryhub.audit;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.HubApiTest;
import java.time.Instant;
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
 * Every access to enquiry data reaches the audit log (who, role, what, which ids, outcome, trace id),
 * and no personal data — customer EICs, comment text — reaches the logs or the audit log.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditAndLogsTest extends HubApiTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RefusalCounts refusals;

    private Actor supplier;
    private Actor grid;
    private String meter;
    private String customer;
    private String comment;

    @BeforeEach
    void freshParties() {
        supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        customer = Eics.party();
        comment = "Personal detail " + UUID.randomUUID();
    }

    @Test
    void everyReadAndWriteOfAnEnquiryIsAuditedWithWhoWhatAndWhich(CapturedOutput output) {
        var start = Instant.now().toString();
        var createTrace = trace();
        var created = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                EnquiryJson.createBody(
                                supplier.context(),
                                List.of(anEnquiry()
                                        .about(meter)
                                        .forCustomer(customer)
                                        .comment(comment)))
                        .toString(),
                Map.of("x-b3-traceid", createTrace));
        assertThat(created.status()).isEqualTo(201);
        var id = UUID.fromString(created.id());

        var scanTrace = trace();
        var scan = hub.v1(
                "POST",
                "/api/v1/direct-messages/change",
                grid.party(),
                object("marketParticipantContext", grid.context(), "updatePeriodStart", start)
                        .toString(),
                Map.of("x-b3-traceid", scanTrace));
        assertThat(scan.json()).hasSize(1);
        var answerId = UUID.fromString(grid.answerId(id.toString(), "OPEN", "Answer " + comment));
        var searchTrace = trace();
        var search = hub.v1(
                "POST",
                "/api/v1/direct-messages/search",
                supplier.party(),
                object(
                                "marketParticipantContext",
                                supplier.context(),
                                "directMessageAttributes",
                                object("customerEic", customer))
                        .toString(),
                Map.of("x-b3-traceid", searchTrace));
        assertThat(search.json()).hasSize(2);

        var createEntry = single(createTrace);
        assertThat(createEntry.clientId()).contains(supplier.party().clientId());
        assertThat(createEntry.participant()).contains(supplier.party().eic());
        assertThat(createEntry.role()).contains("OPEN_SUPPLIER");
        assertThat(createEntry.commodity()).contains("ELECTRICITY");
        assertThat(createEntry.action()).isEqualTo("POST /api/v1/direct-messages");
        assertThat(createEntry.enquiryIds()).containsExactly(id);
        assertThat(createEntry.httpStatus()).isEqualTo(201);
        assertThat(createEntry.errorCode()).isEmpty();

        var scanEntry = single(scanTrace);
        assertThat(scanEntry.participant()).contains(grid.party().eic());
        assertThat(scanEntry.role()).contains("GRID_OPERATOR");
        assertThat(scanEntry.action()).isEqualTo("POST /api/v1/direct-messages/change");
        assertThat(scanEntry.enquiryIds()).containsExactly(id);

        var searchEntry = single(searchTrace);
        assertThat(searchEntry.enquiryIds()).containsExactly(id);
        assertThat(searchEntry.answerIds()).containsExactly(answerId);

        assertThat(auditLog.forEnquiry(id))
                .extracting(AuditEntry::action)
                .contains(
                        "POST /api/v1/direct-messages", "POST /api/v1/direct-messages/change",
                        "POST /api/v1/direct-messages/response", "POST /api/v1/direct-messages/search");
        var who = jdbc.sql("""
                select distinct a.participant_eic from audit_entry a join enquiry e on e.id = any(a.enquiry_ids)
                 where e.customer_eic = ? and a.action like '%search' or e.customer_eic = ? and a.action like '%change'
                """).params(customer, customer).query(String.class).list();
        assertThat(who)
                .as("who read enquiries about this customer")
                .containsExactlyInAnyOrder(supplier.party().eic(), grid.party().eic());

        var everything = jdbc.sql("select string_agg(row_to_json(a)::text, '') from audit_entry a")
                .query(String.class)
                .single();
        assertThat(everything).doesNotContain(comment).doesNotContain(customer);
        assertThat(output.getAll()).doesNotContain(comment).doesNotContain(customer);
    }

    @Test
    void refusedRequestsAreAuditedWithTheirErrorCodeAndTheirTraceIdIsLogged(CapturedOutput output) {
        var trace = trace();
        var refused = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                EnquiryJson.createBody(
                                supplier.context(),
                                List.of(anEnquiry()
                                        .about(meter)
                                        .forCustomer(
                                                customer.substring(0, 15) + (customer.charAt(15) == 'A' ? 'B' : 'A'))
                                        .comment(comment)))
                        .toString(),
                Map.of("x-b3-traceid", trace));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("cause").get("traceId").stringValue()).isEqualTo(trace);

        var entry = single(trace);
        assertThat(entry.httpStatus()).isEqualTo(400);
        assertThat(entry.errorCode()).contains("opp.error.validation.invalid-eic-check-character");
        assertThat(output.getAll()).contains(trace).doesNotContain(comment).doesNotContain(customer.substring(0, 15));
    }

    @Test
    void requestsThatNeverAuthenticatedAreCountedPerSourceAndMinuteNotWrittenOneByOne(CapturedOutput output) {
        refusals.flush();
        var before = refused("opp.error.technical.authentication") + refused("opp.error.technical.jwt-format");
        var traces = new java.util.ArrayList<String>();
        for (int i = 0; i < 30; i++) {
            var trace = trace();
            traces.add(trace);
            var anonymous = hub.request(
                    "POST",
                    "/api/v1/direct-messages/search",
                    Map.of(
                            "Content-Type",
                            "application/json",
                            "x-b3-traceid",
                            trace,
                            "Authorization",
                            i % 2 == 0 ? "Bearer garbage" : "Basic x"),
                    "{}");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.json().get("cause").get("traceId").stringValue())
                    .isEqualTo(trace);
        }
        refusals.flush();

        assertThat(refused("opp.error.technical.authentication") + refused("opp.error.technical.jwt-format") - before)
                .as("every refusal is counted")
                .isEqualTo(30);
        assertThat(traces).allSatisfy(trace -> {
            assertThat(auditLog.forTrace(trace))
                    .as("no audit row per unauthenticated request")
                    .isEmpty();
            assertThat(output.getAll())
                    .as("no log line per unauthenticated request")
                    .doesNotContain(trace);
        });
    }

    @Test
    void eachRequestHasTheHubsOwnRequestIdBesideTheCallersTraceIdWhichIsKeptOnlyWhenWellFormed(CapturedOutput output) {
        var trace = trace();
        var first = hub.v1(
                "POST",
                "/api/v1/direct-messages/search",
                supplier.party(),
                object("marketParticipantContext", supplier.context()).toString(),
                Map.of("x-b3-traceid", trace));
        var second = hub.v1(
                "POST",
                "/api/v1/direct-messages/search",
                supplier.party(),
                object("marketParticipantContext", supplier.context()).toString(),
                Map.of("x-b3-traceid", trace));
        var firstId = first.header("x-request-id");
        var secondId = second.header("x-request-id");
        assertThat(firstId).matches("[0-9a-f]{32}").isNotEqualTo(secondId);
        assertThat(auditLog.forTrace(trace)).as("a caller may reuse a trace id").hasSize(2);
        var entry = auditLog.forRequest(firstId);
        assertThat(entry).singleElement().satisfies(e -> {
            assertThat(e.traceId()).isEqualTo(trace);
            assertThat(e.sourceAddress()).contains("127.0.0.1");
            assertThat(e.clientId()).contains(supplier.party().clientId());
        });

        var malformed = "NOT-A-TRACE-ID-'; drop table x";
        var refused = hub.v1(
                "POST", "/api/v1/direct-messages/search", supplier.party(), "{", Map.of("x-b3-traceid", malformed));
        assertThat(refused.status()).isEqualTo(400);
        var ownTrace = refused.json().get("cause").get("traceId").stringValue();
        assertThat(ownTrace).matches("[0-9a-f]{32}");
        assertThat(auditLog.forRequest(refused.header("x-request-id")))
                .singleElement()
                .satisfies(e -> assertThat(e.traceId()).isEqualTo(ownTrace));
        assertThat(output.getAll())
                .as("its log line carries both ids")
                .contains(ownTrace + " " + refused.header("x-request-id"));
    }

    @Test
    void theRegisterAndTechnicalUserCallsAreAuditedToo() {
        var trace = trace();
        var registered = hub.request(
                "POST",
                "/api/operator/metering-points",
                Map.of(
                        "Authorization",
                        "Bearer " + hub.token(ee.datahub.enquiryhub.support.Party.HUB_OPERATOR),
                        "Content-Type",
                        "application/json",
                        "x-b3-traceid",
                        trace),
                object(
                                "eic",
                                Eics.meteringPoint(),
                                "gridOperatorEic",
                                grid.party().eic(),
                                "commodity",
                                "ELECTRICITY")
                        .toString());
        assertThat(registered.status()).isEqualTo(201);
        var entry = single(trace);
        assertThat(entry.clientId()).contains("hub-operator");
        assertThat(entry.action()).isEqualTo("POST /api/operator/metering-points");
        assertThat(entry.httpStatus()).isEqualTo(201);

        var deniedTrace = trace();
        var denied = hub.request(
                "GET",
                "/api/operator/participants",
                Map.of("Authorization", "Bearer " + hub.token(supplier.party()), "x-b3-traceid", deniedTrace),
                null);
        assertThat(denied.status()).isEqualTo(403);
        var deniedEntry = single(deniedTrace);
        assertThat(deniedEntry.clientId()).contains(supplier.party().clientId());
        assertThat(deniedEntry.errorCode()).contains("opp.error.business.insufficient-permission");
    }

    private long refused(String code) {
        return jdbc.sql(
                        "select coalesce(sum(requests), 0) from refusal_count where source_address = '127.0.0.1' and error_code = ?")
                .param(code)
                .query(Long.class)
                .single();
    }

    private AuditEntry single(String trace) {
        var entries = auditLog.forTrace(trace);
        assertThat(entries).as("audit entries of trace %s", trace).hasSize(1);
        return entries.getFirst();
    }

    private static String trace() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
