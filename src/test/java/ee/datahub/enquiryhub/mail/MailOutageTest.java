package ee.datahub.enquiryhub.mail;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.TestSmtp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The mail server goes away (connections refused), then hangs (accepts and never answers), then comes
 * back: enquiries and answers are written all along, every attempt is logged, the failures show on
 * the person's page and the hub operator's view, and once the server is back everything arrives, once.
 * The outage is shortened by the tests' retry settings (first retry after 100 ms, at most 1 s apart).
 */
class MailOutageTest extends HubApiTest {

    private static final Pattern LINK = Pattern.compile("/web/mail/enquiries/([0-9a-f-]{36})");

    @Autowired
    People people;

    @Autowired
    Notifications notifications;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMailServerDownThenHangingLosesNothingAndSendsNothingTwice() throws Exception {
        TestSmtp.start();
        var mail = new MailPeople(people, notifications);
        var supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        var grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        var meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
        var clerk = mail.person("Helle Hein", grid.party(), MarketRole.GRID_OPERATOR, Permission.EDITOR_DIRECT_MESSAGE);
        var seller =
                mail.person("Siim Saar", supplier.party(), MarketRole.OPEN_SUPPLIER, Permission.EDITOR_DIRECT_MESSAGE);
        mail.wants(clerk, grid.party(), MarketRole.GRID_OPERATOR, true, Optional.empty());
        mail.wants(seller, supplier.party(), MarketRole.OPEN_SUPPLIER, true, Optional.empty());
        mail.confirmedAddress(clerk, MailLanguage.ET);
        mail.confirmedAddress(seller, MailLanguage.EN);

        var ids = new ArrayList<String>();
        TestSmtp.stop();
        try {
            for (int i = 0; i < 4; i++) {
                ids.add(supplier.send(anEnquiry().about(meter)));
            }
            await(() -> failedAttempts(clerk) >= 4 * 3, "each email tried three times while the server is down");
            var down = notifications.setup(mail.find(clerk), 20);
            assertThat(down.failures())
                    .as("the person's page shows them")
                    .hasSize(4)
                    .allSatisfy(m -> {
                        assertThat(m.status()).isEqualTo(MessageStatus.PENDING);
                        assertThat(m.lastError())
                                .hasValueSatisfying(e -> assertThat(e)
                                        .contains("Connection refused")
                                        .doesNotContain(MailPeople.addressOf(clerk)));
                        assertThat(m.nextAttemptAt()).isPresent();
                    });
            assertThat(notifications.troubled(500))
                    .as("the hub operator's view shows them")
                    .filteredOn(t -> t.subject().equals(clerk))
                    .hasSize(4);

            TestSmtp.hang();
            int before = failedAttempts(clerk);
            for (var id : ids.subList(0, 2)) {
                grid.answer(id, "OPEN", "Looking into it");
            }
            await(
                    () -> jdbc.sql("""
                                            select count(*) from mail_attempt a join mail_message m on m.id = a.message_id
                                             where m.subject = ? and a.outcome = 'FAILED' and a.error like '%timed out%'
                                            """).param(seller).query(Integer.class).single() >= 2,
                    "the answers' emails time out against a server that never answers");
            await(() -> failedAttempts(clerk) > before, "the waiting enquiries' emails time out too");
            ids.add(supplier.send(anEnquiry().about(meter)));
        } finally {
            TestSmtp.start();
        }

        var toClerk = TestSmtp.await(MailPeople.addressOf(clerk), 1 + ids.size(), Duration.ofSeconds(60));
        var toSeller = TestSmtp.await(MailPeople.addressOf(seller), 1 + 2, Duration.ofSeconds(60));
        await(
                () -> jdbc.sql("select count(*) from mail_message where subject in (?, ?) and status <> 'SENT'")
                                .params(clerk, seller)
                                .query(Integer.class)
                                .single()
                        == 0,
                "everything sent");
        assertThat(TestSmtp.to(MailPeople.addressOf(clerk)))
                .as("each enquiry once, after the confirmation")
                .hasSize(1 + ids.size())
                .isEqualTo(toClerk);
        assertThat(toClerk.stream()
                        .skip(1)
                        .map(m -> LINK.matcher(m.text()))
                        .filter(java.util.regex.Matcher::find)
                        .map(m -> m.group(1))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(TestSmtp.to(MailPeople.addressOf(seller))).hasSize(3).isEqualTo(toSeller);
        assertThat(jdbc.sql("""
                        select count(*) from mail_attempt a join mail_message m on m.id = a.message_id
                         where m.subject in (?, ?) and a.outcome = 'SENT'
                        """).params(clerk, seller).query(Integer.class).single())
                .as("one successful attempt per email (confirmations included)")
                .isEqualTo(2 + ids.size() + 2);
        var after = notifications.setup(mail.find(clerk), 20);
        assertThat(after.failures()).as("nothing failing any more").isEmpty();
        assertThat(after.messages())
                .filteredOn(m -> m.kind() == Kind.NEW_ENQUIRY)
                .hasSize(ids.size())
                .allSatisfy(m -> assertThat(m.status()).isEqualTo(MessageStatus.SENT));
        assertThat(notifications.troubled(500))
                .as("the hub operator still sees which emails were late")
                .filteredOn(t -> t.subject().equals(clerk))
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(t -> assertThat(t.message().status()).isEqualTo(MessageStatus.SENT));
    }

    private int failedAttempts(String subject) {
        return jdbc.sql("""
                        select count(*) from mail_attempt a join mail_message m on m.id = a.message_id
                         where m.subject = ? and a.outcome = 'FAILED'
                        """).param(subject).query(Integer.class).single();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(end);
            Thread.sleep(50);
        }
    }
}
