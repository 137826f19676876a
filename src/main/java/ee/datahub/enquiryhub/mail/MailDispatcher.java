package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.feed.ChangeFeed;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
    private final Semaphore slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Set<String> wokenStreams = new HashSet<>();
    private boolean wokenEveryStream;
    private boolean claimNow;
    /** The streams followed, as this instance last read them (every sweep) or started following them. */
    private final Set<String> followed = new HashSet<>();

    private volatile boolean running;
    private Thread thread;
    private ExecutorService senders;

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
        this.slots = new Semaphore(settings.concurrency());
        feed.whenStamped(streams -> {
            lock.lock();
            try {
                if (streams.isEmpty()) {
                    wokenEveryStream = true;
                } else {
                    wokenStreams.addAll(streams);
                }
                woken.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    /** Follows a stream from now on (a preference here just asked for it; other instances see it on their sweep). */
    void followed(String streamKey) {
        lock.lock();
        try {
            followed.add(streamKey);
        } finally {
            lock.unlock();
        }
    }

    /** Claims due messages soon (one was just queued here, or a slot freed). */
    void claimSoon() {
        lock.lock();
        try {
            claimNow = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long nextSweep = System.nanoTime();
        while (running) {
            HashSet<String> streams;
            boolean every;
            boolean sweep;
            lock.lock();
            try {
                while (running
                        && !wokenEveryStream
                        && !claimNow
                        && wokenStreams.isEmpty()
                        && System.nanoTime() < nextSweep) {
                    woken.awaitNanos(nextSweep - System.nanoTime());
                }
                if (!running) {
                    return;
                }
                sweep = System.nanoTime() >= nextSweep;
                every = wokenEveryStream || sweep;
                streams = new HashSet<>(wokenStreams);
                streams.retainAll(followed);
                wokenEveryStream = false;
                wokenStreams.clear();
                claimNow = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (sweep) {
                nextSweep = System.nanoTime() + settings.sweepInterval().toNanos();
            }
            try {
                if (sweep) {
                    var current = directory.followedStreams();
                    lock.lock();
                    try {
                        followed.clear();
                        followed.addAll(current);
                    } finally {
                        lock.unlock();
                    }
                }
                Set<String> wanted;
                if (every) {
                    lock.lock();
                    try {
                        wanted = Set.copyOf(followed);
                    } finally {
                        lock.unlock();
                    }
                } else {
                    wanted = streams;
                }
                if (!wanted.isEmpty()) {
                    follower.follow(wanted);
                }
                if (sweep) {
                    digests.makeDue();
                }
                claim();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Mail: the dispatcher's round failed ({}); trying again on the next sweep", e.toString());
                }
            }
        }
    }

    /** Claims due messages while slots are free; each is sent on a virtual thread, which asks for more when done. */
    private void claim() {
        while (running) {
            int free = slots.availablePermits();
            if (free == 0) {
                return;
            }
            var token = UUID.randomUUID();
            var claimed = messages.claim(free, token, settings.lease());
            for (var message : claimed) {
                slots.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        delivery.deliver(message);
                    } catch (RuntimeException e) {
                        log.warn(
                                "Mail: sending message {} stopped ({}); it is tried again", message.id(), e.toString());
                        release(message);
                    } finally {
                        slots.release();
                        claimSoon();
                    }
                });
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
        running = true;
        senders = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("mail-send-", 0).factory());
        thread = Thread.ofPlatform().name("mail-dispatcher").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        senders.shutdown();
        try {
            senders.awaitTermination(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
