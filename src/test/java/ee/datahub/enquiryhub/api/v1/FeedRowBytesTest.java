package ee.datahub.enquiryhub.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.feed.FeedPagesBefore;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.feed.SampleThreads;
import ee.datahub.enquiryhub.feed.SampleThreads.Sample;
import ee.datahub.enquiryhub.feed.StoredSnapshots;
import ee.datahub.enquiryhub.platform.HubTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** v1 change rows written from the stored snapshot's text are the bytes the tree-built rows were. */
class FeedRowBytesTest {

    // As V1Exchange.page writes the rows.
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Sample> samples() {
        return SampleThreads.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aChangeRowIsTheSameBytesAsBefore(Sample sample) {
        assertThat(page(List.of(sample))).isEqualTo(before(List.of(sample)));
    }

    @Test
    void aPageOfEveryKindOfChangeIsTheSameBytesAsBefore() {
        var all = SampleThreads.all();
        assertThat(page(all)).isEqualTo(before(all)).contains("responseComment", "reference", "\\u0001", "😀");
    }

    /** The search writes the same row, without the reason: a change to one writer that the other misses fails here. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aChangeRowIsTheSearchRowOfItsMessageWithTheReason(Sample sample) {
        var change = change(sample);
        var rows = JSON.createArrayNode();
        ResultRows.add(rows, change.message());
        var timestamp = "\"timestamp\":\"" + HubTime.format(change.timestamp()) + "\"";
        var searchRow = JSON.writeValueAsString(rows);
        assertThat(searchRow).contains(timestamp);
        assertThat(page(List.of(sample)))
                .isEqualTo(searchRow.replace(
                        timestamp,
                        timestamp + ",\"reason\":\"" + change.reason().name() + "\""));
    }

    private static String page(List<Sample> samples) {
        var rows = JSON.createArrayNode();
        samples.forEach(s -> ResultRows.add(rows, change(s)));
        return JSON.writeValueAsString(rows);
    }

    private static String before(List<Sample> samples) {
        return FeedPagesBefore.v1Page(samples.stream()
                .map(s -> FeedPagesBefore.change(s.stored(), s.answer(), s.reason(), s.timestamp()))
                .toList());
    }

    private static FeedRow change(Sample s) {
        return StoredSnapshots.change(s.stored(), s.answer(), s.reason(), s.timestamp());
    }
}
