package ee.datahub.enquiryhub.feed;

import ee.datahub.enquiryhub.platform.HubTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stamps committed change rows with strictly increasing times, in commit order.
 *
 * <p>Writers insert their change rows unstamped, in their own transactions, concurrently. A stamping
 * run locks the single {@code feed_clock} row (so one run at a time across all hub instances), sees
 * only rows already committed, gives them times above every earlier stamp and commits. A scanner
 * therefore sees either all rows of a run or none of them, and every later run's stamps are higher:
 * a client resuming from the last stamp it saw can never miss a row, however long a writer kept its
 * transaction open (its row is stamped only after it commits).
 */
@Component
class FeedSequencer {

    /** The most rows one run stamps; a larger backlog takes several runs. */
    private static final int BATCH = 5000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FeedSequencer(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Stamps every change committed before this call; returns how many rows it stamped. */
    int stampCommitted() {
        int total = 0;
        while (hasPending()) {
            Integer stamped = transactions.execute(status -> stampBatch());
            total += stamped;
            if (stamped < BATCH) {
                break;
            }
        }
        return total;
    }

    private boolean hasPending() {
        return jdbc.sql("select exists (select 1 from feed_change where stamped_at is null)").query(Boolean.class).single();
    }

    private int stampBatch() {
        var last = jdbc.sql("select last_stamp from feed_clock where id = 1 for update")
                .query(Timestamp.class).single().toInstant();
        var now = HubTime.now(clock);
        var first = now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
        var rows = jdbc.sql("""
                with pending as (
                    select seq from feed_change where stamped_at is null order by seq limit :batch
                ), numbered as (
                    select seq, row_number() over (order by seq) - 1 as n from pending
                )
                update feed_change f
                   set stamped_at = cast(:first as timestamptz) + numbered.n * interval '1 microsecond'
                  from numbered where f.seq = numbered.seq
                """)
                .param("batch", BATCH)
                .param("first", HubTime.db(first))
                .update();
        if (rows > 0) {
            jdbc.sql("""
                    update feed_clock set last_stamp = cast(:first as timestamptz) + (:rows - 1) * interval '1 microsecond'
                     where id = 1
                    """)
                    .param("first", HubTime.db(first))
                    .param("rows", rows)
                    .update();
        }
        return rows;
    }
}
