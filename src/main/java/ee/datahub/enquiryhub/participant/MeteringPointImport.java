package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import ee.datahub.enquiryhub.error.ErrorCode;
import ee.datahub.enquiryhub.error.HubException;
import java.util.ArrayList;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports metering points from CSV: a header {@code meterEic,gridOperatorEic,commodity}, then one
 * point per line. All lines or none; the first bad line is named in the error.
 */
@Service
public class MeteringPointImport {

    static final String HEADER = "meterEic,gridOperatorEic,commodity";
    static final int MAX_ROWS = 100_000;

    private final ParticipantRegister register;

    MeteringPointImport(ParticipantRegister register) {
        this.register = register;
    }

    @Transactional
    public int importCsv(String csv) {
        var lines = csv.strip().lines().map(String::strip).toList();
        if (lines.isEmpty() || !lines.getFirst().replace(" ", "").equalsIgnoreCase(HEADER)) {
            throw new HubException(ErrorCode.INVALID_VALUE, "The CSV must start with the header " + HEADER, "line 1");
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw new HubException(ErrorCode.MAX_LENGTH, "Import at most " + MAX_ROWS + " metering points at once", "csv",
                    String.valueOf(MAX_ROWS));
        }
        var points = new ArrayList<MeteringPoint>();
        for (int i = 1; i < lines.size(); i++) {
            var line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            var where = "line " + (i + 1);
            var cells = line.split(",", -1);
            if (cells.length != 3) {
                throw new HubException(ErrorCode.INVALID_VALUE, where + " must have 3 values: " + HEADER, where);
            }
            try {
                points.add(new MeteringPoint(Eic.parse(cells[0].strip(), EicType.METERING_POINT),
                        Eic.parse(cells[1].strip(), EicType.PARTY), Commodity.valueOf(cells[2].strip())));
            } catch (InvalidEicException e) {
                throw e.problem() == InvalidEicException.Problem.CHECK_CHARACTER
                        ? new HubException(ErrorCode.INVALID_EIC_CHECK_CHARACTER, where + ": " + e.text()
                                + " has a wrong check character (expected " + e.expected() + ")", where, e.text(), e.expected())
                        : new HubException(ErrorCode.INVALID_EIC_FORMAT, where + ": " + e.text()
                                + " is not an EIC of the right type", where, e.text());
            } catch (IllegalArgumentException e) {
                throw new HubException(ErrorCode.INVALID_ENUM, where + ": commodity must be ELECTRICITY or NATURAL_GAS",
                        where, cells[2].strip(), "ELECTRICITY or NATURAL_GAS");
            }
        }
        points.forEach(register::register);
        return points.size();
    }
}
