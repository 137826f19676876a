package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.enquiry.MessageView;
import java.time.Instant;
import java.util.Optional;

/**
 * One change: the enquiry's thread as of one write (as the feed stored it), the answer that write was
 * about (if any), why, and the feed's stamp (strictly increasing in the order changes become visible).
 * Feed pages write the change from {@link #snapshot()}'s stored text; {@link #enquiry()} reads it into
 * the domain's view.
 */
public record FeedRow(Snapshot snapshot, Optional<AnswerId> answer, ChangeReason reason, Instant timestamp) {

    /** The thread as of the write, every value checked. */
    public EnquiryView enquiry() {
        return snapshot.view();
    }

    /** The change as v1's {@code directMessageResult} row: one message, stamped with the feed's time. */
    public MessageView message() {
        return enquiry().message(answer, timestamp);
    }
}
