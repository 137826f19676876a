package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.access.Action;
import ee.datahub.enquiryhub.access.Person;
import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.platform.HubTime;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A person's email settings — the address (confirmed by a signed, expiring link before anything else
 * is sent to it), the language, and per context the instant emails and the daily digest — and what
 * was sent to it; the landing pages' confirmation and one-click unsubscribe; and the hub operator's
 * view of who receives what and what failed. Refusals are thrown as {@link MailRefused}.
 */
@Service
public class Notifications {

    /** The most confirmation emails one person may ask for in a day. */
    public static final int CONFIRMATIONS_PER_DAY = 5;

    public static final int ADDRESS_LENGTH = 254;

    private final MailDirectory directory;
    private final Messages messages;
    private final MailTokens tokens;
    private final Readers readers;
    private final People people;
    private final ChangeFeed feed;
    private final MailDispatcher dispatcher;
    private final MailDelivery delivery;
    private final AuditLog auditLog;
    private final Clock clock;

    Notifications(
            MailDirectory directory,
            Messages messages,
            MailTokens tokens,
            Readers readers,
            People people,
            ChangeFeed feed,
            MailDispatcher dispatcher,
            MailDelivery delivery,
            AuditLog auditLog,
            Clock clock) {
        this.directory = directory;
        this.messages = messages;
        this.tokens = tokens;
        this.readers = readers;
        this.people = people;
        this.feed = feed;
        this.dispatcher = dispatcher;
        this.delivery = delivery;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The person's address, in its language; nothing but the confirmation goes to it until it is confirmed. */
    public record Address(String address, MailLanguage language, boolean confirmed) {}

    /** What a person wants in one context; {@code nextDigestAt} is when the next digest is looked at. */
    public record Preference(
            MailContext context,
            boolean newEnquiries,
            boolean answers,
            Optional<LocalTime> digestAt,
            Optional<Instant> nextDigestAt) {

        static Preference off(MailContext context) {
            return new Preference(context, false, false, Optional.empty(), Optional.empty());
        }

        public boolean any() {
            return newEnquiries || answers || digestAt.isPresent();
        }
    }

    /** One email to a person, as its sending log keeps it (ids only). */
    public record Message(
            UUID id,
            Kind kind,
            Optional<MailContext> context,
            Optional<UUID> enquiry,
            MessageStatus status,
            Optional<DropReason> reason,
            int attempts,
            Optional<String> lastError,
            Instant createdAt,
            Optional<Instant> sentAt,
            Optional<Instant> nextAttemptAt) {}

    /** A person's email settings and its latest emails. {@code sending}: whether this hub sends email at all. */
    public record Setup(
            Optional<Address> address, List<Preference> preferences, List<Message> messages, boolean sending) {

        /** Messages that failed for good or are being retried. */
        public List<Message> failures() {
            return messages.stream()
                    .filter(m -> m.status() == MessageStatus.FAILED
                            || m.status() == MessageStatus.PENDING
                                    && m.lastError().isPresent())
                    .toList();
        }
    }

    /**
     * The person's settings: one preference for each context in which it may read enquiries (as its
     * grants are now), and its latest {@code recent} emails.
     */
    public Setup setup(Person person, int recent) {
        var stored = directory.preferences(person.subject());
        var preferences = contexts(person).stream()
                .map(context -> stored.stream()
                        .filter(p -> p.context().equals(context))
                        .findFirst()
                        .map(this::preference)
                        .orElse(Preference.off(context)))
                .toList();
        return new Setup(
                directory.address(person.subject()).map(Notifications::address),
                preferences,
                messages.of(person.subject(), recent).stream()
                        .map(Notifications::message)
                        .toList(),
                delivery.canSend());
    }

    /** The contexts in which a person may read enquiries: those its email preferences are kept for. */
    public static List<MailContext> contexts(Person person) {
        return person.grants().stream()
                .filter(grant -> Permission.canRead(grant.permissions())
                        && Action.READ.allowedRoles().contains(grant.role()))
                .map(grant -> new MailContext(grant.participant(), grant.role(), grant.commodity()))
                .sorted(Comparator.comparing((MailContext c) -> c.participant().value())
                        .thenComparing(MailContext::role)
                        .thenComparing(MailContext::commodity))
                .toList();
    }

    /**
     * Keeps the person's address and language. A new address is unconfirmed and gets a confirmation
     * email (at most {@value #CONFIRMATIONS_PER_DAY} a day); the same address only changes the language.
     */
    @Transactional
    public Address setAddress(Person person, String address, MailLanguage language) {
        requireKnown(person);
        var checked = checkedAddress(address);
        var current = directory.address(person.subject());
        boolean changes = current.isEmpty() || !current.get().address().equals(checked);
        if (changes) {
            requireConfirmationAllowed(person);
        }
        directory.saveAddress(person.subject(), checked, language);
        if (changes) {
            messages.queueConfirmation(person.subject());
            afterCommit(dispatcher::claimSoon);
        }
        return directory.address(person.subject()).map(Notifications::address).orElseThrow();
    }

    /** Sends the confirmation email again (a lost or expired one). */
    @Transactional
    public void resendConfirmation(Person person) {
        requireKnown(person);
        var current = directory.address(person.subject());
        if (current.isEmpty() || current.get().confirmedAt().isPresent()) {
            throw new MailRefused(new MailRefusal.NothingToConfirm());
        }
        requireConfirmationAllowed(person);
        messages.queueConfirmation(person.subject());
        afterCommit(dispatcher::claimSoon);
    }

    /** Forgets the person's address: nothing is sent any more (its preferences stay for a new address). */
    @Transactional
    public void removeAddress(Person person) {
        directory.removeAddress(person.subject());
    }

    /**
     * Keeps what the person wants in a context: refused unless it may read enquiries there now and the
     * context offers the kinds asked for. An instant kind turned on covers changes from now on.
     */
    @Transactional
    public Preference setPreference(
            Person person, MailContext context, boolean newEnquiries, boolean answers, Optional<LocalTime> digestAt) {
        requireKnown(person);
        if (readers.caller(person.subject(), context).isEmpty()) {
            throw new MailRefused(new MailRefusal.NotYourContext(context));
        }
        if (newEnquiries && !context.offers(Kind.NEW_ENQUIRY)) {
            throw new MailRefused(new MailRefusal.KindNotOffered(Kind.NEW_ENQUIRY, context));
        }
        if (answers && !context.offers(Kind.ANSWER)) {
            throw new MailRefused(new MailRefusal.KindNotOffered(Kind.ANSWER, context));
        }
        var streamKey = ChangeFeed.streamKey(context.participant(), context.role(), context.commodity());
        if (newEnquiries || answers) {
            directory.follow(
                    streamKey, context, feed.endCursor(context.participant(), context.role(), context.commodity()));
            afterCommit(() -> dispatcher.followed(streamKey));
        }
        var now = HubTime.now(clock);
        directory.savePreference(
                person.subject(),
                context,
                streamKey,
                newEnquiries,
                answers,
                digestAt,
                digestAt.map(at -> Digests.lastDayWhenChosen(at, now)));
        return directory
                .preference(person.subject(), context)
                .map(this::preference)
                .orElseThrow();
    }

    public enum Confirmation {
        CONFIRMED,
        /** The link is older than {@code hub.mail.confirmation-validity}: ask for a new one. */
        EXPIRED,
        /** Not a link the hub made, or one for an address the person has changed since. */
        INVALID
    }

    /** Confirms the address a confirmation link was sent to; audited as the person's action. */
    @Transactional
    public Confirmation confirm(String token, AuditTrail trail) {
        var confirmation = tokens.readConfirmation(token);
        if (confirmation.isEmpty()) {
            return Confirmation.INVALID;
        }
        if (!HubTime.now(clock).isBefore(confirmation.get().expiresAt())) {
            return Confirmation.EXPIRED;
        }
        var row = directory.addressById(confirmation.get().addressId());
        if (row.isEmpty()
                || !directory.confirm(row.get().id(), confirmation.get().addressDigest())) {
            return Confirmation.INVALID;
        }
        auditLog.append(
                trail.client("person:" + row.get().subject(), null).action("MAIL address confirmed"),
                "mail-confirm-" + row.get().id(),
                "MAIL",
                200);
        return Confirmation.CONFIRMED;
    }

    /** What an unsubscribe link turns off: a kind of email in one context of a person. */
    public record Unsubscription(Kind kind, MailContext context, boolean wasOn) {}

    /** What the link would turn off, without turning it off (the page that asks first); empty for a link the hub did not make. */
    public Optional<Unsubscription> unsubscription(String token) {
        return tokens.readUnsubscribe(token)
                .flatMap(u -> directory
                        .preferenceById(u.preferenceId())
                        .map(p -> new Unsubscription(u.kind(), p.context(), p.wants(u.kind()))));
    }

    /** Turns off what an unsubscribe link names (RFC 8058: one POST, no login); audited as the person's action. */
    @Transactional
    public Optional<Unsubscription> unsubscribe(String token, AuditTrail trail) {
        var link = tokens.readUnsubscribe(token);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        var preference = directory.preferenceById(link.get().preferenceId());
        if (preference.isEmpty()) {
            return Optional.empty();
        }
        var p = preference.get();
        boolean wasOn = directory.turnOff(p.id(), link.get().kind());
        if (wasOn) {
            auditLog.append(
                    trail.client(
                                    "person:" + p.subject(),
                                    p.context().participant().value())
                            .context(
                                    p.context().role().name(),
                                    p.context().commodity().name())
                            .action("MAIL unsubscribed from "
                                    + link.get().kind().name()),
                    "mail-unsubscribe-" + p.id(),
                    "MAIL",
                    200);
        }
        return Optional.of(new Unsubscription(link.get().kind(), p.context(), wasOn));
    }

    /** A person's preference in one context, as the hub operator sees who receives what. */
    public record Recipient(String subject, String name, Optional<Address> address, Preference preference) {}

    public List<Recipient> recipients(int limit) {
        return directory.recipients(limit).stream()
                .map(r -> new Recipient(
                        r.subject(), r.name(), r.address().map(Notifications::address), preference(r.preference())))
                .toList();
    }

    /** An email that failed at least once, with the person it was for. */
    public record Trouble(String subject, String name, Message message) {}

    /** The latest emails that failed at least once (then sent, still retried, or given up), newest first. */
    public List<Trouble> troubled(int limit) {
        return messages.troubled(limit).stream()
                .map(t -> new Trouble(t.message().subject(), t.name(), message(t.message())))
                .toList();
    }

    /** Whether this hub sends email at all (an SMTP server configured, or the embedded one). */
    public boolean sending() {
        return delivery.canSend();
    }

    private void requireKnown(Person person) {
        if (people.find(person.subject()).isEmpty()) {
            throw new MailRefused(new MailRefusal.UnknownPerson());
        }
    }

    private void requireConfirmationAllowed(Person person) {
        if (messages.confirmationsSince(person.subject(), Duration.ofDays(1)) >= CONFIRMATIONS_PER_DAY) {
            throw new MailRefused(new MailRefusal.TooManyConfirmations(CONFIRMATIONS_PER_DAY));
        }
    }

    /** One plain address, {@code name@domain}, as RFC 5322 writes it (no display name), at most 254 characters. */
    static String checkedAddress(String address) {
        var value = address == null ? "" : address.strip();
        if (value.isEmpty()
                || value.length() > ADDRESS_LENGTH
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new MailRefused(new MailRefusal.InvalidAddress());
        }
        try {
            var parsed = new InternetAddress(value, true);
            parsed.validate();
            var at = value.lastIndexOf('@');
            if (!parsed.getAddress().equals(value) || at < 1 || at == value.length() - 1 || value.contains(" ")) {
                throw new MailRefused(new MailRefusal.InvalidAddress());
            }
            return value;
        } catch (AddressException e) {
            throw new MailRefused(new MailRefusal.InvalidAddress());
        }
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private static Address address(MailDirectory.StoredAddress a) {
        return new Address(a.address(), a.language(), a.confirmedAt().isPresent());
    }

    private Preference preference(MailDirectory.StoredPreference p) {
        var now = HubTime.now(clock);
        return new Preference(
                p.context(),
                p.newEnquiriesSince().isPresent(),
                p.answersSince().isPresent(),
                p.digestAt(),
                p.digestAt().map(at -> Digests.nextAt(at, p.lastDigestDay(), now)));
    }

    private static Message message(Messages.Stored m) {
        return new Message(
                m.id(),
                m.kind(),
                m.context(),
                m.enquiry(),
                m.status(),
                m.reason(),
                m.attempts(),
                m.lastError(),
                m.createdAt(),
                m.sentAt(),
                m.status() == MessageStatus.PENDING ? Optional.of(m.nextAttemptAt()) : Optional.empty());
    }
}
