package ee.datahub.enquiryhub.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.access.Person;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.TestSmtp;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** People of the mail tests: registered with a grant, their address set and confirmed through the email's link. */
final class MailPeople {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CONFIRM = Pattern.compile("/mail/confirm/([A-Za-z0-9_.-]+)");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("/mail/unsubscribe/([A-Za-z0-9_.-]+)");

    private final People people;
    private final Notifications notifications;

    MailPeople(People people, Notifications notifications) {
        this.people = people;
        this.notifications = notifications;
    }

    /** A fresh person with one grant; its subject. */
    String person(String name, Party party, MarketRole role, Permission permission) {
        var subject = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(subject, name, false);
        people.grant(subject, name, grant(party, role, permission), "test");
        return subject;
    }

    static Grant grant(Party party, MarketRole role, Permission permission) {
        return new Grant(new Eic(party.eic()), role, Commodity.ELECTRICITY, Set.of(permission));
    }

    Person find(String subject) {
        return people.find(subject).orElseThrow();
    }

    static String addressOf(String subject) {
        return subject + "@test.example";
    }

    /** Sets the person's address and confirms it with the link the confirmation email brought. */
    void confirmedAddress(String subject, MailLanguage language) {
        var address = addressOf(subject);
        notifications.setAddress(find(subject), address, language);
        var confirmation = TestSmtp.await(address, 1, WAIT);
        assertThat(confirmation).as("the confirmation email").hasSize(1);
        var token = token(CONFIRM, confirmation.getFirst().text());
        assertThat(notifications.confirm(token, AuditTrail.ofBackgroundWork()))
                .isEqualTo(Notifications.Confirmation.CONFIRMED);
    }

    void wants(String subject, Party party, MarketRole role, boolean instant, Optional<java.time.LocalTime> digest) {
        var context = new MailContext(new Eic(party.eic()), role, Commodity.ELECTRICITY);
        notifications.setPreference(
                find(subject),
                context,
                instant && context.offers(Kind.NEW_ENQUIRY),
                instant && context.offers(Kind.ANSWER),
                digest);
    }

    void wantsAnswers(String subject, ee.datahub.enquiryhub.support.Actor party) {
        notifications.setPreference(
                find(subject),
                new MailContext(new Eic(party.party().eic()), MarketRole.valueOf(party.role()), Commodity.ELECTRICITY),
                false,
                true,
                Optional.empty());
    }

    static String confirmToken(String text) {
        return token(CONFIRM, text);
    }

    static String unsubscribeToken(String text) {
        return token(UNSUBSCRIBE, text);
    }

    private static String token(Pattern pattern, String text) {
        var matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("a link in: %s", text).isTrue();
        return matcher.group(1);
    }
}
