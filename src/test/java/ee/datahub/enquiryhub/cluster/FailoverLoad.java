package ee.datahub.enquiryhub.cluster;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;

import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.Receiver;
import ee.datahub.enquiryhub.support.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients of two hub instances, as integrators and clerks run them: writers (v1, v2 and the web
 * forms) that retry every write with its document id until it is acknowledged, a v2 cursor follower
 * that long-polls, a v1 scanner, and a push receiver. It keeps the ledger of acknowledged writes and
 * counts every answer that was not one (503s, with or without Retry-After, 5xx, no answer in time).
 */
final class FailoverLoad {

    /** Longer than the hub's longest configured wait (its 30 s socket timeout): a request past it hangs. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern DOCUMENT_ID = Pattern.compile("name=\"documentId\" value=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ENQUIRY_PATH = Pattern.compile("/web/enquiries/([0-9a-f-]{36})");

    /** A change as a client saw it: which enquiry, at which version, stamped when. */
    record Seen(String enquiry, long version, Instant timestamp) {}

    /** A cursor the follower was handed, and how many changes it had received by then. */
    record Checkpoint(String cursor, int received, Instant at) {}

    /** An answer; status 0 when none came in time (or the connection failed). */
    record Answer(int status, String body, HttpHeaders headers, Instant sent) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        Optional<String> header(String name) {
            return headers == null ? Optional.empty() : headers.firstValue(name);
        }

        Optional<String> retryAfter() {
            return header("Retry-After");
        }
    }

    private final List<String> hubs;
    private final Party supplier;
    private final String supplierToken;
    private final Party grid;
    private final String gridToken;
    private final String meter;
    private final WebClient web;
    private final AtomicLong turn = new AtomicLong();

    // the ledger
    final Map<String, AtomicInteger> supplierWrites = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> gridWrites = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> toAnswer = new ConcurrentLinkedQueue<>();

    // what the followers saw
    final List<Seen> followed = new CopyOnWriteArrayList<>();
    final List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    final Set<String> scanned = ConcurrentHashMap.newKeySet();
    private volatile String cursor;

    // the answers that were not acknowledgements, per phase
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger withoutRetryAfter = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    final AtomicInteger unanswered = new AtomicInteger();
    final AtomicInteger gaveUp = new AtomicInteger();
    final AtomicLong slowestMillis = new AtomicLong();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final AtomicReference<Instant> firstRefusalAfterLoss = new AtomicReference<>();
    final AtomicReference<Instant> firstWriteAfterLoss = new AtomicReference<>();
    private volatile Instant lostAt;

    private volatile boolean writing;
    private volatile boolean following;
    private final List<Thread> writers = new ArrayList<>();
    private final List<Thread> followers = new ArrayList<>();

    FailoverLoad(
            List<String> hubs,
            Party supplier,
            String supplierToken,
            Party grid,
            String gridToken,
            String meter,
            WebClient web) {
        this.hubs = List.copyOf(hubs);
        this.supplier = supplier;
        this.supplierToken = supplierToken;
        this.grid = grid;
        this.gridToken = gridToken;
        this.meter = meter;
        this.web = web;
    }

    void startFollowing(Instant since) {
        following = true;
        followers.add(Thread.ofVirtual().name("v2-follower").start(this::follow));
        followers.add(Thread.ofVirtual().name("v1-scanner").start(() -> scan(since)));
    }

    void stopFollowing() throws InterruptedException {
        following = false;
        for (var thread : followers) {
            thread.join(REQUEST_TIMEOUT.plusSeconds(5));
        }
    }

    void startWriting() {
        writing = true;
        writers.add(Thread.ofVirtual().name("v1-supplier").start(this::v1Supplier));
        writers.add(Thread.ofVirtual().name("v2-supplier").start(this::v2Supplier));
        writers.add(Thread.ofVirtual().name("v2-grid").start(this::v2Grid));
        writers.add(Thread.ofVirtual().name("web-supplier").start(this::webSupplier));
    }

    void stopWriting() throws InterruptedException {
        writing = false;
        for (var thread : writers) {
            thread.join(Duration.ofMinutes(4));
        }
        writers.clear();
    }

    /** A new phase: the counters start from 0, and {@code lostAt} is when the primary is lost. */
    void newPhase() {
        acknowledged.set(0);
        unavailable.set(0);
        withoutRetryAfter.set(0);
        serverErrors.set(0);
        unanswered.set(0);
        gaveUp.set(0);
        slowestMillis.set(0);
        problems.clear();
        firstRefusalAfterLoss.set(null);
        firstWriteAfterLoss.set(null);
        lostAt = null;
    }

    void lost(Instant at) {
        lostAt = at;
    }

    int writes() {
        return supplierWrites.values().stream().mapToInt(AtomicInteger::get).sum()
                + gridWrites.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Waits until {@code count} more writes have been acknowledged (at most the patience). */
    void awaitWrites(int count, Duration patience) throws InterruptedException {
        int target = acknowledged.get() + count;
        var deadline = Instant.now().plus(patience);
        while (acknowledged.get() < target && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        if (acknowledged.get() < target) {
            throw new AssertionError("only " + acknowledged.get() + " of " + target + " writes acknowledged within "
                    + patience + "; problems: " + problems);
        }
    }

    /** Creates one enquiry through v1 with a retried document id; its id, or empty if never acknowledged. */
    Optional<String> createOnce(String comment) {
        var document = UUID.randomUUID().toString();
        var body = EnquiryJson.createBody(
                        EnquiryJson.context(supplier.eic(), "OPEN_SUPPLIER", "ELECTRICITY"),
                        List.of(anEnquiry().about(meter).comment(comment)))
                .toString();
        var answer =
                write("v1 create", () -> v1("POST", "/api/v1/direct-messages", document, body), Duration.ofMinutes(3));
        if (answer == null) {
            return Optional.empty();
        }
        var id = JSON.readTree(answer.body()).stringValue();
        supplierWrites.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        return Optional.of(id);
    }

    private void v1Supplier() {
        int n = 0;
        while (writing) {
            var id = createOnce("v1 enquiry " + n++);
            if (id.isEmpty()) {
                continue;
            }
            toAnswer.add(id.get());
            var document = UUID.randomUUID().toString();
            var change = object(
                            "marketParticipantContext",
                            EnquiryJson.context(supplier.eic(), "OPEN_SUPPLIER", "ELECTRICITY"),
                            "messageRequestId",
                            id.get(),
                            "directMessageRequestChange",
                            object("requestComment", "changed through v1"))
                    .toString();
            if (write("v1 change", () -> v1("PUT", "/api/v1/direct-messages", document, change), Duration.ofMinutes(3))
                    != null) {
                supplierWrites.get(id.get()).incrementAndGet();
            }
        }
    }

    private void v2Supplier() {
        int n = 0;
        while (writing) {
            var document = UUID.randomUUID().toString();
            var body =
                    anEnquiry().about(meter).comment("v2 enquiry " + n++).json().toString();
            var created = write(
                    "v2 create",
                    () -> v2(
                            "POST",
                            "/api/v2/direct-messages",
                            supplier,
                            supplierToken,
                            "OPEN_SUPPLIER",
                            document,
                            body),
                    Duration.ofMinutes(3));
            if (created == null) {
                continue;
            }
            var id = JSON.readTree(created.body()).get("id").stringValue();
            supplierWrites.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            toAnswer.add(id);
            var changeDocument = UUID.randomUUID().toString();
            var change = object("requestComment", "changed through v2").toString();
            if (write(
                            "v2 change",
                            () -> v2(
                                    "PUT",
                                    "/api/v2/direct-messages/" + id,
                                    supplier,
                                    supplierToken,
                                    "OPEN_SUPPLIER",
                                    changeDocument,
                                    change),
                            Duration.ofMinutes(3))
                    != null) {
                supplierWrites.get(id).incrementAndGet();
            }
        }
    }

    private void v2Grid() {
        while (writing) {
            var id = toAnswer.poll();
            if (id == null) {
                sleep(Duration.ofMillis(50));
                continue;
            }
            var document = UUID.randomUUID().toString();
            var body = object("requestStatus", "OPEN", "responseComment", "an interim answer")
                    .toString();
            if (write(
                            "v2 answer",
                            () -> v2(
                                    "POST",
                                    "/api/v2/direct-messages/" + id + "/responses",
                                    grid,
                                    gridToken,
                                    "GRID_OPERATOR",
                                    document,
                                    body),
                            Duration.ofMinutes(3))
                    != null) {
                gridWrites.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    // A clerk's enquiries through the web forms: the form's document id is posted again on every retry.
    private void webSupplier() {
        int n = 0;
        while (writing) {
            var form = page("web form", () -> web.get("/web/enquiries/new"));
            if (form == null) {
                continue;
            }
            var matcher = DOCUMENT_ID.matcher(form.body());
            if (!matcher.find()) {
                problem("web form: 200 at " + form.uri() + " without a document id: " + title(form.body()));
                sleep(Duration.ofSeconds(1));
                continue;
            }
            var fields = new LinkedHashMap<String, String>(Map.of(
                    "documentId",
                    matcher.group(1),
                    "meterEic",
                    meter,
                    "customerEic",
                    Party.CUSTOMER,
                    "topic",
                    "DATA",
                    "referenceValue",
                    "",
                    "requestComment",
                    "web enquiry " + n++,
                    "receiverEic",
                    ""));
            var formToken = csrf(form.body());
            if (formToken.isEmpty()) {
                continue;
            }
            fields.put("_csrf", formToken.get());
            var check = page("web check", () -> web.post("/web/enquiries/check", fields));
            if (check == null) {
                continue;
            }
            var checkToken = csrf(check.body());
            if (checkToken.isEmpty()) {
                continue;
            }
            fields.put("_csrf", checkToken.get());
            var sent = webWrite(() -> web.post("/web/enquiries", fields));
            if (sent != null) {
                var id = sent;
                supplierWrites.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                toAnswer.add(id);
            }
        }
    }

    private static String title(String html) {
        var start = html.indexOf("<title>");
        var end = html.indexOf("</title>");
        return start >= 0 && end > start ? html.substring(start + 7, end).trim() : excerpt(html);
    }

    private Optional<String> csrf(String html) {
        var matcher = CSRF.matcher(html);
        if (matcher.find()) {
            return Optional.of(matcher.group(1));
        }
        problem("a web page without a CSRF token: " + excerpt(html));
        return Optional.empty();
    }

    private HttpResponse<String> page(String what, Supplier<HttpResponse<String>> request) {
        var deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            var sent = Instant.now();
            HttpResponse<String> response;
            try {
                response = request.get();
            } catch (IllegalStateException e) {
                note(what, new Answer(0, e.toString(), null, sent));
                continue;
            }
            if (response.statusCode() == 200) {
                return response;
            }
            var answer = new Answer(response.statusCode(), response.body(), response.headers(), sent);
            note(what, answer);
            if (response.statusCode() != 503) {
                return null;
            }
            pause(answer);
        }
        gaveUp.incrementAndGet();
        return null;
    }

    // The web form's post: acknowledged when the browser lands on the new enquiry's page.
    private String webWrite(Supplier<HttpResponse<String>> post) {
        var deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            var sent = Instant.now();
            HttpResponse<String> response;
            try {
                response = post.get();
            } catch (IllegalStateException e) {
                note("web send", new Answer(0, e.toString(), null, sent));
                continue;
            }
            var matcher = ENQUIRY_PATH.matcher(response.uri().getPath());
            if (response.statusCode() == 200 && matcher.matches()) {
                acknowledge(sent);
                return matcher.group(1);
            }
            var answer = new Answer(response.statusCode(), response.body(), response.headers(), sent);
            note("web send", answer);
            refused(answer);
            if (response.statusCode() != 503) {
                return null;
            }
            pause(answer);
        }
        gaveUp.incrementAndGet();
        return null;
    }

    // Sends the request (built anew for each attempt: the next instance, the same document id) until a 2xx.
    private Answer write(String what, Supplier<HttpRequest.Builder> request, Duration patience) {
        var deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            var answer = send(request.get());
            slowestMillis.accumulateAndGet(
                    Duration.between(answer.sent(), Instant.now()).toMillis(), Math::max);
            if (answer.ok()) {
                acknowledge(answer.sent());
                return answer;
            }
            note(what, answer);
            refused(answer);
            if (answer.status() != 503 && answer.status() != 0) {
                return null;
            }
            pause(answer);
        }
        gaveUp.incrementAndGet();
        problems.add(what + ": not acknowledged within " + patience);
        return null;
    }

    // The first write acknowledged after the first one the outage refused: the write service is back.
    private void acknowledge(Instant sent) {
        acknowledged.incrementAndGet();
        var refused = firstRefusalAfterLoss.get();
        if (refused != null && sent.isAfter(refused)) {
            firstWriteAfterLoss.compareAndSet(null, Instant.now());
        }
    }

    private void refused(Answer answer) {
        var lost = lostAt;
        if (lost != null && answer.sent().isAfter(lost)) {
            firstRefusalAfterLoss.compareAndSet(null, answer.sent());
        }
    }

    private void note(String what, Answer answer) {
        if (answer.status() == 503) {
            unavailable.incrementAndGet();
            if (answer.retryAfter().isEmpty()) {
                withoutRetryAfter.incrementAndGet();
                problem(what + ": 503 without Retry-After: " + excerpt(answer.body()));
            }
        } else if (answer.status() == 0) {
            unanswered.incrementAndGet();
            problem(what + ": no answer: " + excerpt(answer.body()));
        } else if (answer.status() >= 500) {
            serverErrors.incrementAndGet();
            problem(what + ": " + answer.status() + " " + excerpt(answer.body()));
        } else {
            problem(what + ": " + answer.status() + " " + excerpt(answer.body()));
        }
    }

    private void problem(String text) {
        if (problems.size() < 50) {
            problems.add(text);
        }
    }

    private static String excerpt(String body) {
        return body == null ? "" : body.substring(0, Math.min(300, body.length()));
    }

    private void pause(Answer answer) {
        var seconds = answer.retryAfter().map(Long::parseLong).orElse(0L);
        sleep(seconds > 0 ? Duration.ofMillis(Math.min(1000, seconds * 1000)) : Duration.ofMillis(300));
    }

    // Follows the grid operator's v2 cursor feed, long-polling, from its start.
    private void follow() {
        while (following) {
            var query = "limit=100&wait=10" + (cursor == null ? "" : "&after=" + cursor);
            var answer = send(v2(
                    "GET", "/api/v2/direct-messages/changes?" + query, grid, gridToken, "GRID_OPERATOR", null, null));
            if (answer.status() != 200) {
                note("v2 follow", answer);
                if (answer.status() != 503 && answer.status() != 0) {
                    return;
                }
                pause(answer);
                continue;
            }
            var json = JSON.readTree(answer.body());
            json.get("content").forEach(change -> followed.add(seen(change)));
            cursor = json.get("nextCursor").stringValue();
            if (!json.get("content").isEmpty()) {
                checkpoints.add(new Checkpoint(cursor, followed.size(), Instant.now()));
            }
        }
    }

    /** Reads the v2 feed after a cursor once, without waiting. */
    Answer changesAfter(String after) {
        return send(v2(
                "GET",
                "/api/v2/direct-messages/changes?limit=500&after=" + after,
                grid,
                gridToken,
                "GRID_OPERATOR",
                null,
                null));
    }

    static Seen seen(JsonNode change) {
        var enquiry = change.get("enquiry");
        return new Seen(
                enquiry.get("id").stringValue(),
                enquiry.get("version").longValue(),
                Instant.parse(change.get("timestamp").stringValue()));
    }

    // Scans the grid operator's v1 feed again and again, resuming at the last timestamp seen (inclusive).
    private void scan(Instant since) {
        var from = since.toString();
        while (following) {
            var rows = new ArrayList<JsonNode>();
            boolean complete = true;
            for (int page = 0; ; page++) {
                var body = object(
                                "marketParticipantContext",
                                EnquiryJson.context(grid.eic(), "GRID_OPERATOR", "ELECTRICITY"),
                                "updatePeriodStart",
                                from,
                                "pagination",
                                object("page", page, "pageSize", 500))
                        .toString();
                var answer = send(v1(grid, gridToken, "POST", "/api/v1/direct-messages/change", null, body));
                if (answer.status() != 200) {
                    note("v1 scan", answer);
                    complete = false;
                    pause(answer);
                    break;
                }
                JSON.readTree(answer.body()).forEach(rows::add);
                var pages =
                        Long.parseLong(answer.header("x-pagination-total-pages").orElse("1"));
                if (page + 1 >= pages) {
                    break;
                }
            }
            for (var row : rows) {
                scanned.add(row.get("messageRequestId").stringValue() + "@"
                        + Instant.parse(row.get("timestamp").stringValue()));
            }
            if (complete && !rows.isEmpty()) {
                from = rows.getLast().get("timestamp").stringValue();
            }
            sleep(Duration.ofMillis(300));
        }
    }

    private String nextHub() {
        return hubs.get((int) (turn.getAndIncrement() % hubs.size()));
    }

    private HttpRequest.Builder v1(String method, String path, String document, String body) {
        return v1(supplier, supplierToken, method, path, document, body);
    }

    private HttpRequest.Builder v1(Party as, String token, String method, String path, String document, String body) {
        var builder = HttpRequest.newBuilder(URI.create(nextHub() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header(
                        "x-document-identification",
                        document == null ? UUID.randomUUID().toString() : document)
                .header("x-document-date-time", "2026-11-27T09:15:00+02:00")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        return builder;
    }

    private HttpRequest.Builder v2(
            String method, String path, Party as, String token, String role, String document, String body) {
        var builder = HttpRequest.newBuilder(URI.create(nextHub() + path))
                .header("Authorization", "Bearer " + token)
                .header("x-market-participant-eic", as.eic())
                .header("x-market-participant-role", role)
                .header("x-commodity-type", "ELECTRICITY");
        if (document != null) {
            builder.header("x-document-identification", document);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private Answer send(HttpRequest.Builder request) {
        var sent = Instant.now();
        try {
            var response = HTTP.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers(), sent);
        } catch (java.io.IOException e) {
            return new Answer(0, e.toString(), null, sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, e.toString(), null, sent);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pushes a receiver got: the changes in order of first arrival, and how many came again. */
    record Pushed(List<Seen> changes, int redelivered, List<String> conflicts) {}

    static Pushed pushed(Receiver receiver) {
        var first = new LinkedHashMap<String, String>();
        int again = 0;
        var conflicts = new ArrayList<String>();
        for (var request : receiver.received()) {
            var previous = first.putIfAbsent(request.webhookId(), request.body());
            if (previous != null) {
                again++;
                if (!previous.equals(request.body())) {
                    conflicts.add(request.webhookId());
                }
            }
        }
        var changes =
                first.values().stream().map(body -> seen(JSON.readTree(body))).toList();
        return new Pushed(changes, again, conflicts);
    }
}
