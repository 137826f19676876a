package ee.datahub.enquiryhub.enquiry;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.platform.HubTime;
import ee.datahub.enquiryhub.support.HubApiTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gauges' open and overdue counts, read in pieces of the open enquiries' index, agree with one count
 * over every open enquiry, whatever the size of the pieces: enquiries sent in one request share their due
 * time, so pieces end in the middle of equal due times, and the id that ends the key keeps every one
 * counted once.
 */
class OpenCountPiecesTest extends HubApiTest {

    @Autowired
    AnswerTimes answerTimes;

    @Autowired
    JdbcClient jdbc;

    @Test
    void piecesOfAnySizeCountWhatOneStatementCounts() {
        var supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY", "NATURAL_GAS")),
                "OPEN_SUPPLIER",
                "ELECTRICITY");
        var gridA = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY", "NATURAL_GAS"));
        var gridB = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meterA = hub.registerMeteringPoint(gridA, "ELECTRICITY");
        var gasMeterA = hub.registerMeteringPoint(gridA, "NATURAL_GAS");
        var meterB = hub.registerMeteringPoint(gridB, "ELECTRICITY");
        // Five and four enquiries in one request each: equal creation and due times.
        assertThat(supplier.create(
                                anEnquiry().about(meterA),
                                anEnquiry().about(meterA),
                                anEnquiry().about(meterA),
                                anEnquiry().about(meterA),
                                anEnquiry().about(meterA))
                        .status())
                .isEqualTo(201);
        assertThat(supplier.create(
                                anEnquiry().about(meterB),
                                anEnquiry().about(meterB),
                                anEnquiry().about(meterB),
                                anEnquiry().about(meterB))
                        .status())
                .isEqualTo(201);
        var gas = supplier.actingAs("OPEN_SUPPLIER", "NATURAL_GAS");
        assertThat(gas.create(anEnquiry().about(gasMeterA), anEnquiry().about(gasMeterA))
                        .status())
                .isEqualTo(201);
        var answered = supplier.send(anEnquiry().about(meterA));
        assertThat(hub.as(gridA, "GRID_OPERATOR", "ELECTRICITY")
                        .answer(answered, "CLOSE", "done")
                        .status())
                .isEqualTo(201);
        supplier.send(anEnquiry().about(meterB));
        // Three of grid operator A's enquiries and two of B's past due, with equal due times too.
        jdbc.sql("""
                update enquiry set due_at = now() - interval '1 day'
                 where id in (select id from enquiry where receiver_eic = ? and status = 'OPEN' and commodity = 'ELECTRICITY' limit 3)
                """).param(gridA.eic()).update();
        jdbc.sql("""
                update enquiry set due_at = now() - interval '1 day'
                 where id in (select id from enquiry where receiver_eic = ? and status = 'OPEN' limit 2)
                """).param(gridB.eic()).update();

        var now = Instant.now();
        var receivers = List.of(gridA.eic(), gridB.eic());
        var exact = jdbc.sql("""
                select receiver_eic, commodity, count(*), count(*) filter (where due_at < ?)
                  from enquiry where status = 'OPEN' and receiver_eic = any(?) group by 1, 2
                """)
                .param(HubTime.db(now))
                .param(receivers.toArray(String[]::new))
                .query((rs, n) ->
                        Map.entry(rs.getString(1) + "/" + rs.getString(2), List.of(rs.getLong(3), rs.getLong(4))))
                .list();
        assertThat(exact)
                .as("the data set: open and overdue per receiver and commodity")
                .containsExactlyInAnyOrder(
                        Map.entry(gridA.eic() + "/ELECTRICITY", List.of(5L, 3L)),
                        Map.entry(gridA.eic() + "/NATURAL_GAS", List.of(2L, 0L)),
                        Map.entry(gridB.eic() + "/ELECTRICITY", List.of(5L, 2L)));

        for (int piece : new int[] {1, 2, 3, 4, 5, 7, AnswerTimes.OPEN_COUNT_PIECE}) {
            assertThat(byKey(answerTimes.openCounts(now, piece, receivers)))
                    .as("in pieces of %d", piece)
                    .isEqualTo(exact.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }
    }

    private static Map<String, List<Long>> byKey(List<AnswerTimes.OpenCount> counts) {
        var map = new HashMap<String, List<Long>>();
        counts.forEach(c -> map.put(
                c.tags().stream()
                                .filter(t -> t.getKey().equals("receiver"))
                                .findFirst()
                                .orElseThrow()
                                .getValue() + "/"
                        + c.tags().stream()
                                .filter(t -> t.getKey().equals("commodity"))
                                .findFirst()
                                .orElseThrow()
                                .getValue(),
                List.of(c.open(), c.overdue())));
        return map;
    }
}
