package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.enquiry.AnswerDeadlines;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.platform.HubTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily digests: at each person's chosen time of day in Tallinn, one message per context telling
 * of the open enquiries overdue or due soon ({@link AnswerDeadlines#dueSoonUntil}: working days, as
 * deadlines count them), if there are any and the person may still read them. Preferences whose time
 * has come are taken with {@code FOR UPDATE SKIP LOCKED} and marked as looked at for the day in the
 * same transaction, so each digest is made once whatever the number of instances.
 */
@Component
class Digests {

    /** The digest's time of day is Estonian time. */
    static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");

    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Readers readers;
    private final Enquiries enquiries;
    private final AnswerDeadlines deadlines;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Digests(
            JdbcClient jdbc,
            Messages messages,
            Readers readers,
            Enquiries enquiries,
            AnswerDeadlines deadlines,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.readers = readers;
        this.enquiries = enquiries;
        this.deadlines = deadlines;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * The day whose digest counts as looked at when a digest time is chosen at {@code now}: today if
     * today's time has passed already (the first digest comes tomorrow), else yesterday (today's comes).
     */
    static LocalDate lastDayWhenChosen(LocalTime at, Instant now) {
        var local = now.atZone(TALLINN);
        return local.toLocalTime().isBefore(at) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    /** When the next digest is looked at, as of {@code now}: today's time if today's is still to come, else tomorrow's. */
    static Instant nextAt(LocalTime at, Optional<LocalDate> lastDay, Instant now) {
        var today = now.atZone(TALLINN).toLocalDate();
        var day = lastDay.isPresent() && !lastDay.get().isBefore(today) ? today.plusDays(1) : today;
        var moment = day.atTime(at).atZone(TALLINN).toInstant();
        return moment.isBefore(now) ? now : moment;
    }

    /** Makes the digests whose time has come by now (as this instance's clock says); how many it made. */
    int makeDue() {
        return makeDue(HubTime.now(clock));
    }

    /**
     * Makes the digests due at {@code now}: those whose time of day (in Tallinn) has come and whose day
     * has not been looked at yet. A time skipped by summer time comes with the hour after it.
     */
    int makeDue(Instant now) {
        var local = now.atZone(TALLINN);
        int made = 0;
        int taken;
        do {
            var batch = transactions.execute(status -> batch(local.toLocalTime(), local.toLocalDate(), now));
            made += batch[0];
            taken = batch[1];
        } while (taken == BATCH);
        return made;
    }

    private record Due(UUID id, String subject, MailContext context, boolean confirmed) {}

    private int[] batch(LocalTime time, LocalDate today, Instant now) {
        var due = jdbc.sql("""
                select p.id, p.subject, p.participant_eic, p.role, p.commodity, a.confirmed_at is not null as confirmed
                  from mail_preference p left join mail_address a on a.subject = p.subject
                 where p.digest_at is not null and p.digest_at <= ? and (p.last_digest_day is null or p.last_digest_day < ?)
                 order by p.digest_at
                 limit ?
                 for update of p skip locked
                """)
                .params(time, today, BATCH)
                .query((rs, n) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getString("subject"),
                        MailDirectory.context(rs),
                        rs.getBoolean("confirmed")))
                .list();
        int made = 0;
        for (var d : due) {
            if (d.confirmed()
                    && !dueItems(d.subject(), d.context(), now, 1).isEmpty()
                    && messages.queueDigest(d.subject(), d.context(), now, today)) {
                made++;
            }
            jdbc.sql("update mail_preference set last_digest_day = ? where id = ?")
                    .params(today, d.id())
                    .update();
        }
        return new int[] {made, due.size()};
    }

    /**
     * The open enquiries a person may read in a context that are overdue or due soon as of {@code asOf},
     * soonest first, at most {@code limit}; empty when the person may not read there (any more).
     */
    List<EnquiryView> dueItems(String subject, MailContext context, Instant asOf, int limit) {
        return readers.caller(subject, context)
                .map(caller -> enquiries.dueBy(caller, deadlines.dueSoonUntil(asOf), limit))
                .orElse(List.of());
    }
}
