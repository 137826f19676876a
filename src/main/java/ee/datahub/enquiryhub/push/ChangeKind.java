package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.participant.MarketRole;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of change a subscription may ask for. A grid operator's (or closed distribution
 * network's) stream carries what suppliers wrote: enquiries created and changed (closed and cancelled
 * included); a supplier's stream carries answers and their changes. {@link #ALL} is every kind its
 * stream carries.
 */
public enum ChangeKind {
    ENQUIRY_CREATED,
    ENQUIRY_CHANGED,
    ENQUIRY_ANSWERED,
    ANSWER_CHANGED,
    ALL;

    /** The kind of a change of the feed. */
    static ChangeKind of(FeedRow change) {
        var created = change.reason() == ChangeReason.CREATE;
        if (change.answer().isPresent()) {
            return created ? ENQUIRY_ANSWERED : ANSWER_CHANGED;
        }
        return created ? ENQUIRY_CREATED : ENQUIRY_CHANGED;
    }

    /** The kinds the stream of a participant acting in this role carries. */
    public static Set<ChangeKind> carriedFor(MarketRole role) {
        return role == MarketRole.OPEN_SUPPLIER
                ? EnumSet.of(ENQUIRY_ANSWERED, ANSWER_CHANGED)
                : EnumSet.of(ENQUIRY_CREATED, ENQUIRY_CHANGED);
    }
}
