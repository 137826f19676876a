package ee.datahub.enquiryhub.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.feed.ChangeFeed;
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

/** v2 changes (feed pages and push deliveries) written from the stored snapshot's text are the bytes the tree-built ones were. */
class FeedChangeBytesTest {

    private static final String CURSOR = "c1.AAAAAAAAAAE.opaque-cursor_text";

    static List<Sample> samples() {
        return SampleThreads.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aChangeIsTheSameBytesAsBeforeOnAPageAndAsAPushDelivery(Sample sample) {
        var before = FeedPagesBefore.change(sample.stored(), sample.answer(), sample.reason(), sample.timestamp());
        assertThat(V2Json.changes(new ChangeFeed.Changes(List.of(change(sample)), CURSOR)))
                .isEqualTo(FeedPagesBefore.v2Page(List.of(before), CURSOR));
        assertThat(V2Representation.change(change(sample))).isEqualTo(FeedPagesBefore.v2Change(before));
    }

    /** The enquiry resource is written from the view by another writer: a change to one that the other misses fails here. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aChangesEnquiryIsTheEnquiryResourcesBytes(Sample sample) {
        var change = change(sample);
        assertThat(V2Representation.change(change))
                .isEqualTo("{\"reason\":\"" + change.reason().name()
                        + "\",\"timestamp\":\"" + HubTime.format(change.timestamp())
                        + "\",\"enquiry\":" + V2Json.enquiry(change.enquiry())
                        + change.answer()
                                .map(id -> ",\"responseId\":\"" + id + "\"")
                                .orElse("") + "}");
    }

    @Test
    void aPageOfEveryKindOfChangeIsTheSameBytesAsBefore() {
        var all = SampleThreads.all();
        var page = V2Json.changes(new ChangeFeed.Changes(
                all.stream().map(FeedChangeBytesTest::change).toList(), CURSOR));
        var before = FeedPagesBefore.v2Page(
                all.stream()
                        .map(s -> FeedPagesBefore.change(s.stored(), s.answer(), s.reason(), s.timestamp()))
                        .toList(),
                CURSOR);
        assertThat(page).isEqualTo(before).contains("responseComment", "responseId", "\\u0001", "😀", "+10000-");
    }

    @Test
    void anEmptyPageIsTheSameBytesAsBefore() {
        assertThat(V2Json.changes(new ChangeFeed.Changes(List.of(), CURSOR)))
                .isEqualTo(FeedPagesBefore.v2Page(List.of(), CURSOR));
    }

    private static FeedRow change(Sample s) {
        return StoredSnapshots.change(s.stored(), s.answer(), s.reason(), s.timestamp());
    }
}
