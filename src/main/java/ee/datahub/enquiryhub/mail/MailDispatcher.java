package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.feed.ChangeFeed;
import ee.datahub.enquiryhub.platform.ClaimLoop;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's share of the email work, on one thread: follows the streams the feed's wake-ups
 * name ({@link MailFollower}), makes the digests whose time has come ({@link Digests}), and claims due
 * messages, as many as it has free slots ({@code hub.mail.concurrency}), each sent on a virtual thread
 * ({@link MailDelivery}). A periodic sweep ({@code hub.mail.sweep-interval}) follows every stream and
 * claims retries, so that a missed wake-up or another instance's work left behind is picked up.
 */
@Component
class MailDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final MailFollower follower;
    private final Digests digests;
    private final Messages messages;
    private final MailDirectory directory;
    private final MailDelivery delivery;
    private final MailSettings settings;
    private final ClaimLoop loop;
    // The streams followed, as this instance last read them (every sweep) or started following them.
    private final Set<String> followed = new HashSet<>();

    MailDispatcher(
            MailFollower follower,
            Digests digests,
            Messages messages,
            MailDirectory directory,
            MailDelivery delivery,
            MailSettings settings,
            ChangeFeed feed) {
        this.follower = follower;
        this.digests = digests;
        this.messages = messages;
        this.directory = directory;
        this.delivery = delivery;
        this.settings = settings;
        this.loop = new ClaimLoop("mail-dispatcher", "mail-send-", settings.concurrency(), settings.sweepInterval());
        feed.whenStamped(loop::stamped);
    }

    /** Follows a stream from now on (a preference here just asked for it; other instances see it on their sweep). */
    void followed(String streamKey) {
        synchronized (followed) {
            followed.add(streamKey);
        }
    }

    /** Claims due messages soon (one was just queued here, or a slot freed). */
    void claimSoon() {
        loop.nudge();
    }

    private boolean round(ClaimLoop.Round round) {
        boolean sweep = round.due();
        try {
            if (sweep) {
                var current = directory.followedStreams();
                synchronized (followed) {
                    followed.clear();
                    followed.addAll(current);
                }
            }
            Set<String> wanted;
            synchronized (followed) {
                if (round.everyStream() || sweep) {
                    wanted = Set.copyOf(followed);
                } else {
                    wanted = new HashSet<>(round.streams());
                    wanted.retainAll(followed);
                }
            }
            if (!wanted.isEmpty()) {
                follower.follow(wanted);
            }
            if (sweep) {
                digests.makeDue();
            }
            claim();
        } catch (RuntimeException e) {
            if (loop.running()) {
                log.warn("Mail: the dispatcher's round failed ({}); trying again on the next sweep", e.toString());
            }
        }
        return sweep;
    }

    // Claims due messages while slots are free; each is sent on a virtual thread, which asks for more when done.
    private void claim() {
        while (loop.running()) {
            int free = loop.freeSlots();
            if (free == 0) {
                return;
            }
            var token = UUID.randomUUID();
            var claimed = messages.claim(free, token, settings.lease());
            for (var message : claimed) {
                loop.execute(
                        () -> {
                            try {
                                delivery.deliver(message);
                            } catch (RuntimeException e) {
                                log.warn(
                                        "Mail: sending message {} stopped ({}); it is tried again",
                                        message.id(),
                                        e.toString());
                                release(message);
                            }
                        },
                        this::claimSoon);
            }
            if (claimed.size() < free) {
                return;
            }
        }
    }

    private void release(Messages.Stored message) {
        try {
            messages.release(message.id(), message.leaseToken().orElseThrow(), settings.sweepInterval());
        } catch (RuntimeException e) {
            log.warn("Mail: could not let message {} go; its claim expires in {}", message.id(), settings.lease());
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Mail: this instance sends no email (hub.mail.enabled=false)");
            return;
        }
        if (!delivery.canSend()) {
            log.info(
                    "Mail: no SMTP server is configured (spring.mail.host, HUB_SMTP_HOST): this instance sends no email");
            return;
        }
        loop.start(this::round);
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }
}
