package ee.datahub.enquiryhub.feed;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.ErrorCodes;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A database restored to an earlier point in time (docs/operations.md §11) loses the feed's changes
 * after it, and later writes take their numbers again. A v2 cursor issued after that point is refused
 * as from a restored database, before and after the numbers are taken again, where following it by
 * number would skip changes silently; a cursor from before the point carries on exactly.
 * (PointInTimeRecoveryIT does the same with a real pgBackRest restore.)
 */
class RestoredFeedCursorTest extends HubApiTest {

    @Test
    void aCursorIssuedAfterThePointRestoredToIsRefusedAndOneFromBeforeCarriesOn() throws Exception {
        var supplierParty = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var gridParty = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var meter = hub.registerMeteringPoint(gridParty, "ELECTRICITY");
        var supplier = hub.v2(supplierParty, "OPEN_SUPPLIER", "ELECTRICITY");
        var grid = hub.v2(gridParty, "GRID_OPERATOR", "ELECTRICITY");

        supplier.send(anEnquiry().about(meter).comment("kept"));
        var beforePoint = grid.follow(null, 1).cursor();
        supplier.send(anEnquiry().about(meter).comment("lost 1"));
        supplier.send(anEnquiry().about(meter).comment("lost 2"));
        var afterPoint = grid.follow(beforePoint, 2).cursor();

        restoreToTheFirstChange(gridParty);
        assertRefusedAsRestored(grid.changes(afterPoint, 100, null));
        assertThat(grid.changes(beforePoint, 100, null).json().get("content")).isEmpty();

        var resent = List.of(
                supplier.send(anEnquiry().about(meter).comment("again 1")),
                supplier.send(anEnquiry().about(meter).comment("again 2")),
                supplier.send(anEnquiry().about(meter).comment("again 3")));
        var carriedOn = grid.follow(beforePoint, 3);
        assertThat(carriedOn.changes())
                .extracting(change -> change.get("enquiry").get("id").stringValue())
                .containsExactlyElementsOf(resent.stream()
                        .map(json -> json.get("id").stringValue())
                        .toList());
        // Numbers 2 to 4 exist again: a cursor that named its change by number alone (the third) would be
        // followed to the fourth, skipping the second and third, which this client never saw.
        assertThat(streamNumbersAbove(gridParty, 3)).isEqualTo(1);
        assertRefusedAsRestored(grid.changes(afterPoint, 100, null));
        assertRefusedAsRestored(grid.changes(afterPoint, 100, 1));
    }

    private static void assertRefusedAsRestored(Response answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(ErrorCodes.INVALID_VALUE);
        assertThat(answer.args()).containsExactly("after");
        assertThat(answer.errorMessage()).contains("restored to an earlier point in time");
    }

    // What a point-in-time recovery to just after the stream's first change leaves of the stream.
    private static void restoreToTheFirstChange(Party grid) throws SQLException {
        try (var db = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + DB_PORT + "/postgres", "postgres", "");
                var delete = db.prepareStatement(
                        "delete from feed_change where audience_eic = ? and author_side = 'SENDER' and stream_seq > 1");
                var number = db.prepareStatement(
                        "update feed_stream set last_seq = 1 where audience_eic = ? and author_side = 'SENDER'")) {
            delete.setString(1, grid.eic());
            assertThat(delete.executeUpdate()).isEqualTo(2);
            number.setString(1, grid.eic());
            assertThat(number.executeUpdate()).isEqualTo(1);
        }
    }

    private static long streamNumbersAbove(Party grid, long number) throws SQLException {
        try (var db = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + DB_PORT + "/postgres", "postgres", "");
                var count = db.prepareStatement(
                        "select count(*) from feed_change where audience_eic = ? and author_side = 'SENDER' and stream_seq > ?")) {
            count.setString(1, grid.eic());
            count.setLong(2, number);
            try (var result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
