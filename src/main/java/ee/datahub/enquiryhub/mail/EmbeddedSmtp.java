package ee.datahub.enquiryhub.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The default start's SMTP server (GreenMail), inside the hub, on the loopback address only: the hub
 * sends to it as to any server, and the demo people read what it received on the demo mailbox page.
 * It keeps mail in this process's memory, so it suits one instance trying the hub out, never production.
 */
public final class EmbeddedSmtp {

    // Beyond this many messages it forgets all it holds: a demo mailbox, not an archive.
    private static final int KEPT = 2_000;

    private final GreenMail server;

    private EmbeddedSmtp(GreenMail server) {
        this.server = server;
    }

    static EmbeddedSmtp start(int port) {
        var setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        var server = new GreenMail(port == 0 ? setup.dynamicPort() : setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return new EmbeddedSmtp(server);
    }

    int port() {
        return server.getSmtp().getPort();
    }

    void stop() {
        server.stop();
    }

    /** One email as it arrived: its headers of interest and its two parts. */
    public record ReceivedMail(
            String messageId,
            Instant sentAt,
            String from,
            List<String> to,
            String subject,
            Map<String, String> headers,
            String text,
            String html) {

        /** A header of the message (the first one of that name). */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /** Reads a message as the hub writes them: multipart/alternative with a text and an HTML part. */
        public static ReceivedMail of(MimeMessage message) {
            try {
                var parts = new String[2];
                collect(message, parts);
                var headers = new java.util.LinkedHashMap<String, String>();
                var all = message.getAllHeaders();
                while (all.hasMoreElements()) {
                    var header = all.nextElement();
                    headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
                }
                var recipients = message.getAllRecipients();
                return new ReceivedMail(
                        message.getMessageID(),
                        message.getSentDate() == null
                                ? Instant.EPOCH
                                : message.getSentDate().toInstant(),
                        message.getFrom() == null ? "" : message.getFrom()[0].toString(),
                        recipients == null
                                ? List.of()
                                : Arrays.stream(recipients)
                                        .map(EmbeddedSmtp::plain)
                                        .toList(),
                        message.getSubject(),
                        java.util.Collections.unmodifiableMap(headers),
                        parts[0] == null ? "" : parts[0],
                        parts[1] == null ? "" : parts[1]);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("Could not read a received message", e);
            }
        }
    }

    /** What the server received for this address, newest first, at most {@code limit}. */
    public List<ReceivedMail> receivedBy(String address, int limit) {
        var wanted = address.toLowerCase(Locale.ROOT);
        var all = server.getReceivedMessages();
        if (all.length > KEPT) {
            forgetOldest();
        }
        return Arrays.stream(all)
                .filter(message -> addressedTo(message, wanted))
                .map(ReceivedMail::of)
                .sorted(Comparator.comparing(ReceivedMail::sentAt).reversed())
                .limit(limit)
                .toList();
    }

    private void forgetOldest() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            // The demo mailbox only: keeping too much is no harm.
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            var to = message.getAllRecipients();
            return to != null
                    && Arrays.stream(to).map(EmbeddedSmtp::plain).anyMatch(recipient -> recipient.equals(address));
        } catch (MessagingException e) {
            return false;
        }
    }

    private static String plain(Address address) {
        return (address instanceof InternetAddress internet ? internet.getAddress() : address.toString())
                .toLowerCase(Locale.ROOT);
    }

    private static void collect(Part part, String[] parts) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = (String) part.getContent();
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), parts);
            }
        }
    }
}
