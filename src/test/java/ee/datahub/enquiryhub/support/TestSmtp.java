package ee.datahub.enquiryhub.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ee.datahub.enquiryhub.mail.EmbeddedSmtp.ReceivedMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The test run's SMTP server: GreenMail behind a small TCP relay on a fixed port of 127.0.0.1, which
 * every hub instance of the run sends to ({@link HubApiTest#MAIL_SETTINGS}). Through the relay a test
 * takes the server down (connections refused), makes it hang (connections accepted, never answered)
 * or slow (each answer held back), and brings it back; what GreenMail received is kept throughout.
 */
public final class TestSmtp {

    public static final int PORT = freePort();

    private static GreenMail server;
    private static ServerSocket relay;
    private static volatile boolean hanging;
    private static volatile Duration delay = Duration.ZERO;
    private static final List<Socket> open = new ArrayList<>();

    private TestSmtp() {}

    /** Serves normally (starting it the first time): connections reach GreenMail at once. */
    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            server.start();
        }
        hanging = false;
        delay = Duration.ZERO;
        if (relay == null) {
            listen();
        }
    }

    /** Holds each of the server's answers back this long: a slow mail server. */
    public static synchronized void slow(Duration perAnswer) {
        start();
        delay = perAnswer;
    }

    /** Takes it down: connections are refused (and those open are cut) until it starts again. */
    public static synchronized void stop() {
        if (relay != null) {
            close(relay);
            relay = null;
        }
        open.forEach(TestSmtp::close);
        open.clear();
    }

    /** Puts in its place one that accepts connections and never answers. */
    public static synchronized void hang() {
        stop();
        hanging = true;
        listen();
    }

    /** Everything received so far, oldest first. */
    public static synchronized List<ReceivedMail> all() {
        return server == null
                ? List.of()
                : Arrays.stream(server.getReceivedMessages())
                        .map(ReceivedMail::of)
                        .toList();
    }

    /** What was received for this address so far, oldest first. */
    public static List<ReceivedMail> to(String address) {
        var wanted = address.toLowerCase(Locale.ROOT);
        return all().stream().filter(mail -> mail.to().contains(wanted)).toList();
    }

    /** Waits (at most {@code max}) until the address has received {@code count} messages matching; returns them all. */
    public static List<ReceivedMail> await(String address, int count, Predicate<ReceivedMail> matching, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            var found = to(address).stream().filter(matching).toList();
            if (found.size() >= count || System.nanoTime() > end) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    public static List<ReceivedMail> await(String address, int count, Duration max) {
        return await(address, count, mail -> true, max);
    }

    private static void listen() {
        try {
            relay = new ServerSocket(PORT, 100, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var listening = relay;
        Thread.ofVirtual().name("test-smtp-relay").start(() -> {
            while (!listening.isClosed()) {
                try {
                    var client = listening.accept();
                    synchronized (TestSmtp.class) {
                        open.add(client);
                    }
                    if (!hanging) {
                        relay(client);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static void relay(Socket client) throws IOException {
        var upstream = new Socket("127.0.0.1", server.getSmtp().getPort());
        synchronized (TestSmtp.class) {
            open.add(upstream);
        }
        Thread.ofVirtual().start(() -> pump(client, upstream, false));
        Thread.ofVirtual().start(() -> pump(upstream, client, true));
    }

    private static void pump(Socket from, Socket to, boolean answers) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            var buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (answers && !delay.isZero()) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side went away, or the test cut the connection
        } finally {
            close(from);
            close(to);
            synchronized (TestSmtp.class) {
                open.remove(from);
                open.remove(to);
            }
        }
    }

    private static void close(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing a test's connection
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
