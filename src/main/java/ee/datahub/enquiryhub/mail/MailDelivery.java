package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.audit.AuditLog;
import ee.datahub.enquiryhub.audit.AuditTrail;
import ee.datahub.enquiryhub.enquiry.AnswerId;
import ee.datahub.enquiryhub.enquiry.Enquiries;
import ee.datahub.enquiryhub.enquiry.EnquiryId;
import ee.datahub.enquiryhub.enquiry.EnquiryView;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.platform.HubTime;
import ee.datahub.enquiryhub.platform.PublicSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one claimed message. Whether it goes at all is decided now: the address must be confirmed, the
 * person must still want this kind of email and (for enquiries) still be allowed to read them in the
 * context; otherwise it is dropped with the reason. A sent message is recorded, with its audit entry,
 * if the claim still holds; a failure is retried with backoff, and logged by id, never by address.
 */
@Component
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final int ERROR_LENGTH = 500;

    private final Messages messages;
    private final MailDirectory directory;
    private final Readers readers;
    private final Digests digests;
    private final Enquiries enquiries;
    private final People people;
    private final MailContent content;
    private final MailTokens tokens;
    private final Optional<JavaMailSender> sender;
    private final MailSettings settings;
    private final AuditLog auditLog;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final String messageIdDomain;

    MailDelivery(
            Messages messages,
            MailDirectory directory,
            Readers readers,
            Digests digests,
            Enquiries enquiries,
            People people,
            MailContent content,
            MailTokens tokens,
            ObjectProvider<JavaMailSender> sender,
            MailSettings settings,
            AuditLog auditLog,
            PublicSettings publicSettings,
            Clock clock,
            PlatformTransactionManager transactionManager,
            MeterRegistry meters) {
        this.messages = messages;
        this.directory = directory;
        this.readers = readers;
        this.digests = digests;
        this.enquiries = enquiries;
        this.people = people;
        this.content = content;
        this.tokens = tokens;
        this.sender = Optional.ofNullable(sender.getIfAvailable());
        this.settings = settings;
        this.auditLog = auditLog;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
        this.messageIdDomain = URI.create(publicSettings.publicBaseUrl()).getHost();
    }

    /** What a message turned out to be when its time came. */
    private sealed interface Decision {
        record Send(String to, MailContent.Letter letter, List<UUID> enquiryIds, List<UUID> answerIds)
                implements Decision {}

        record Drop(DropReason reason) implements Decision {}
    }

    /** Whether an SMTP server is configured (or embedded): without one nothing is sent. */
    boolean canSend() {
        return sender.isPresent();
    }

    void deliver(Messages.Stored message) {
        var token = message.leaseToken().orElseThrow();
        var decision = decide(message);
        switch (decision) {
            case Decision.Drop drop -> {
                if (messages.dropped(message.id(), token, drop.reason())) {
                    meters.counter("hub.mail.messages", "outcome", "DROPPED").increment();
                    log.info("Mail: message {} ({}) not sent: {}", message.id(), message.kind(), drop.reason());
                }
            }
            case Decision.Send send -> send(message, token, send);
        }
    }

    private void send(Messages.Stored message, UUID token, Decision.Send send) {
        try {
            sender.orElseThrow().send(mime(message, send));
        } catch (MailException | MessagingException e) {
            failed(message, token, e);
            return;
        }
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!messages.sent(message.id(), token)) {
                return false;
            }
            audit(message, send);
            return true;
        }));
        meters.counter("hub.mail.messages", "outcome", "SENT").increment();
        if (recorded) {
            log.info("Mail: message {} ({}) sent", message.id(), message.kind());
        } else {
            log.warn("Mail: message {} was sent after its claim had expired", message.id());
        }
    }

    private void failed(Messages.Stored message, UUID token, Exception e) {
        meters.counter("hub.mail.messages", "outcome", "FAILED").increment();
        var status = messages.failed(
                message.id(),
                token,
                describe(e),
                backoff(message.attempts() + 1),
                settings.retry().giveUpAfter());
        // The exception's text may quote the address: the hub's log names the message and the kind of failure only.
        log.warn(
                "Mail: sending message {} ({}) failed ({}); {}",
                message.id(),
                message.kind(),
                e.getClass().getSimpleName(),
                status.map(s -> s == MessageStatus.FAILED ? "given up" : "retried later")
                        .orElse("its claim had expired"));
    }

    private Decision decide(Messages.Stored message) {
        var address = directory.address(message.subject());
        var person = people.find(message.subject());
        if (message.kind() == Kind.CONFIRMATION) {
            if (address.isEmpty() || address.get().confirmedAt().isPresent() || person.isEmpty()) {
                return new Decision.Drop(DropReason.SUPERSEDED);
            }
            var validUntil = HubTime.now(clock).plus(settings.confirmationValidity());
            var link = content.url("/mail/confirm/"
                    + tokens.confirmation(address.get().id(), address.get().address(), validUntil));
            return new Decision.Send(
                    address.get().address(),
                    content.confirmation(address.get().language(), person.get().name(), link, validUntil),
                    List.of(),
                    List.of());
        }
        if (address.isEmpty() || address.get().confirmedAt().isEmpty() || person.isEmpty()) {
            return new Decision.Drop(DropReason.UNCONFIRMED);
        }
        var context = message.context().orElseThrow();
        var preference = directory.preference(message.subject(), context);
        if (preference.isEmpty() || !preference.get().wants(message.kind())) {
            return new Decision.Drop(DropReason.UNSUBSCRIBED);
        }
        var caller = readers.caller(message.subject(), context);
        if (caller.isEmpty()) {
            return new Decision.Drop(DropReason.NO_PERMISSION);
        }
        var language = address.get().language();
        var name = person.get().name();
        var unsubscribe = content.url(
                "/mail/unsubscribe/" + tokens.unsubscribe(preference.get().id(), message.kind()));
        if (message.kind() == Kind.DIGEST) {
            var asOf = message.digestAsOf().orElseThrow();
            var due = digests.dueItems(message.subject(), context, asOf, settings.digestLimit() + 1);
            if (due.isEmpty()) {
                return new Decision.Drop(DropReason.NOTHING_DUE);
            }
            var shown = due.subList(0, Math.min(due.size(), settings.digestLimit()));
            return new Decision.Send(
                    address.get().address(),
                    content.digest(language, name, context, asOf, shown, due.size() > shown.size(), unsubscribe),
                    shown.stream().map(e -> e.id().value()).toList(),
                    List.of());
        }
        var enquiry =
                enquiries.read(caller.get(), new EnquiryId(message.enquiry().orElseThrow()));
        if (enquiry.isEmpty()) {
            return new Decision.Drop(DropReason.NOT_VISIBLE);
        }
        var answer =
                message.answer().map(AnswerId::new).flatMap(id -> enquiry.get().answer(id));
        if (message.kind() == Kind.ANSWER && answer.isEmpty()) {
            return new Decision.Drop(DropReason.NOT_VISIBLE);
        }
        EnquiryView view = enquiry.get();
        return new Decision.Send(
                address.get().address(),
                content.instant(language, name, context, view, answer, unsubscribe),
                List.of(view.id().value()),
                answer.map(a -> a.id().value()).stream().toList());
    }

    private MimeMessage mime(Messages.Stored message, Decision.Send send) throws MessagingException {
        var letter = send.letter();
        var mime = sender.orElseThrow().createMimeMessage();
        mime.setFrom(new InternetAddress(settings.from()));
        mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(send.to()));
        mime.setSubject(letter.subject(), "UTF-8");
        mime.setSentDate(java.util.Date.from(clock.instant()));
        // The same id on every attempt: a mail system that got it twice (the hub died before recording) can tell.
        mime.setHeader("Message-ID", "<" + message.id() + "@" + messageIdDomain + ">");
        mime.setHeader("Auto-Submitted", "auto-generated");
        mime.setHeader("X-Auto-Response-Suppress", "All");
        if (letter.unsubscribeUrl().isPresent()) {
            // RFC 8058: a mail client unsubscribes with one POST of "List-Unsubscribe=One-Click" to this URL.
            mime.setHeader("List-Unsubscribe", "<" + letter.unsubscribeUrl().get() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var text = new MimeBodyPart();
        text.setText(letter.text(), "UTF-8", "plain");
        var html = new MimeBodyPart();
        html.setText(letter.html(), "UTF-8", "html");
        var alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mime.setContent(alternative);
        return mime;
    }

    /** The audit entry of an email that carried enquiry data out of the hub, to the person it names. */
    private void audit(Messages.Stored message, Decision.Send send) {
        if (send.enquiryIds().isEmpty()) {
            return;
        }
        var context = message.context().orElseThrow();
        var trail = AuditTrail.ofBackgroundWork()
                .client("person:" + message.subject(), context.participant().value())
                .context(context.role().name(), context.commodity().name())
                .action("MAIL " + message.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " sent")
                .enquiries(send.enquiryIds())
                .answers(send.answerIds())
                .viewed();
        auditLog.append(trail, "mail-" + message.id(), "MAIL", 0);
    }

    /** The wait before the n-th retry: first × 2^(n−1), at most max, of which a random half (jitter). */
    Duration backoff(int failures) {
        var retry = settings.retry();
        long first = retry.firstDelay().toMillis();
        long max = retry.maxDelay().toMillis();
        long delay = failures >= 40 ? max : Math.min(max, first << Math.min(failures - 1, 40));
        long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    /** What the sending log keeps of a failure: the exceptions' kinds and texts, the address masked out. */
    private static String describe(Exception e) {
        var text = new StringBuilder();
        Throwable cause = e;
        while (cause != null && text.length() < ERROR_LENGTH) {
            if (!text.isEmpty()) {
                text.append(" / ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage().replaceAll("[^\\s<>\"]+@[^\\s<>\"]+", "<recipient>"));
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        var written = text.toString().replaceAll("\\s+", " ").strip();
        return written.length() <= ERROR_LENGTH ? written : written.substring(0, ERROR_LENGTH - 1) + "…";
    }
}
