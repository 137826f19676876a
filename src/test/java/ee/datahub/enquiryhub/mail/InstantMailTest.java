package ee.datahub.enquiryhub.mail;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.audit.AuditEntry;
import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.TestSmtp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Instant emails over real SMTP: a new enquiry to each grid-operator clerk who asked for it, an answer
 * to each supplier clerk, in the person's language, with a text and an HTML part, the one-click
 * unsubscribe headers and little personal data (no customer, metering point or comment); nothing
 * before the address is confirmed; every email audited, no address or personal data in the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class InstantMailTest extends HubApiTest {

    @Autowired
    People people;

    @Autowired
    Notifications notifications;

    @Autowired
    AuditLog auditLog;

    private MailPeople mail;
    private Actor supplier;
    private Actor grid;
    private String meter;

    @BeforeEach
    void freshParties() {
        mail = new MailPeople(people, notifications);
        supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
    }

    @Test
    void aNewEnquiryAndItsAnswerReachThePeopleWhoAskedInTheirLanguageWithoutPersonalData(CapturedOutput output)
            throws InterruptedException {
        var kadri =
                mail.person("Kadri Kuusk", grid.party(), MarketRole.GRID_OPERATOR, Permission.EDITOR_DIRECT_MESSAGE);
        var ken = mail.person("Ken Kirss", grid.party(), MarketRole.GRID_OPERATOR, Permission.VIEWER_DIRECT_MESSAGE);
        var maie =
                mail.person("Maie Mänd", supplier.party(), MarketRole.OPEN_SUPPLIER, Permission.EDITOR_DIRECT_MESSAGE);
        mail.wants(kadri, grid.party(), MarketRole.GRID_OPERATOR, true, Optional.empty());
        mail.wants(ken, grid.party(), MarketRole.GRID_OPERATOR, true, Optional.empty());
        mail.wants(maie, supplier.party(), MarketRole.OPEN_SUPPLIER, true, Optional.empty());
        notifications.setAddress(mail.find(kadri), MailPeople.addressOf(kadri), MailLanguage.ET);

        var customer = Eics.party();
        var comment = "The customer's private note " + UUID.randomUUID();
        // Sent before Kadri confirmed her address: nothing about it may reach her.
        var early = supplier.send(
                anEnquiry().about(meter).forCustomer(customer).comment(comment).invoice("EARLY-1"));
        var confirmation =
                TestSmtp.await(MailPeople.addressOf(kadri), 1, MailPeople.WAIT).getFirst();
        assertThat(confirmation.subject()).isEqualTo("Kinnitage oma e-posti aadress pöördumiste keskkonnas");
        assertThat(confirmation.header("List-Unsubscribe"))
                .as("a confirmation is no list")
                .isEmpty();
        assertThat(notifications.confirm(
                        MailPeople.confirmToken(confirmation.text()),
                        ee.datahub.enquiryhub.audit.AuditTrail.ofBackgroundWork()))
                .isEqualTo(Notifications.Confirmation.CONFIRMED);
        mail.confirmedAddress(ken, MailLanguage.EN);
        mail.confirmedAddress(maie, MailLanguage.ET);

        var id = supplier.send(
                anEnquiry().about(meter).forCustomer(customer).comment(comment).invoice("INV-42"));

        var toKadri = TestSmtp.await(MailPeople.addressOf(kadri), 2, MailPeople.WAIT);
        assertThat(toKadri).hasSize(2);
        var et = toKadri.get(1);
        var supplierName = "Test participant " + supplier.party().eic();
        var gridName = "Test participant " + grid.party().eic();
        assertThat(et.subject()).isEqualTo("Uus pöördumine: Arve INV-42, saatja " + supplierName);
        assertThat(et.headers().get("content-type")).startsWith("multipart/alternative");
        for (var part : List.of(et.text(), et.html())) {
            assertThat(part)
                    .contains("Tere, Kadri Kuusk!", "Arve", "INV-42", supplierName, gridName, "lõpuks")
                    .contains("/web/mail/enquiries/" + id + "?context="
                            + grid.party().eic())
                    .doesNotContain(customer, meter, comment, "EARLY-1");
        }
        assertThat(et.html()).containsPattern("<a href=\"http://[^\"/]+/web/mail/enquiries/" + id);
        assertThat(et.header("List-Unsubscribe"))
                .hasValueSatisfying(value ->
                        assertThat(value).matches("<http://[^/]+/mail/unsubscribe/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>"));
        assertThat(et.header("List-Unsubscribe-Post")).contains("List-Unsubscribe=One-Click");
        assertThat(et.header("Auto-Submitted")).contains("auto-generated");
        assertThat(et.messageId()).matches("<[0-9a-f-]{36}@localhost>");

        var en = TestSmtp.await(MailPeople.addressOf(ken), 2, MailPeople.WAIT).get(1);
        assertThat(en.subject()).isEqualTo("New enquiry: Invoice INV-42 from " + supplierName);
        for (var part : List.of(en.text(), en.html())) {
            assertThat(part)
                    .contains("Hello Ken Kirss,", "Invoice", "INV-42", supplierName, gridName, "by the end of")
                    .doesNotContain(customer, meter, comment);
        }

        var answerComment = "Answered with private detail " + UUID.randomUUID();
        grid.answerId(id, "CLOSE", answerComment);
        var answer =
                TestSmtp.await(MailPeople.addressOf(maie), 2, MailPeople.WAIT).get(1);
        assertThat(answer.subject()).isEqualTo("Vastus teie pöördumisele: Arve INV-42, vastaja " + gridName);
        for (var part : List.of(answer.text(), answer.html())) {
            assertThat(part)
                    .contains("Tere, Maie Mänd!", "lõppvastus", gridName, supplierName)
                    .doesNotContain(customer, meter, comment, answerComment);
        }
        assertThat(TestSmtp.to(MailPeople.addressOf(maie)))
                .as("a supplier clerk hears of answers, not of its own enquiries")
                .hasSize(2);

        // An email is recorded (sent, audited) just after the server took it: wait for the record.
        long end = System.nanoTime() + MailPeople.WAIT.toNanos();
        while (auditLog.forEnquiry(UUID.fromString(id)).stream()
                                .filter(e -> e.action().startsWith("MAIL "))
                                .count()
                        < 3
                && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(auditLog.forEnquiry(UUID.fromString(id)))
                .extracting(AuditEntry::clientId, AuditEntry::action)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(Optional.of("person:" + kadri), "MAIL new enquiry sent"),
                        org.assertj.core.groups.Tuple.tuple(Optional.of("person:" + ken), "MAIL new enquiry sent"),
                        org.assertj.core.groups.Tuple.tuple(Optional.of("person:" + maie), "MAIL answer sent"));
        assertThat(auditLog.forEnquiry(UUID.fromString(early)))
                .extracting(AuditEntry::action)
                .doesNotContain("MAIL new enquiry sent");
        assertThat(output.getAll())
                .contains("Mail: message")
                .doesNotContain(
                        MailPeople.addressOf(kadri), MailPeople.addressOf(ken), customer, comment, answerComment);
    }
}
