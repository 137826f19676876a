package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.access.Side;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issues v2 feed cursors the way the hub does (with its own cursor key, read from its database), for
 * positions no client could be handed today: one whose stamp lies beyond the retention, for instance.
 * Uses the hub's own {@link FeedCursor}, so that the tests do not copy its format.
 */
public final class FeedCursors {

    private FeedCursors() {}

    /**
     * A cursor of the stream that a participant reads in this role's side and commodity: a supplier
     * ({@code readerSide} SENDER) reads what receivers wrote, a grid operator (RECEIVER) what senders wrote.
     */
    public static String issue(
            JdbcClient jdbc, String readerEic, Side readerSide, String commodity, long seq, Instant stamp) {
        var key = jdbc.sql("select value from hub_secret where name = 'feed-cursor'")
                .query(byte[].class)
                .single();
        var stream = new Stream(Eic.parse(readerEic), readerSide.other(), Commodity.valueOf(commodity));
        return new FeedCursor(seq, stamp).encode(stream, key);
    }
}
