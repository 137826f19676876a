package ee.datahub.enquiryhub.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import ee.datahub.enquiryhub.mail.EmbeddedSmtp.ReceivedMail;
import java.io.IOException;
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
 * The test run's SMTP server (GreenMail) on a fixed port of 127.0.0.1, which every hub instance of the
 * run sends to ({@link HubApiTest#MAIL_SETTINGS}). A test may take it down, or make it hang (a server
 * that accepts connections and never answers), and bring it back; what it received before is kept.
 */
public final class TestSmtp {

    public static final int PORT = freePort();

    private static GreenMail server;
    private static ServerSocket silent;
    private static final List<Socket> held = new ArrayList<>();
    private static final List<ReceivedMail> earlier = new ArrayList<>();

    private TestSmtp() {}

    /** Starts it, unless it runs. */
    public static synchronized void start() {
        closeSilent();
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            server.start();
        }
    }

    /** Takes it down: connections are refused until it starts again. */
    public static synchronized void stop() {
        if (server != null) {
            earlier.addAll(received(server));
            server.stop();
            server = null;
        }
        closeSilent();
    }

    /** Takes it down and puts in its place one that accepts connections and never answers. */
    public static synchronized void hang() {
        stop();
        try {
            silent = new ServerSocket(PORT, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var socket = silent;
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    var accepted = socket.accept();
                    synchronized (TestSmtp.class) {
                        held.add(accepted);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Everything received so far (across restarts), oldest first. */
    public static synchronized List<ReceivedMail> all() {
        var all = new ArrayList<>(earlier);
        if (server != null) {
            all.addAll(received(server));
        }
        return all;
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

    private static List<ReceivedMail> received(GreenMail from) {
        return Arrays.stream(from.getReceivedMessages()).map(ReceivedMail::of).toList();
    }

    private static void closeSilent() {
        if (silent != null) {
            try {
                silent.close();
                for (var socket : held) {
                    socket.close();
                }
            } catch (IOException e) {
                // closing a test's stand-in
            }
            held.clear();
            silent = null;
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
