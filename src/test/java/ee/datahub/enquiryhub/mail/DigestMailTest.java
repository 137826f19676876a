package ee.datahub.enquiryhub.mail;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.TestSmtp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily digest comes at the time of day the person chose (Tallinn time), once that day, and tells
 * of the open enquiries overdue and due soon — within two working days, Christmas Eve, Christmas Day and
 * Boxing Day not counted, as deadlines count them — and not of those due later. The digest's day is the
 * coming 23 December; the scheduler is asked at moments of that day ({@link Digests#makeDue(Instant)}),
 * and the enquiries' due times are set to days around it.
 */
class DigestMailTest extends HubApiTest {

    private static final ZoneId TALLINN = ZoneId.of("Europe/Tallinn");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.uuuu");

    @Autowired
    People people;

    @Autowired
    Notifications notifications;

    @Autowired
    Digests digests;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDigestComesAtTheChosenTimeOnceADayAndCountsWorkingDaysAsDeadlinesDo() {
        TestSmtp.start();
        var mail = new MailPeople(people, notifications);
        var supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        var grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        var meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        var clerk =
                mail.person("Evelin Ilves", grid.party(), MarketRole.GRID_OPERATOR, Permission.VIEWER_DIRECT_MESSAGE);
        var chosen = LocalTime.of(7, 45);
        mail.wants(clerk, grid.party(), MarketRole.GRID_OPERATOR, false, Optional.of(chosen));
        mail.confirmedAddress(clerk, MailLanguage.EN);

        var today = LocalDate.now(TALLINN);
        var day = LocalDate.of(today.getYear(), 12, 23);
        if (!day.isAfter(today)) {
            day = day.plusYears(1);
        }
        // The end of the second working day after the 23rd, counted by hand: weekends and 24-26 December are off.
        var soonUntil = day;
        for (int left = 2; left > 0; ) {
            soonUntil = soonUntil.plusDays(1);
            boolean off = soonUntil.getDayOfWeek() == DayOfWeek.SATURDAY
                    || soonUntil.getDayOfWeek() == DayOfWeek.SUNDAY
                    || Set.of(24, 25, 26).contains(soonUntil.getDayOfMonth());
            if (!off) {
                left--;
            }
        }
        assertThat(soonUntil).as("the holidays push 'due soon' past the 26th").isAfter(day.withDayOfMonth(26));
        var overdue = dueByTheEndOf(supplier.send(anEnquiry().about(meter).invoice("OVERDUE-1")), day.minusDays(1));
        var soon = dueByTheEndOf(supplier.send(anEnquiry().about(meter).invoice("SOON-1")), soonUntil);
        var later = dueByTheEndOf(supplier.send(anEnquiry().about(meter).invoice("LATER-1")), soonUntil.plusDays(1));
        var closed = supplier.send(anEnquiry().about(meter).invoice("CLOSED-1"));
        dueByTheEndOf(closed, day.minusDays(2));
        grid.answer(closed, "CLOSE", "Done");

        var justBefore = day.atTime(chosen).minusSeconds(1).atZone(TALLINN).toInstant();
        var atTheTime = day.atTime(chosen).atZone(TALLINN).toInstant();
        digests.makeDue(justBefore);
        assertThat(digestsOf(clerk)).as("not before the chosen time").isZero();
        digests.makeDue(atTheTime);
        digests.makeDue(atTheTime.plusSeconds(1));
        digests.makeDue(day.atTime(23, 59).atZone(TALLINN).toInstant());
        assertThat(digestsOf(clerk)).as("once that day").isEqualTo(1);

        var digest =
                TestSmtp.await(MailPeople.addressOf(clerk), 2, MailPeople.WAIT).get(1);
        assertThat(digest.subject()).isEqualTo("Enquiries due " + DAY.format(day) + ": 1 overdue, 1 due soon");
        for (var part : List.of(digest.text(), digest.html())) {
            assertThat(part)
                    .contains("as of " + DAY.format(day) + " 07:45")
                    .contains("OVERDUE-1", "SOON-1", "by the end of " + DAY.format(soonUntil))
                    .contains("/web/mail/enquiries/" + overdue, "/web/mail/enquiries/" + soon)
                    .doesNotContain("LATER-1", later, "CLOSED-1", "Why was the network fee");
        }
        assertThat(digest.text().indexOf("Overdue"))
                .isLessThan(digest.text().indexOf("OVERDUE-1"))
                .isLessThan(digest.text().indexOf("Due soon"));
        assertThat(digest.text().indexOf("Due soon")).isLessThan(digest.text().indexOf("SOON-1"));
        assertThat(digest.header("List-Unsubscribe")).isPresent();

        var nextDay = day.plusDays(1).atTime(chosen).atZone(TALLINN).toInstant();
        digests.makeDue(nextDay.minusSeconds(60));
        assertThat(digestsOf(clerk)).isEqualTo(1);
        digests.makeDue(nextDay);
        assertThat(digestsOf(clerk)).as("the next day's").isEqualTo(2);
    }

    // Sets when the enquiry's answer is due: by the end of that day in Tallinn.
    private String dueByTheEndOf(String id, LocalDate day) {
        jdbc.sql("update enquiry set due_at = ? where id = ?")
                .params(
                        java.sql.Timestamp.from(
                                day.plusDays(1).atStartOfDay(TALLINN).toInstant()),
                        UUID.fromString(id))
                .update();
        return id;
    }

    private int digestsOf(String subject) {
        return jdbc.sql("select count(*) from mail_message where subject = ? and kind = 'DIGEST'")
                .param(subject)
                .query(Integer.class)
                .single();
    }
}
