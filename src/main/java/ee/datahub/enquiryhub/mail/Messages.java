package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.platform.HubTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The emails to send and their sending log, in PostgreSQL. A message is claimed for sending with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, and whatever the sending records is conditioned on that
 * lease, so that two instances never send one message (while nothing fails). Times are the database's.
 */
@Repository
class Messages {

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A message as the sending side sees it. */
    record Stored(
            UUID id,
            String subject,
            Kind kind,
            Optional<MailContext> context,
            Optional<UUID> enquiry,
            Optional<UUID> answer,
            Optional<Instant> digestAsOf,
            MessageStatus status,
            Optional<DropReason> reason,
            int attempts,
            Optional<String> lastError,
            Instant createdAt,
            Optional<Instant> sentAt,
            Instant nextAttemptAt,
            Optional<UUID> leaseToken) {}

    void queueConfirmation(String subject) {
        jdbc.sql("""
                insert into mail_message (id, subject, kind, status, next_attempt_at, created_at)
                values (?, ?, 'CONFIRMATION', 'PENDING', now(), now())
                """).params(UUID.randomUUID(), subject).update();
    }

    int confirmationsSince(String subject, Duration within) {
        return jdbc.sql("""
                select count(*) from mail_message
                 where subject = ? and kind = 'CONFIRMATION' and created_at > now() - make_interval(secs => ?)
                """)
                .params(subject, (double) within.toSeconds())
                .query(Integer.class)
                .single();
    }

    /**
     * The digest of a person's context for one day (at most one a day: a second is not created),
     * telling of the enquiries due as of {@code asOf}. True when it was created.
     */
    boolean queueDigest(String subject, MailContext context, Instant asOf, LocalDate day) {
        return jdbc.sql("""
                        insert into mail_message (id, subject, kind, participant_eic, role, commodity, digest_as_of, digest_day,
                                                  status, next_attempt_at, created_at)
                        values (?, ?, 'DIGEST', ?, ?, ?, ?, ?, 'PENDING', now(), now())
                        on conflict do nothing
                        """)
                        .params(
                                UUID.randomUUID(),
                                subject,
                                context.participant().value(),
                                context.role().name(),
                                context.commodity().name(),
                                HubTime.db(asOf),
                                day)
                        .update()
                == 1;
    }

    /**
     * Claims up to {@code limit} due messages nobody holds (or whose claim expired), oldest due first;
     * those another instance is claiming right now are skipped, not waited for.
     */
    List<Stored> claim(int limit, UUID token, Duration lease) {
        return jdbc.sql("""
                update mail_message m set lease_token = :token, lease_until = now() + make_interval(secs => :lease)
                 where m.id in (select id from mail_message
                                 where status = 'PENDING' and next_attempt_at <= now()
                                   and (lease_until is null or lease_until < now())
                                 order by next_attempt_at
                                 limit :limit
                                 for update skip locked)
                returning m.*
                """)
                .param("token", token)
                .param("lease", (double) lease.toSeconds())
                .param("limit", limit)
                .query(Messages::stored)
                .list();
    }

    /** Records a message sent, if its claim still holds; false otherwise (nothing is recorded then). */
    boolean sent(UUID id, UUID token) {
        if (jdbc.sql("""
                        update mail_message
                           set status = 'SENT', sent_at = now(), attempts = attempts + 1, lease_token = null, lease_until = null
                         where id = ? and lease_token = ? and status = 'PENDING'
                        """).params(id, token).update() == 0) {
            return false;
        }
        logAttempt(id, "SENT", null);
        return true;
    }

    /**
     * Records a failed attempt, if the claim still holds: retried after {@code retryIn}, or failed for
     * good once it has been retried for {@code giveUpAfter}. The status it is left in.
     */
    Optional<MessageStatus> failed(UUID id, UUID token, String error, Duration retryIn, Duration giveUpAfter) {
        var status = jdbc.sql("""
                        update mail_message
                           set attempts = attempts + 1, retrying_since = coalesce(retrying_since, now()), last_error = :error,
                               next_attempt_at = now() + make_interval(secs => :retryIn),
                               status = case when coalesce(retrying_since, now()) <= now() - make_interval(secs => :giveUpAfter)
                                             then 'FAILED' else 'PENDING' end,
                               lease_token = null, lease_until = null
                         where id = :id and lease_token = :token and status = 'PENDING'
                        returning status
                        """)
                .param("error", error)
                .param("retryIn", retryIn.toMillis() / 1000.0)
                .param("giveUpAfter", (double) giveUpAfter.toSeconds())
                .param("id", id)
                .param("token", token)
                .query(String.class)
                .optional()
                .map(MessageStatus::valueOf);
        status.ifPresent(s -> logAttempt(id, "FAILED", error));
        return status;
    }

    /** Records that a message is not to be sent after all, if the claim still holds. */
    boolean dropped(UUID id, UUID token, DropReason reason) {
        return jdbc.sql("""
                        update mail_message set status = 'DROPPED', reason = ?, lease_token = null, lease_until = null
                         where id = ? and lease_token = ? and status = 'PENDING'
                        """).params(reason.name(), id, token).update() == 1;
    }

    /** Lets a message go after an unexpected failure: tried again after {@code retryIn}. */
    void release(UUID id, UUID token, Duration retryIn) {
        jdbc.sql("""
                update mail_message set lease_token = null, lease_until = null,
                       next_attempt_at = now() + make_interval(secs => ?)
                 where id = ? and lease_token = ?
                """).params(retryIn.toMillis() / 1000.0, id, token).update();
    }

    private void logAttempt(UUID id, String outcome, String error) {
        jdbc.sql("insert into mail_attempt (message_id, attempted_at, outcome, error) values (?, now(), ?, ?)")
                .params(id, outcome, error)
                .update();
    }

    /** A person's latest messages, newest first. */
    List<Stored> of(String subject, int limit) {
        return jdbc.sql("select * from mail_message where subject = ? order by created_at desc, id limit ?")
                .params(subject, limit)
                .query(Messages::stored)
                .list();
    }

    /** A message that failed at least once, with its person, as the hub operator sees it. */
    record Troubled(Stored message, String name) {}

    /** The latest messages that failed at least once (sent after retries, still retrying, or failed), newest first. */
    List<Troubled> troubled(int limit) {
        return jdbc.sql("""
                select m.*, p.name from mail_message m join person p on p.subject = m.subject
                 where m.last_error is not null order by m.created_at desc, m.id limit ?
                """)
                .param(limit)
                .query((rs, n) -> new Troubled(stored(rs, n), rs.getString("name")))
                .list();
    }

    /** One attempt of the sending log. */
    record Attempt(Instant at, String outcome, Optional<String> error) {}

    List<Attempt> attempts(UUID message) {
        return jdbc.sql("select * from mail_attempt where message_id = ? order by attempted_at, id")
                .param(message)
                .query((rs, n) -> new Attempt(
                        rs.getTimestamp("attempted_at").toInstant(),
                        rs.getString("outcome"),
                        Optional.ofNullable(rs.getString("error"))))
                .list();
    }

    /** Forgets messages (with their attempts) created before {@code before} that are no longer pending, in batches. */
    int purge(Instant before) {
        int total = 0;
        int purged;
        do {
            purged = jdbc.sql("""
                    delete from mail_message where id in (
                        select id from mail_message where created_at < ? and status <> 'PENDING' limit 5000)
                    """).param(HubTime.db(before)).update();
            total += purged;
        } while (purged == 5000);
        return total;
    }

    static Stored stored(ResultSet rs, int n) throws SQLException {
        var participant = rs.getString("participant_eic");
        return new Stored(
                rs.getObject("id", UUID.class),
                rs.getString("subject"),
                Kind.valueOf(rs.getString("kind")),
                participant == null ? Optional.empty() : Optional.of(MailDirectory.context(rs)),
                Optional.ofNullable(rs.getObject("enquiry_id", UUID.class)),
                Optional.ofNullable(rs.getObject("response_id", UUID.class)),
                MailDirectory.instant(rs, "digest_as_of"),
                MessageStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("reason")).map(DropReason::valueOf),
                rs.getInt("attempts"),
                Optional.ofNullable(rs.getString("last_error")),
                rs.getTimestamp("created_at").toInstant(),
                MailDirectory.instant(rs, "sent_at"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                Optional.ofNullable(rs.getObject("lease_token", UUID.class)));
    }
}
