package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.audit.AuditEvent;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.eic.EicType;
import ee.datahub.enquiryhub.eic.InvalidEicException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports metering points from CSV as spreadsheets write it (UTF-8, optional byte-order mark, {@code ,}
 * or {@code ;} as the header uses, quotes, blank lines ignored) with the columns {@value #HEADER} in any
 * order. All rows or none: every bad row is reported with its line and {@link RegisterRefusal}, and then
 * nothing is imported; the rows are checked and written in one query each, so 100 000 take seconds.
 */
@Service
public class MeteringPointImport {

    static final String HEADER = "meterEic,gridOperatorEic,commodity";
    static final int MAX_ROWS = 100_000;
    /** The most bad rows one report lists (the count says how many there were). */
    static final int MAX_REPORTED = 1_000;

    private static final List<String> COLUMNS = List.of("metereic", "gridoperatoreic", "commodity");

    private final ParticipantRegister register;
    private final JdbcClient jdbc;

    MeteringPointImport(ParticipantRegister register, JdbcClient jdbc) {
        this.register = register;
        this.jdbc = jdbc;
    }

    /** What an import did: the rows read, the points imported (0 when any row was bad) and every bad row. */
    public record Report(int rows, int imported, int badRows, List<RowError> errors) {

        public boolean accepted() {
            return badRows == 0;
        }
    }

    /** One bad row: its line in the file (from 1, the header being line 1) and what is wrong with it. */
    public record RowError(long line, RegisterRefusal problem) {}

    @Transactional
    public Report importCsv(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return refused(0, new RowError(1, new RegisterRefusal.ImportNotText()));
        }
        return importCsv(text);
    }

    @Transactional
    public Report importCsv(String csv) {
        var text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        var lines = new LineNumbers(text);
        var headerLine =
                text.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
        char delimiter = count(headerLine, ';') > count(headerLine, ',') ? ';' : ',';
        var format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        var errors = new ArrayList<RowError>();
        int bad = 0;
        int read = 0;
        var points = new ArrayList<Row>();
        Map<String, Long> firstLineOf = new HashMap<>();
        int[] column = null;
        try (var parser = format.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                long line = lines.of(record.getCharacterPosition());
                if (column == null) {
                    column = header(record);
                    if (column == null) {
                        return refused(0, new RowError(line, new RegisterRefusal.ImportHeader(HEADER)));
                    }
                    continue;
                }
                if (read++ >= MAX_ROWS) {
                    return refused(read, new RowError(line, new RegisterRefusal.ImportTooLong(MAX_ROWS)));
                }
                var problem = check(record, column, line, firstLineOf, points);
                if (problem != null) {
                    bad++;
                    if (errors.size() < MAX_REPORTED) {
                        errors.add(problem);
                    }
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException malformed) {
            bad++;
            errors.add(new RowError(lines.lastLine(), new RegisterRefusal.ImportUnreadable()));
        }
        if (column == null) {
            return refused(0, new RowError(1, new RegisterRefusal.ImportEmpty(HEADER)));
        }
        bad += checkOperators(points, errors);
        if (bad > 0) {
            errors.sort(java.util.Comparator.comparingLong(RowError::line));
            return new Report(read, 0, bad, List.copyOf(errors));
        }
        // One statement for every row; it may take longer than a request's usual statement timeout.
        jdbc.sql("set local statement_timeout = '120s'").update();
        register.registerAll(points.stream().map(Row::point).toList());
        AuditEvent.of("METERING_POINTS_IMPORTED", "count", points.size()).record();
        return new Report(read, points.size(), 0, List.of());
    }

    private record Row(long line, MeteringPoint point) {}

    private static Report refused(int rows, RowError error) {
        return new Report(rows, 0, 1, List.of(error));
    }

    // The position of each column in the header record, or null when the header is not the expected one.
    private static int[] header(CSVRecord record) {
        var names = record.stream()
                .map(name -> name.replace(" ", "").toLowerCase(Locale.ROOT))
                .toList();
        if (names.size() != COLUMNS.size() || !names.containsAll(COLUMNS)) {
            return null;
        }
        return COLUMNS.stream().mapToInt(names::indexOf).toArray();
    }

    private static RowError check(
            CSVRecord record, int[] column, long line, Map<String, Long> firstLineOf, List<Row> points) {
        if (record.size() != COLUMNS.size()) {
            return new RowError(line, new RegisterRefusal.RowValues(HEADER, record.size()));
        }
        var meter = record.get(column[0]);
        var operator = record.get(column[1]);
        var commodity = record.get(column[2]);
        Eic meterEic;
        Eic operatorEic;
        try {
            meterEic = Eic.parse(meter, EicType.METERING_POINT);
        } catch (InvalidEicException e) {
            return new RowError(line, new RegisterRefusal.RowEic("meterEic", e));
        }
        try {
            operatorEic = Eic.parse(operator, EicType.PARTY);
        } catch (InvalidEicException e) {
            return new RowError(line, new RegisterRefusal.RowEic("gridOperatorEic", e));
        }
        Commodity parsed;
        try {
            parsed = Commodity.valueOf(commodity);
        } catch (IllegalArgumentException e) {
            return new RowError(line, new RegisterRefusal.RowCommodity(commodity));
        }
        var earlier = firstLineOf.putIfAbsent(meterEic.value(), line);
        if (earlier != null) {
            return new RowError(line, new RegisterRefusal.RowRepeated(meterEic, earlier));
        }
        points.add(new Row(line, new MeteringPoint(meterEic, operatorEic, parsed)));
        return null;
    }

    // Every grid operator must be registered and receive enquiries in the row's commodity: one query for all.
    private int checkOperators(List<Row> rows, List<RowError> errors) {
        var operators = register.findAll(
                rows.stream().map(row -> row.point().gridOperator()).toList());
        int bad = 0;
        for (var row : rows) {
            var point = row.point();
            var operator = operators.get(point.gridOperator());
            RegisterRefusal problem = operator == null
                    ? new RegisterRefusal.UnknownGridOperator(point.gridOperator())
                    : operator.receivesEnquiriesIn(point.commodity())
                            ? null
                            : new RegisterRefusal.NotGridOperator(point.gridOperator(), point.commodity());
            if (problem != null) {
                bad++;
                if (errors.size() < MAX_REPORTED) {
                    errors.add(new RowError(row.line(), problem));
                }
            }
        }
        return bad;
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    // Line numbers (from 1) of character positions in the text.
    private static final class LineNumbers {
        private final int[] starts;
        private long last = 1;

        LineNumbers(String text) {
            var found = new ArrayList<Integer>();
            found.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    found.add(i + 1);
                }
            }
            starts = found.stream().mapToInt(Integer::intValue).toArray();
        }

        long of(long position) {
            int index = Arrays.binarySearch(starts, (int) position);
            last = index >= 0 ? index + 1 : -index - 1;
            return last;
        }

        long lastLine() {
            return last;
        }
    }
}
