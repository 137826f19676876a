package ee.datahub.enquiryhub.push;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends one delivery: a POST with a JSON body, and nothing else. Its DNS resolution goes through
 * {@link Destinations}, so it connects only to addresses checked right then (DNS rebinding is
 * refused); no redirects, retries, cookies or proxies; {@code connect-timeout} and
 * {@code request-timeout} bound it, and only the status and the first 1024 bytes of the answer are read.
 */
@Component
class WebhookClient implements DisposableBean {

    /** How much of a receiver's answer is read and kept. */
    static final int EXCERPT = 1024;

    /** What became of one POST. */
    sealed interface Result {
        /** The receiver answered (any status: the caller decides what counts as delivered). */
        record Answered(int status, String excerpt, Optional<String> location, Duration latency) implements Result {}

        /** No answer; {@code sent} tells whether the request may have reached the receiver. */
        record Failed(String error, boolean sent, Duration latency) implements Result {}

        /** Not sent: the URL or its addresses are not allowed. */
        record Refused(String reason) implements Result {}
    }

    private static final ThreadLocal<Boolean> PLAIN_HTTP = ThreadLocal.withInitial(() -> false);

    private final Destinations destinations;
    private final PushSettings settings;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("push-deadlines").daemon().factory());

    WebhookClient(Destinations destinations, PushSettings settings) {
        this.destinations = destinations;
        this.settings = settings;
        var checkedDns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return destinations
                        .addresses(stripBrackets(host), PLAIN_HTTP.get())
                        .toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(checkedDns)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                        .setTimeToLive(TimeValue.ofSeconds(30))
                        // a kept-alive connection the receiver has closed meanwhile is noticed before it is reused
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom()
                        .setSoTimeout(Timeout.of(settings.requestTimeout()))
                        .build())
                .setMaxConnTotal(settings.concurrency() * 2)
                .setMaxConnPerRoute(settings.concurrency())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("enquiry-hub-webhooks/1")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                        .build())
                .build();
    }

    /** POSTs the body to the URL with the headers; never throws for anything the receiver or the network does. */
    Result post(URI url, Map<String, String> headers, byte[] body) {
        try {
            destinations.parse(url.toString());
        } catch (SubscriptionRefused refused) {
            return new Result.Refused(((SubscriptionRefusal.UrlRefused) refused.refusal()).problem());
        }
        // Checked at every delivery, also when a kept-alive connection (to an address checked when it was
        // opened) would serve it: a name that now leads somewhere forbidden gets nothing more.
        try {
            destinations.addresses(WebhookUrl.host(url), WebhookUrl.isPlainHttp(url));
        } catch (Destinations.Refused refused) {
            return new Result.Refused(refused.getMessage());
        } catch (UnknownHostException e) {
            return new Result.Failed("the host name could not be resolved", false, Duration.ZERO);
        }
        var post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        var deadline =
                deadlines.schedule(post::cancel, settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        PLAIN_HTTP.set(WebhookUrl.isPlainHttp(url));
        try (var response = http.executeOpen(null, post, null)) {
            var latency = Duration.ofNanos(System.nanoTime() - started);
            var excerpt = "";
            var entity = response.getEntity();
            if (entity != null) {
                try (var content = entity.getContent()) {
                    excerpt = text(content.readNBytes(EXCERPT));
                } catch (IOException e) {
                    // the status is what counts; a body that breaks off is no excerpt
                }
            }
            var location =
                    Optional.ofNullable(response.getFirstHeader("Location")).map(h -> h.getValue());
            // The rest of the body is not read: the connection is dropped (cancelled) instead of being drained.
            post.cancel();
            return new Result.Answered(response.getCode(), excerpt, location, latency);
        } catch (Destinations.Refused refused) {
            return new Result.Refused(refused.getMessage());
        } catch (IOException e) {
            return failure(e, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            PLAIN_HTTP.remove();
            deadline.cancel(false);
        }
    }

    private Result failure(IOException e, Duration latency) {
        var refused = cause(e, Destinations.Refused.class);
        if (refused.isPresent()) {
            return new Result.Refused(refused.get().getMessage());
        }
        if (cause(e, UnknownHostException.class).isPresent()) {
            return new Result.Failed("the host name could not be resolved", false, latency);
        }
        if (cause(e, ConnectTimeoutException.class).isPresent()) {
            return new Result.Failed("could not connect within " + seconds(settings.connectTimeout()), false, latency);
        }
        if (cause(e, ConnectException.class).isPresent()) {
            return new Result.Failed("the connection was refused", false, latency);
        }
        if (cause(e, SSLException.class).isPresent()) {
            return new Result.Failed(
                    "TLS failed: " + cause(e, SSLException.class).get().getMessage(), false, latency);
        }
        if (cause(e, org.apache.hc.core5.http.NoHttpResponseException.class).isPresent()) {
            return new Result.Failed("the connection was closed without an answer", true, latency);
        }
        if (e instanceof InterruptedIOException
                || cause(e, InterruptedIOException.class).isPresent()) {
            return new Result.Failed("no answer within " + seconds(settings.requestTimeout()), true, latency);
        }
        return new Result.Failed(
                e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), true, latency);
    }

    private static <T extends Throwable> Optional<T> cause(Throwable thrown, Class<T> type) {
        for (var t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** The receiver's bytes as text a person can read: UTF-8 (bad bytes replaced), control characters dropped. */
    static String text(byte[] bytes) {
        try {
            var decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            var clean = decoded.codePoints()
                    .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                    .filter(c -> c != 0)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
            return clean.length() > EXCERPT ? clean.substring(0, EXCERPT) : clean;
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }
}
