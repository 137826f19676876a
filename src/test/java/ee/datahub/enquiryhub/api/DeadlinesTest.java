package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.enquiry.AnswerDeadlines;
import ee.datahub.enquiryhub.enquiry.AnswerTimes;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Answer deadlines over HTTP: every enquiry carries its due time (v2 representation, v1 search rows),
 * lists filter overdue enquiries, and answer statistics (API v2, the hub operator's API, Prometheus)
 * agree with figures computed by hand for a known set of enquiries.
 */
class DeadlinesTest extends HubApiTest {

    @Autowired
    AnswerDeadlines deadlines;

    @Autowired
    AnswerTimes answerTimes;

    @Autowired
    JdbcClient jdbc;

    private Party supplier;
    private Party grid;
    private String meter;

    @BeforeEach
    void freshParties() {
        supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        meter = hub.registerMeteringPoint(grid, "ELECTRICITY");
    }

    @Test
    void everyEnquiryCarriesTheTimeItsFinalAnswerIsDue() {
        var created = hub.v2(supplier, "OPEN_SUPPLIER", "ELECTRICITY")
                .send(anEnquiry().about(meter));
        var createdAt = Instant.parse(created.get("createdAt").stringValue());
        var dueAt = created.get("dueAt").stringValue();
        assertThat(Instant.parse(dueAt)).isEqualTo(deadlines.dueFor(createdAt));
        assertThat(Instant.parse(dueAt)).isAfter(createdAt.plus(Duration.ofDays(11)));

        var row = hub.as(grid, "GRID_OPERATOR", "ELECTRICITY")
                .thread(created.get("id").stringValue())
                .getFirst();
        assertThat(row.get("dueAt").stringValue())
                .as("v1 search rows show it too")
                .isEqualTo(dueAt);
    }

    @Test
    void listsFilterTheOpenEnquiriesPastTheirDueTime() {
        var v2 = hub.v2(supplier, "OPEN_SUPPLIER", "ELECTRICITY");
        var late = v2.send(anEnquiry().about(meter)).get("id").stringValue();
        var onTime = v2.send(anEnquiry().about(meter)).get("id").stringValue();
        var lateButClosed = v2.send(anEnquiry().about(meter)).get("id").stringValue();
        assertThat(v2.change(lateButClosed, object("requestStatus", "CLOSE")).status())
                .isEqualTo(200);
        jdbc.sql("update enquiry set due_at = now() - interval '1 hour' where id in (?, ?)")
                .params(UUID.fromString(late), UUID.fromString(lateButClosed))
                .update();

        var grid = hub.v2(this.grid, "GRID_OPERATOR", "ELECTRICITY");
        assertThat(ids(grid.list("overdue=true"))).containsExactly(late);
        assertThat(ids(grid.list("overdue=false"))).containsExactlyInAnyOrder(onTime, lateButClosed);
        var refused = grid.list("overdue=yes");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.args().getFirst()).isEqualTo("overdue");
    }

    @Test
    void answerStatisticsAgreeWithFiguresComputedByHand() {
        var start = OffsetDateTime.of(2026, 11, 2, 8, 0, 0, 0, ZoneOffset.UTC).toInstant();
        // Five enquiries answered finally after 1, 2, 3, 4 and 10 hours (the last one after its due time),
        // one open and past due, one open and not, and one created outside the period.
        seed(start, Duration.ofHours(1), false);
        seed(start.plusSeconds(60), Duration.ofHours(2), false);
        seed(start.plusSeconds(120), Duration.ofHours(3), false);
        seed(start.plusSeconds(180), Duration.ofHours(4), false);
        seed(start.plusSeconds(240), Duration.ofHours(10), true);
        seedOpen(start.plusSeconds(300), Instant.now().minus(Duration.ofDays(1)));
        seedOpen(start.plusSeconds(360), Instant.now().plus(Duration.ofDays(1)));
        seed(start.minus(Duration.ofDays(40)), Duration.ofHours(50), false);

        var query = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";
        var response = hub.v2(grid, "GRID_OPERATOR", "ELECTRICITY")
                .request("GET", "/api/v2/answer-statistics?" + query, null, Map.of());
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        var rows = response.json().get("statistics");
        assertThat(rows).hasSize(1);
        var row = rows.get(0);
        assertThat(row.get("receiverEic").stringValue()).isEqualTo(grid.eic());
        assertThat(row.get("enquiries").longValue()).isEqualTo(7);
        assertThat(row.get("open").longValue()).isEqualTo(2);
        assertThat(row.get("overdue").longValue()).isEqualTo(1);
        assertThat(row.get("answered").longValue()).isEqualTo(5);
        assertThat(row.get("answeredLate").longValue()).isEqualTo(1);
        // Median of 1, 2, 3, 4, 10 h: 3 h. 90th percentile (linear): 4 h + 0.6 * (10 h - 4 h) = 7.6 h.
        assertThat(row.get("medianAnswerSeconds").doubleValue()).isEqualTo(3 * 3600.0);
        assertThat(row.get("p90AnswerSeconds").doubleValue()).isEqualTo(7.6 * 3600.0);

        var supplierView = hub.v2(supplier, "OPEN_SUPPLIER", "ELECTRICITY")
                .request("GET", "/api/v2/answer-statistics?" + query, null, Map.of());
        assertThat(supplierView.json().get("statistics").get(0))
                .as("the supplier sees the same, per receiver")
                .isEqualTo(row);

        var operator = hub.call("GET", "/api/operator/answer-statistics?" + query, Party.HUB_OPERATOR, null);
        assertThat(operator.status()).isEqualTo(200);
        assertThat(operator.json()
                        .get("statistics")
                        .valueStream()
                        .filter(r -> r.get("receiverEic").stringValue().equals(grid.eic()))
                        .toList())
                .containsExactly(row);

        answerTimes.refreshMetrics();
        var metrics = hub.request("GET", "/actuator/prometheus", Map.of(), null).body();
        assertThat(metrics)
                .contains("hub_enquiries_open{commodity=\"ELECTRICITY\",receiver=\"" + grid.eic() + "\"} 2.0");
        assertThat(metrics)
                .contains("hub_enquiries_overdue{commodity=\"ELECTRICITY\",receiver=\"" + grid.eic() + "\"} 1.0");
    }

    @Test
    void aPeriodIsCheckedLikeAnyParameter() {
        var grid = hub.v2(this.grid, "GRID_OPERATOR", "ELECTRICITY");
        var backwards = grid.request(
                "GET", "/api/v2/answer-statistics?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", null, Map.of());
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.code()).isEqualTo("opp.error.validation.invalid-value");
        var tooLong = grid.request(
                "GET", "/api/v2/answer-statistics?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, Map.of());
        assertThat(tooLong.status()).isEqualTo(400);
        var unknown = grid.request("GET", "/api/v2/answer-statistics?since=2026-01-01T00:00:00Z", null, Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("opp.error.validation.unknown-field");
    }

    private void seed(Instant created, Duration answeredAfter, boolean late) {
        var due = late ? created.plus(answeredAfter).minusSeconds(1) : created.plus(Duration.ofDays(14));
        insert(created, "CLOSE", due, created.plus(answeredAfter));
    }

    private void seedOpen(Instant created, Instant due) {
        insert(created, "OPEN", due, null);
    }

    private void insert(Instant created, String status, Instant due, Instant finalAnswer) {
        jdbc.sql("""
                insert into enquiry (id, commodity, sender_eic, receiver_eic, receiver_given, meter_eic, customer_eic, topic,
                                     status, answered, version, created_at, updated_at, due_at, final_answer_at)
                values (gen_random_uuid(), 'ELECTRICITY', ?, ?, false, ?, ?, 'DATA', ?, ?, 1, ?, ?, ?, ?)
                """)
                .params(
                        supplier.eic(),
                        grid.eic(),
                        meter,
                        Party.CUSTOMER,
                        status,
                        finalAnswer != null,
                        utc(created),
                        utc(created),
                        utc(due),
                        finalAnswer == null ? null : utc(finalAnswer))
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static List<String> ids(ee.datahub.enquiryhub.support.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json()
                .get("content")
                .valueStream()
                .map(e -> e.get("id").stringValue())
                .toList();
    }
}
