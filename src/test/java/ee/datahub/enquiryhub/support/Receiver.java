package ee.datahub.enquiryhub.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on loopback (the JDK's HTTP server), as an integrator would run one: it records
 * every request it gets (headers and body, in arrival order) and answers as the test tells it —
 * 204 by default. It can be stopped (nothing listens) and started again on the same port.
 */
public final class Receiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request the receiver got. */
    public record Received(Map<String, List<String>> headers, String body, Instant at) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of()).stream()
                    .findFirst()
                    .orElse(null);
        }

        public String webhookId() {
            return header("webhook-id");
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The headers as the JDK's client would give them (what the reference implementation's verify takes). */
        public HttpHeaders httpHeaders() {
            return HttpHeaders.of(headers, (name, value) -> true);
        }
    }

    /** How to answer a request: the status, a body, extra headers. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer status(int status) {
            return new Answer(status, "", Map.of());
        }
    }

    /** Decides the answer to the n-th request (from 1). */
    @FunctionalInterface
    public interface Behaviour {
        Answer answer(int n, Received request) throws InterruptedException;
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Behaviour> behaviour = new AtomicReference<>((n, r) -> Answer.status(204));
    private int port;
    private HttpServer server;

    public Receiver() {
        start(0);
    }

    public synchronized void start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            var headers = new TreeMap<String, List<String>>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var request = new Received(headers, body, Instant.now());
            received.add(request);
            Answer answer;
            try {
                answer = behaviour.get().answer(received.size(), request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = Answer.status(500);
            }
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (var out = exchange.getResponseBody()) {
                    out.write(bytes);
                } catch (IOException e) {
                    // the hub may stop reading after its excerpt
                }
            }
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        server.stop(0);
    }

    public synchronized void restart() {
        start(port);
    }

    public void answer(Behaviour behaviour) {
        this.behaviour.set(behaviour);
    }

    public int port() {
        return port;
    }

    /** The URL the hub delivers to (loopback, allowed in the test hub's development mode). */
    public String url() {
        return "http://127.0.0.1:" + port + "/hub-webhooks";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered with 2xx are not known here; these are all requests, in arrival order. */
    public List<String> webhookIds() {
        return received().stream().map(Received::webhookId).toList();
    }

    /** Waits (up to a minute: the hub retries on its own schedule) until the condition holds; fails the test if it never does. */
    public static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}; on timeout the failure tells what {@code state} says then. */
    public static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state) {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what + " " + state.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public List<JsonNode> bodies() {
        var bodies = new ArrayList<JsonNode>();
        received().forEach(r -> bodies.add(r.json()));
        return bodies;
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
