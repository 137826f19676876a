package ee.datahub.enquiryhub.mail;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.HubClient;
import ee.datahub.enquiryhub.support.SecondHub;
import ee.datahub.enquiryhub.support.TestSmtp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two hub instances on one database follow the feed and send email at once, to a mail server that
 * takes its time, while writers on both send enquiries: every person gets exactly one email per new
 * enquiry. Without the claims in
 * PostgreSQL ({@code SKIP LOCKED} and the lease, {@link Messages#claim}) both instances send the same
 * messages and people get duplicates.
 */
class TwoInstanceMailTest extends HubApiTest {

    private static final int PEOPLE = 6;
    private static final int ENQUIRIES_PER_WRITER = 8;
    private static final Pattern LINK = Pattern.compile("/web/mail/enquiries/([0-9a-f-]{36})");

    @Autowired
    People people;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachNewEnquiryReachesEachPersonOnceWhileTwoInstancesSend() throws Exception {
        TestSmtp.start();
        var second = SecondHub.client();
        var mail = new MailPeople(people, notifications);
        var supplierParty = hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY"));
        var grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        var meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        var subjects = new ArrayList<String>();
        for (int i = 0; i < PEOPLE; i++) {
            var subject =
                    mail.person("Clerk " + i, grid.party(), MarketRole.GRID_OPERATOR, Permission.VIEWER_DIRECT_MESSAGE);
            mail.wants(subject, grid.party(), MarketRole.GRID_OPERATOR, true, Optional.empty());
            mail.confirmedAddress(subject, i % 2 == 0 ? MailLanguage.ET : MailLanguage.EN);
            subjects.add(subject);
        }

        // A mail server that takes its time (each answer held back 20 ms): sends overlap, as they do in production.
        TestSmtp.slow(Duration.ofMillis(20));
        var ids = new ConcurrentLinkedQueue<String>();
        var writers = Executors.newFixedThreadPool(4);
        var done = new ArrayList<java.util.concurrent.Future<?>>();
        for (var client : List.of(hub, second, hub, second)) {
            done.add(writers.submit(() -> {
                Actor supplier = new HubClient(client.baseUrl()).as(supplierParty, "OPEN_SUPPLIER", "ELECTRICITY");
                for (int n = 0; n < ENQUIRIES_PER_WRITER; n++) {
                    ids.add(supplier.send(anEnquiry().about(meter)));
                }
            }));
        }
        for (var writer : done) {
            writer.get();
        }
        writers.shutdown();
        int enquiries = ids.size();
        assertThat(enquiries).isEqualTo(4 * ENQUIRIES_PER_WRITER);

        try {
            for (var subject : subjects) {
                TestSmtp.await(MailPeople.addressOf(subject), 1 + enquiries, Duration.ofSeconds(120));
            }
        } finally {
            TestSmtp.start();
        }
        // Wait until nothing of theirs is pending, so that a duplicate on its way would have arrived.
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.sql("select count(*) from mail_message where subject = any(?) and status = 'PENDING'")
                        .param(subjects.toArray(String[]::new))
                        .query(Integer.class)
                        .single()
                > 0) {
            assertThat(System.nanoTime()).as("every email decided").isLessThan(end);
            Thread.sleep(100);
        }
        var failures = jdbc.sql("""
                        select a.error from mail_attempt a join mail_message m on m.id = a.message_id
                         where m.subject = any(?) and a.outcome = 'FAILED'
                        """)
                .param(subjects.toArray(String[]::new))
                .query(String.class)
                .list();
        for (var subject : subjects) {
            var about = TestSmtp.to(MailPeople.addressOf(subject)).stream()
                    .map(m -> LINK.matcher(m.text()))
                    .filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1))
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertThat(about.keySet()).as("every enquiry told to %s", subject).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(about.values())
                    .as("each once (failed attempts: %s)", failures)
                    .containsOnly(1L);
        }
        assertThat(jdbc.sql("""
                        select count(*) from mail_attempt a join mail_message m on m.id = a.message_id
                         where m.subject = any(?) and m.kind = 'NEW_ENQUIRY' and a.outcome = 'SENT'
                        """)
                        .param(subjects.toArray(String[]::new))
                        .query(Integer.class)
                        .single())
                .as("one sent attempt per email, recorded by the instance that held the claim")
                .isEqualTo(PEOPLE * enquiries);
    }
}
