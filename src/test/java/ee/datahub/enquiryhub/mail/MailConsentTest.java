package ee.datahub.enquiryhub.mail;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.Actor;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.TestSmtp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Only what a person agreed to, and may read: an address is confirmed by a fresh link for that very
 * address; one-click unsubscribe turns off that kind of email; a person whose grant is revoked gets
 * nothing more, decided when the email is sent, not when it was queued.
 */
class MailConsentTest extends HubApiTest {

    @Autowired
    People people;

    @Autowired
    Notifications notifications;

    @Autowired
    MailTokens tokens;

    @Autowired
    MailDirectory directory;

    @Autowired
    JdbcClient jdbc;

    private MailPeople mail;
    private Actor supplier;
    private Actor grid;
    private String meter;

    @BeforeEach
    void freshParties() {
        TestSmtp.start();
        mail = new MailPeople(people, notifications);
        supplier = hub.as(
                hub.registerParty(List.of("OPEN_SUPPLIER"), List.of("ELECTRICITY")), "OPEN_SUPPLIER", "ELECTRICITY");
        grid = hub.as(
                hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY")), "GRID_OPERATOR", "ELECTRICITY");
        meter = hub.registerMeteringPoint(grid.party(), "ELECTRICITY");
    }

    @Test
    void anAddressIsConfirmedOnlyByAFreshLinkForThatVeryAddress() {
        var piret = mail.person("Piret Paju", grid.party(), MarketRole.GRID_OPERATOR, Permission.VIEWER_DIRECT_MESSAGE);
        var first = MailPeople.addressOf(piret);
        var second = "other-" + first;
        notifications.setAddress(mail.find(piret), first, MailLanguage.EN);
        var firstLink = MailPeople.confirmToken(
                TestSmtp.await(first, 1, MailPeople.WAIT).getFirst().text());
        notifications.setAddress(mail.find(piret), second, MailLanguage.EN);
        var secondMail = TestSmtp.await(second, 1, MailPeople.WAIT).getFirst();
        assertThat(secondMail.subject()).isEqualTo("Confirm your email address for the Enquiry Hub");
        var secondLink = MailPeople.confirmToken(secondMail.text());

        assertThat(notifications.confirm(firstLink, AuditTrail.ofBackgroundWork()))
                .as("the link sent to an address given up since")
                .isEqualTo(Notifications.Confirmation.INVALID);
        var row = directory.address(piret).orElseThrow();
        assertThat(notifications.confirm(
                        tokens.confirmation(row.id(), second, Instant.now().minusSeconds(1)),
                        AuditTrail.ofBackgroundWork()))
                .isEqualTo(Notifications.Confirmation.EXPIRED);
        var forged = secondLink.substring(0, 5) + (secondLink.charAt(5) == 'A' ? 'B' : 'A') + secondLink.substring(6);
        assertThat(notifications.confirm(forged, AuditTrail.ofBackgroundWork()))
                .isEqualTo(Notifications.Confirmation.INVALID);
        assertThat(notifications.setup(mail.find(piret), 10).address())
                .hasValueSatisfying(a -> assertThat(a.confirmed()).isFalse());

        assertThat(notifications.confirm(secondLink, AuditTrail.ofBackgroundWork()))
                .isEqualTo(Notifications.Confirmation.CONFIRMED);
        assertThat(notifications.setup(mail.find(piret), 10).address())
                .contains(new Notifications.Address(second, MailLanguage.EN, true));
        assertThatThrownBy(() -> notifications.resendConfirmation(mail.find(piret)))
                .isInstanceOfSatisfying(
                        MailRefused.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(new MailRefusal.NothingToConfirm()));
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where client_id = ? and action = 'MAIL address confirmed'
                        """).param("person:" + piret).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void confirmationsAreLimitedAndOnlyAddressesAreAccepted() {
        var rein = mail.person("Rein Raud", grid.party(), MarketRole.GRID_OPERATOR, Permission.VIEWER_DIRECT_MESSAGE);
        for (var wrong : List.of("", "rein", "rein@", "@example.ee", "Rein <rein@example.ee>", "a b@example.ee")) {
            assertThatThrownBy(() -> notifications.setAddress(mail.find(rein), wrong, MailLanguage.ET))
                    .as(wrong)
                    .isInstanceOfSatisfying(
                            MailRefused.class,
                            refused -> assertThat(refused.refusal()).isEqualTo(new MailRefusal.InvalidAddress()));
        }
        notifications.setAddress(mail.find(rein), MailPeople.addressOf(rein), MailLanguage.ET);
        for (int i = 1; i < Notifications.CONFIRMATIONS_PER_DAY; i++) {
            notifications.resendConfirmation(mail.find(rein));
        }
        assertThatThrownBy(() -> notifications.resendConfirmation(mail.find(rein)))
                .isInstanceOfSatisfying(
                        MailRefused.class,
                        refused -> assertThat(refused.refusal())
                                .isEqualTo(new MailRefusal.TooManyConfirmations(Notifications.CONFIRMATIONS_PER_DAY)));
        assertThat(TestSmtp.await(MailPeople.addressOf(rein), Notifications.CONFIRMATIONS_PER_DAY, MailPeople.WAIT))
                .hasSize(Notifications.CONFIRMATIONS_PER_DAY);
        assertThatThrownBy(() -> notifications.setPreference(
                        mail.find(rein),
                        new MailContext(
                                new Eic(supplier.party().eic()), MarketRole.OPEN_SUPPLIER, Commodity.ELECTRICITY),
                        false,
                        true,
                        Optional.empty()))
                .as("a context the person does not act in")
                .isInstanceOf(MailRefused.class);
        assertThatThrownBy(() -> mail.wantsAnswers(rein, grid))
                .as("a grid operator gets enquiries, not answers")
                .isInstanceOfSatisfying(
                        MailRefused.class,
                        refused -> assertThat(refused.refusal()).isInstanceOf(MailRefusal.KindNotOffered.class));
    }

    @Test
    void oneClickUnsubscribeTurnsOffThatKindOfEmailOnly() {
        var aino = mail.person("Aino Aas", grid.party(), MarketRole.GRID_OPERATOR, Permission.EDITOR_DIRECT_MESSAGE);
        var toomas =
                mail.person("Toomas Tamm", grid.party(), MarketRole.GRID_OPERATOR, Permission.EDITOR_DIRECT_MESSAGE);
        for (var person : List.of(aino, toomas)) {
            mail.wants(person, grid.party(), MarketRole.GRID_OPERATOR, true, Optional.of(java.time.LocalTime.of(7, 0)));
            mail.confirmedAddress(person, MailLanguage.ET);
        }
        var first = supplier.send(anEnquiry().about(meter));
        var email =
                TestSmtp.await(MailPeople.addressOf(aino), 2, MailPeople.WAIT).get(1);
        var header = email.header("List-Unsubscribe").orElseThrow();
        var token = header.substring(
                header.indexOf("/mail/unsubscribe/") + "/mail/unsubscribe/".length(), header.length() - 1);
        assertThat(MailPeople.unsubscribeToken(email.text())).isEqualTo(token);

        var context = new MailContext(new Eic(grid.party().eic()), MarketRole.GRID_OPERATOR, Commodity.ELECTRICITY);
        assertThat(notifications.unsubscription(token))
                .contains(new Notifications.Unsubscription(Kind.NEW_ENQUIRY, context, true));
        assertThat(notifications.unsubscription(token.replace('.', 'x'))).isEmpty();
        assertThat(notifications.unsubscribe(token, AuditTrail.ofBackgroundWork()))
                .contains(new Notifications.Unsubscription(Kind.NEW_ENQUIRY, context, true));
        assertThat(notifications.unsubscribe(token, AuditTrail.ofBackgroundWork()))
                .as("once more: nothing left to turn off")
                .contains(new Notifications.Unsubscription(Kind.NEW_ENQUIRY, context, false));

        var second = supplier.send(anEnquiry().about(meter));
        assertThat(TestSmtp.await(MailPeople.addressOf(toomas), 3, MailPeople.WAIT))
                .hasSize(3);
        assertThat(TestSmtp.to(MailPeople.addressOf(aino)))
                .extracting(m -> m.text().contains(second))
                .containsOnly(false);
        var setup = notifications.setup(mail.find(aino), 10);
        assertThat(setup.preferences()).singleElement().satisfies(p -> {
            assertThat(p.newEnquiries()).isFalse();
            assertThat(p.digestAt()).as("the digest stays on").contains(java.time.LocalTime.of(7, 0));
        });
        assertThat(first).isNotEqualTo(second);
        assertThat(jdbc.sql("select count(*) from audit_entry where client_id = ? and action = ?")
                        .params("person:" + aino, "MAIL unsubscribed from NEW_ENQUIRY")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPersonWhoseGrantIsRevokedGetsNothingMoreEvenWhatWasQueuedBefore() {
        var liis = mail.person("Liis Lepp", grid.party(), MarketRole.GRID_OPERATOR, Permission.EDITOR_DIRECT_MESSAGE);
        var olev = mail.person("Olev Oja", grid.party(), MarketRole.GRID_OPERATOR, Permission.EDITOR_DIRECT_MESSAGE);
        for (var person : List.of(liis, olev)) {
            mail.wants(person, grid.party(), MarketRole.GRID_OPERATOR, true, Optional.empty());
            mail.confirmedAddress(person, MailLanguage.EN);
        }
        var before = supplier.send(anEnquiry().about(meter));
        assertThat(TestSmtp.await(MailPeople.addressOf(olev), 2, MailPeople.WAIT))
                .hasSize(2);
        assertThat(TestSmtp.await(MailPeople.addressOf(liis), 2, MailPeople.WAIT))
                .hasSize(2);

        TestSmtp.stop();
        UUID queued;
        try {
            queued = UUID.fromString(supplier.send(anEnquiry().about(meter)));
            awaitTrue(
                    () -> jdbc.sql("""
                                    select count(*) from mail_message where enquiry_id = ? and attempts > 0 and status = 'PENDING'
                                    """).param(queued).query(Integer.class).single() == 2,
                    "both emails about it tried and waiting for the server");
            people.revoke(olev, new Eic(grid.party().eic()), MarketRole.GRID_OPERATOR, Commodity.ELECTRICITY);
        } finally {
            TestSmtp.start();
        }
        var after = supplier.send(anEnquiry().about(meter));
        var toLiis = TestSmtp.await(MailPeople.addressOf(liis), 4, MailPeople.WAIT);
        assertThat(toLiis).hasSize(4);
        awaitTrue(
                () -> jdbc.sql("select count(*) from mail_message where subject = ? and status = 'PENDING'")
                                .param(olev)
                                .query(Integer.class)
                                .single()
                        == 0,
                "Olev's emails decided");
        assertThat(TestSmtp.to(MailPeople.addressOf(olev)))
                .as("the confirmation and the enquiry before the revocation, nothing after")
                .hasSize(2)
                .extracting(m -> m.text().contains(before))
                .containsExactly(false, true);
        assertThat(jdbc.sql(
                                "select status || ' ' || coalesce(reason, '') from mail_message where subject = ? and enquiry_id = ?")
                        .params(olev, queued)
                        .query(String.class)
                        .single())
                .as("queued while allowed, dropped when its time came")
                .isEqualTo("DROPPED NO_PERMISSION");
        assertThat(after).isNotEqualTo(before);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(end);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
