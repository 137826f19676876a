package ee.datahub.enquiryhub.feed;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.feed.SampleThreads.Sample;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotTest {

    static List<Sample> samples() {
        return SampleThreads.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aStoredSnapshotReadsIntoTheSameViewAndMessageAsBefore(Sample sample) {
        var change = StoredSnapshots.change(sample.stored(), sample.answer(), sample.reason(), sample.timestamp());
        var before = FeedPagesBefore.change(sample.stored(), sample.answer(), sample.reason(), sample.timestamp());
        assertThat(change.enquiry()).isEqualTo(before.enquiry());
        assertThat(change.message()).isEqualTo(before.enquiry().message(before.answer(), before.timestamp()));
        assertThat(change.snapshot().enquiryId()).isEqualTo(before.enquiry().id());
        assertThat(change.snapshot().answers().stream()
                        .map(Snapshot.Answer::answerId)
                        .toList())
                .isEqualTo(before.enquiry().answers().stream().map(a -> a.id()).toList());
    }
}
