package ee.datahub.enquiryhub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hub operator's CSV import takes what spreadsheets write — a byte-order mark, {@code ;} between
 * values, quoted values, columns in another order — reports every bad row with its line, code and
 * message and then imports nothing, checks that grid operators receive in the row's commodity, and
 * imports 100 000 rows in one request.
 */
class MeteringPointImportTest extends HubApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSpreadsheetsSemicolonSeparatedQuotedFileWithAByteOrderMarkIsImported() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY", "NATURAL_GAS"));
        var first = Eics.meteringPoint();
        var second = Eics.meteringPoint();
        var csv = "\uFEFF\"commodity\";\"meterEic\";\"gridOperatorEic\"\r\n"
                + "\"ELECTRICITY\";\"" + first + "\";\"" + grid.eic() + "\"\r\n"
                + "\r\n"
                + "NATURAL_GAS ; " + second + " ; " + grid.eic() + "\r\n";
        var imported = upload(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as("%s", imported).isEqualTo(200);
        assertThat(imported.json().get("imported").intValue()).isEqualTo(2);
        assertThat(operatorOf(first)).isEqualTo(grid.eic());
        assertThat(jdbc.sql("select commodity from metering_point where eic = ?")
                        .param(second)
                        .query(String.class)
                        .single())
                .isEqualTo("NATURAL_GAS");
    }

    @Test
    void everyBadRowIsReportedWithItsLineCodeAndMessageAndNothingIsImported() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var supplier = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var good = Eics.meteringPoint();
        var duplicate = Eics.meteringPoint();
        var wrongCheck = good.substring(0, 15) + (good.charAt(15) == 'A' ? 'B' : 'A');
        var csv = String.join(
                "\n",
                "meterEic,gridOperatorEic,commodity",
                good + "," + grid.eic() + ",ELECTRICITY",
                wrongCheck + "," + grid.eic() + ",ELECTRICITY",
                duplicate + "," + grid.eic() + ",ELECTRICITY",
                Eics.meteringPoint() + "," + grid.eic() + ",WATER",
                Eics.meteringPoint() + "," + supplier.eic() + ",ELECTRICITY",
                Eics.meteringPoint() + "," + Eics.party() + ",ELECTRICITY",
                "\"" + Eics.meteringPoint() + "\"," + grid.eic(),
                duplicate + "," + grid.eic() + ",ELECTRICITY",
                Eics.meteringPoint() + "," + grid.eic() + ",NATURAL_GAS");
        var refused = upload(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        var errors = refused.json().get("errors").valueStream().toList();
        assertThat(errors).extracting(e -> e.get("line").intValue()).containsExactly(3, 5, 6, 7, 8, 9, 10);
        assertThat(errors)
                .extracting(e -> e.get("code").stringValue())
                .containsExactly(
                        "opp.error.validation.invalid-eic-check-character",
                        "opp.error.validation.invalid-enum",
                        "opp.error.business.unknown-market-participant",
                        "opp.error.business.unknown-market-participant",
                        "opp.error.validation.invalid-value",
                        "opp.error.validation.invalid-value",
                        "opp.error.business.unknown-market-participant");
        assertThat(errors)
                .allSatisfy(e -> assertThat(e.get("message").stringValue())
                        .startsWith("line " + e.get("line").intValue() + ": "));
        assertThat(errors.get(4).get("message").stringValue()).contains("3 values");
        assertThat(errors.get(5).get("message").stringValue()).contains("already on line 4");
        assertThat(refused.json().get("badRows").intValue()).isEqualTo(7);
        assertThat(refused.code())
                .as("the first bad row, at the top")
                .isEqualTo("opp.error.validation.invalid-eic-check-character");
        assertThat(refused.json().get("traceId").stringValue()).matches("[0-9a-f]{32}");
        assertThat(operatorOf(good)).as("nothing was imported").isNull();
    }

    @Test
    void aFileThatIsNotUtf8OrHasNoHeaderIsRefusedWhole() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var latin1 = ("meterEic,gridOperatorEic,commodity\n" + Eics.meteringPoint() + "," + grid.eic()
                        + ",ELECTRICITY\n# ä\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        var notUtf8 = upload(latin1);
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.errorMessage()).contains("UTF-8");
        var noHeader =
                upload((Eics.meteringPoint() + "," + grid.eic() + ",ELECTRICITY\n").getBytes(StandardCharsets.UTF_8));
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(noHeader.json().get("errors").get(0).get("line").intValue()).isEqualTo(1);
        assertThat(upload(new byte[0]).status()).isEqualTo(400);
    }

    @Test
    void oneHundredThousandRowsAreImportedInOneRequest() {
        var grid = hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"));
        var csv = new StringBuilder("meterEic;gridOperatorEic;commodity\n");
        var meters = new java.util.HashSet<String>();
        while (meters.size() < 100_000) {
            meters.add(Eics.meteringPoint());
        }
        meters.forEach(meter -> csv.append(meter).append(';').append(grid.eic()).append(";ELECTRICITY\n"));
        var imported = upload(csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as("%s", imported).isEqualTo(200);
        assertThat(imported.json().get("imported").intValue()).isEqualTo(100_000);
        assertThat(jdbc.sql("select count(*) from metering_point where grid_operator_eic = ?")
                        .param(grid.eic())
                        .query(Integer.class)
                        .single())
                .isEqualTo(100_000);
    }

    private String operatorOf(String meter) {
        return jdbc.sql("select grid_operator_eic from metering_point where eic = ?")
                .param(meter)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private Response upload(byte[] csv) {
        try {
            var request = HttpRequest.newBuilder(URI.create(hub.baseUrl() + "/api/operator/metering-points/import"))
                    .header("Authorization", "Bearer " + hub.token(Party.HUB_OPERATOR))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(csv))
                    .build();
            var raw = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(raw.statusCode(), raw);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
