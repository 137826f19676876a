package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.ChangeReason;
import ee.datahub.enquiryhub.enquiry.Refused;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.feed.FeedRow;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.platform.HubTime;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the change feed into instant emails. Each followed stream has a cursor (the v2 feed's kind);
 * following it, a new enquiry (on a receiver's stream) or a new answer (on a supplier's) becomes one
 * message for each person whose preference in that context wanted it when the change was stamped,
 * and whose address was confirmed when it was written. The messages and the moved cursor commit together, under the
 * stream's row lock (other instances skip it meanwhile); a unique index keeps one message per change and person.
 */
@Component
class MailFollower {

    private static final Logger log = LoggerFactory.getLogger(MailFollower.class);
    // Changes read at once, and the most one stream's turn takes before others get theirs.
    private static final int READ = 100;

    private static final int ROUNDS = 5;

    private final JdbcClient jdbc;
    private final ChangeFeed feed;
    private final TransactionTemplate transactions;

    MailFollower(JdbcClient jdbc, ChangeFeed feed, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Follows these streams as far as they go now (each a bounded turn); how many messages that made. */
    int follow(Collection<String> streams) {
        int made = 0;
        for (var stream : streams) {
            made += transactions.execute(status -> followOne(stream));
        }
        return made;
    }

    private record Followed(String streamKey, Eic participant, MarketRole role, Commodity commodity, String cursor) {}

    private int followOne(String streamKey) {
        var followed = jdbc.sql("select * from mail_stream where stream_key = ? for update skip locked")
                .param(streamKey)
                .query((rs, n) -> new Followed(
                        rs.getString("stream_key"),
                        new Eic(rs.getString("participant_eic")),
                        MarketRole.valueOf(rs.getString("role")),
                        Commodity.valueOf(rs.getString("commodity")),
                        rs.getString("cursor")))
                .optional();
        if (followed.isEmpty()) {
            return 0;
        }
        var s = followed.get();
        var cursor = s.cursor();
        int made = 0;
        for (int round = 0; round < ROUNDS; round++) {
            java.util.List<ChangeFeed.Numbered> changes;
            try {
                changes = feed.following(s.participant(), s.role(), s.commodity(), Optional.of(cursor), READ);
            } catch (Refused refused) {
                // Not followed for longer than the feed keeps changes (no instance sent mail that long).
                log.warn(
                        "Mail: stream {} was not followed within the feed's retention; following it from now on",
                        streamKey);
                cursor = feed.endCursor(s.participant(), s.role(), s.commodity());
                break;
            }
            for (var change : changes) {
                var kind = kindOf(change.change(), s.role());
                if (kind.isPresent()) {
                    made += queue(streamKey, change, kind.get());
                }
                cursor = change.cursor();
            }
            if (changes.size() < READ) {
                break;
            }
        }
        jdbc.sql("update mail_stream set cursor = ?, updated_at = now() where stream_key = ?")
                .params(cursor, streamKey)
                .update();
        return made;
    }

    /** The instant email a change of a stream followed in this role tells of, if any. */
    static Optional<Kind> kindOf(FeedRow change, MarketRole role) {
        if (change.reason() != ChangeReason.CREATE) {
            return Optional.empty();
        }
        if (role == MarketRole.OPEN_SUPPLIER) {
            return change.answer().isPresent() ? Optional.of(Kind.ANSWER) : Optional.empty();
        }
        return change.answer().isEmpty() ? Optional.of(Kind.NEW_ENQUIRY) : Optional.empty();
    }

    // One message per person whose preference in a context of this stream wanted this kind when it was stamped.
    private int queue(String streamKey, ChangeFeed.Numbered change, Kind kind) {
        var since = kind == Kind.NEW_ENQUIRY ? "p.new_enquiries_since" : "p.answers_since";
        var row = change.change();
        return jdbc.sql("""
                insert into mail_message (id, subject, kind, participant_eic, role, commodity, stream_key, stream_seq,
                                          enquiry_id, response_id, status, next_attempt_at, created_at)
                select gen_random_uuid(), subject, :kind, participant_eic, role, commodity, :stream, :seq,
                       :enquiry, cast(:answer as uuid), 'PENDING', now(), now()
                  from (select distinct on (p.subject) p.subject, p.participant_eic, p.role, p.commodity
                          from mail_preference p join mail_address a on a.subject = p.subject and a.confirmed_at <= :written
                         where p.stream_key = :stream and %s <= :stamped
                         order by p.subject, p.role, p.participant_eic) wanted
                on conflict do nothing
                """.formatted(since))
                .param("kind", kind.name())
                .param("stream", streamKey)
                .param("seq", change.number())
                .param("enquiry", row.enquiry().id().value())
                .param(
                        "answer",
                        row.answer().map(AnswerId::value).map(Object::toString).orElse(null))
                .param("stamped", HubTime.db(row.timestamp()))
                .param("written", HubTime.db(row.enquiry().updatedAt()))
                .update();
    }
}
