import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The hub's load generator (bench/run starts the hub and runs this against it; docs/benchmark.md).
 *
 * <p>Closed loop: each of n clients sends its next request as soon as the previous one is answered.
 * Every operation is measured at every concurrency level after a warm-up, and compared with the
 * baseline (GET /actuator/health) measured at the same level in the same run, so that the ratios stay
 * meaningful on a machine shared with other work. Bounded in time and count; only talks to the base
 * URL it is given (bench/run gives it the hub it started on 127.0.0.1).
 *
 * <p>Needs only the JDK, plus the PostgreSQL JDBC driver on the class path for the data-set figures.
 */
public class Load {

    static final String SUPPLIER = "38X-EIN-OS-----J";
    static final String GRID = "38X-EIN-ALL----B";
    static final List<String> METERS = List.of("38ZGO-1000001U-D", "38ZGO-1000002U-9", "38ZGO-1000003U-5");
    static final String SUPPLIER_CONTEXT = context(SUPPLIER, "OPEN_SUPPLIER");
    static final String GRID_CONTEXT = context(GRID, "GRID_OPERATOR");
    static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    static final int BATCH = 100;
    static final int FEED_PAGE = 500;
    static final int SEARCH_PAGE = 100;

    static final List<String> OPERATIONS = List.of("search", "feed", "answer", "create", "batch");

    record Settings(String base, String db, List<Integer> clients, List<String> operations, Duration warmup,
            Duration duration, int rounds, Duration warmupRound, int maxRequests, int seed, int customers, Path csv) {

        static Settings parse(String[] args) {
            var values = new LinkedHashMap<String, String>();
            for (int i = 0; i < args.length; i++) {
                var arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    values.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    values.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("missing value of " + arg);
                }
            }
            var known = List.of("base", "db", "clients", "operations", "warmup", "duration", "rounds", "warmup-round",
                    "max-requests", "seed", "customers", "csv");
            values.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
            });
            var base = values.getOrDefault("base", "http://127.0.0.1:8080");
            var host = URI.create(base).getHost();
            if (!List.of("127.0.0.1", "localhost", "[::1]", "::1").contains(host)) {
                throw new IllegalArgumentException("the benchmark only loads a hub on this machine, not " + host);
            }
            return new Settings(base, values.get("db"),
                    Arrays.stream(values.getOrDefault("clients", "1,4,16").split(",")).map(String::trim)
                            .map(Integer::valueOf).toList(),
                    operations(values.getOrDefault("operations", String.join(",", OPERATIONS))),
                    seconds(values.getOrDefault("warmup", "2")), seconds(values.getOrDefault("duration", "6")),
                    Math.max(1, Integer.parseInt(values.getOrDefault("rounds", "3"))),
                    seconds(values.getOrDefault("warmup-round", "3")),
                    Integer.parseInt(values.getOrDefault("max-requests", "100000")),
                    Integer.parseInt(values.getOrDefault("seed", "10000")),
                    Integer.parseInt(values.getOrDefault("customers", "1000")),
                    values.containsKey("csv") ? Path.of(values.get("csv")) : null);
        }

        private static List<String> operations(String list) {
            var chosen = Arrays.stream(list.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
            chosen.stream().filter(o -> !OPERATIONS.contains(o)).findFirst().ifPresent(o -> {
                throw new IllegalArgumentException("unknown operation " + o + "; known: " + OPERATIONS);
            });
            return chosen;
        }

        private static Duration seconds(String value) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Load(settings).run();
    }

    private final Settings settings;
    private final PrintStream out = System.out;
    private final HttpClient setupClient = http();
    /** The customers of the seeded enquiries, whom search looks for. */
    private final List<String> customers;
    /** The customers of enquiries created while measuring, so that what search and the feed window read stays the same. */
    private final List<String> laterCustomers;
    /** Every request of the warm-ups and the measuring, for the sequential-scan report. */
    private final AtomicLong requestsSent = new AtomicLong();
    private String supplierToken;
    private String gridToken;

    Load(Settings settings) {
        this.settings = settings;
        this.customers = customerEics("38X-BENCH-", settings.customers());
        // Many, so that each has few enquiries, as in a hub: the planner's estimate of "enquiries per customer"
        // would otherwise grow with every write and turn search's join into a scan of all answers.
        this.laterCustomers = customerEics("38X-LATER-", 50_000);
    }

    void run() throws Exception {
        out.printf("Enquiry hub benchmark, %s%n", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        out.printf("machine: %d cores, %.1f GiB memory; Java %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                memory / (double) (1L << 30), Runtime.version(), System.getProperty("os.name"), System.getProperty("os.version"));
        out.printf("hub: %s; clients %s; operations %s%n", settings.base(), settings.clients(), settings.operations());
        out.printf("per level and operation: %s s warm-up, then %s s measured in %d rounds interleaved with the baseline"
                + " (at most %d requests)%n%n", seconds(settings.warmup()), seconds(settings.duration()), settings.rounds(),
                settings.maxRequests());

        supplierToken = token("supplier-a-erp", "supplier-a-secret");
        gridToken = token("grid-a-erp", "grid-a-secret");

        // The data set: settings.seed() enquiries from supplier A to grid operator A over settings.customers() customers.
        var seedStart = Instant.now().minusSeconds(1);
        var seeded = seedEnquiries(settings.seed(), customers, "for search");
        seedAnswers(seeded, seeded.size() / 5);
        // The measured answers go to enquiries of other customers, so that what search reads stays the same.
        var toAnswer = seedEnquiries(settings.seed() / 5, laterCustomers, "to answer while measuring");
        var seedEnd = closeFeedWindow();
        long feedRows = checkFeedWindow(seedStart, seedEnd);
        analyze();
        out.printf("Data set before measuring:%n");
        printDataSet();
        var tablesBefore = tableStatistics();
        out.printf("  grid operator's change feed window [%s, %s) holds %d rows; scans read its first page of %d%n%n",
                seedStart, seedEnd, feedRows, FEED_PAGE);

        var operations = new ArrayList<Operation>(List.of(health()));
        for (var key : OPERATIONS) {
            if (settings.operations().contains(key)) {
                operations.add(switch (key) {
                    case "search" -> search();
                    case "feed" -> feed(seedStart, seedEnd);
                    case "answer" -> answer(toAnswer);
                    case "create" -> createOne(laterCustomers);
                    case "batch" -> createBatch(laterCustomers);
                    default -> throw new IllegalStateException(key);
                });
            }
        }

        out.printf("Warm-up round: every operation for %s s with 4 clients, not counted%n", seconds(settings.warmupRound()));
        for (var op : operations) {
            measure(op, 4, settings.warmupRound(), Duration.ZERO);
        }

        var results = new ArrayList<Result>();
        out.printf("%nResults (latency in ms; ratios against the baseline at the same number of clients):%n%n");
        out.printf("%7s  %-28s %8s %6s %9s %8s %8s %8s %9s %11s%n", "clients", "operation", "requests", "errors",
                "req/s", "p50", "p95", "p99", "p50/base", "req/s/base");
        var slice = settings.duration().dividedBy(settings.rounds());
        for (int clients : settings.clients()) {
            for (var op : operations) {
                measure(op, clients, settings.warmup(), Duration.ZERO);
            }
            // Rounds of every operation in turn, so that a change in the machine's other load during the level
            // touches the baseline and the operations alike.
            var samples = new LinkedHashMap<Operation, Sample>();
            for (int round = 0; round < settings.rounds(); round++) {
                for (var op : operations) {
                    samples.merge(op, measure(op, clients, Duration.ZERO, slice), Sample::plus);
                }
            }
            var baseline = samples.get(operations.getFirst()).result(operations.getFirst().name(), clients, null);
            for (var op : operations) {
                var result = samples.get(op).result(op.name(), clients, baseline);
                results.add(result);
                print(result);
            }
            out.println();
        }

        reportSequentialScans(tablesBefore);
        out.printf("Data set after measuring:%n");
        printDataSet();
        results.stream().filter(r -> r.firstError() != null).forEach(r -> out.printf(
                "first error of %s with %d clients: %s%n", r.operation(), r.clients(), r.firstError()));
        writeCsv(results);
        boolean failed = results.stream().anyMatch(r -> r.errors() > 0);
        if (failed) {
            out.println("Some requests failed: their latencies are in the figures, but look at the errors above.");
            System.exit(1);
        }
    }

    // --- operations ---------------------------------------------------------------------------------

    /** One kind of request: {@code request(n)} builds the n-th request of a phase. */
    record Operation(String name, int expectedStatus, RequestFactory factory) {}

    interface RequestFactory {
        HttpRequest request(long n);
    }

    Operation health() {
        var request = HttpRequest.newBuilder(URI.create(settings.base() + "/actuator/health"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return new Operation("health (baseline)", 200, n -> request);
    }

    Operation createOne(List<String> customers) {
        return new Operation("create 1 enquiry", 201, n -> v1("POST", "/api/v1/direct-messages", supplierToken,
                "{\"marketParticipantContext\":" + SUPPLIER_CONTEXT + ",\"directMessageRequest\":[" + enquiry(customers)
                        + "]}"));
    }

    Operation createBatch(List<String> customers) {
        return new Operation("create batch of " + BATCH, 201, n -> v1("POST", "/api/v1/direct-messages", supplierToken,
                batchBody(customers)));
    }

    Operation search() {
        return new Operation("search by customerEic", 200, n -> v1("POST", "/api/v1/direct-messages/search", supplierToken,
                "{\"marketParticipantContext\":" + SUPPLIER_CONTEXT + ",\"directMessageAttributes\":{\"customerEic\":\""
                        + customers.get(ThreadLocalRandom.current().nextInt(customers.size())) + "\"},"
                        + "\"pagination\":{\"page\":0,\"pageSize\":" + SEARCH_PAGE + "}}"));
    }

    Operation feed(Instant from, Instant to) {
        var body = "{\"marketParticipantContext\":" + GRID_CONTEXT + ",\"updatePeriodStart\":\"" + from
                + "\",\"updatePeriodEnd\":\"" + to + "\",\"pagination\":{\"page\":0,\"pageSize\":" + FEED_PAGE + "}}";
        return new Operation("change feed, page of " + FEED_PAGE, 200,
                n -> v1("POST", "/api/v1/direct-messages/change", gridToken, body));
    }

    Operation answer(List<String> enquiries) {
        var next = new AtomicLong();
        return new Operation("answer (interim)", 201, n -> {
            var id = enquiries.get((int) (next.getAndIncrement() % enquiries.size()));
            return v1("POST", "/api/v1/direct-messages/response", gridToken, "{\"marketParticipantContext\":" + GRID_CONTEXT
                    + ",\"messageRequestId\":\"" + id + "\",\"directMessageResponse\":{\"requestStatus\":\"OPEN\","
                    + "\"responseComment\":\"Interim answer: the grid operator is checking the metering data.\"}}");
        });
    }

    private String batchBody(List<String> customers) {
        var body = new StringBuilder(BATCH * 330).append("{\"marketParticipantContext\":").append(SUPPLIER_CONTEXT)
                .append(",\"directMessageRequest\":[");
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append(enquiry(customers));
        }
        return body.append("]}").toString();
    }

    private String enquiry(List<String> customers) {
        var random = ThreadLocalRandom.current();
        return "{\"meterEic\":\"" + METERS.get(random.nextInt(METERS.size())) + "\",\"customerEic\":\""
                + customers.get(random.nextInt(customers.size())) + "\",\"topic\":\"INVOICE\",\"reference\":"
                + "{\"referenceType\":\"INVOICE\",\"referenceValue\":\"BENCH-" + String.format("%08d", random.nextInt(100_000_000))
                + "\"},\"requestStatus\":\"OPEN\",\"requestComment\":\"The customer disputes the network fee of the "
                + "last invoice and asks for the meter readings it was based on.\"}";
    }

    private HttpRequest v1(String method, String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(settings.base() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("x-document-identification", UUID.randomUUID().toString())
                .header("x-document-date-time", DateTimeFormatter.ISO_INSTANT.format(Instant.now()))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String context(String eic, String role) {
        return "{\"marketParticipantIdentification\":\"" + eic + "\",\"marketParticipantRole\":\"" + role
                + "\",\"commodityType\":\"ELECTRICITY\"}";
    }

    // --- setup ----------------------------------------------------------------------------------------

    private String token(String clientId, String secret) throws IOException, InterruptedException {
        var basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        var response = setupClient.send(HttpRequest.newBuilder(URI.create(settings.base() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=openid"))
                .build(), HttpResponse.BodyHandlers.ofString());
        var matcher = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("no token for " + clientId + ": " + response.statusCode() + " " + response.body());
        }
        return matcher.group(1);
    }

    /** Sends {@code count} enquiries about {@code customers} in batches of 100 with four clients; returns their ids. */
    private List<String> seedEnquiries(int count, List<String> customers, String purpose) throws InterruptedException {
        int batches = (count + BATCH - 1) / BATCH;
        var ids = new ConcurrentLinkedQueue<String>();
        double took = setup(batches, createBatch(customers),
                body -> UUID_PATTERN.matcher(body).results().forEach(m -> ids.add(m.group())));
        out.printf("Seeded %d enquiries %s (%d batches of %d, 4 clients) in %.1f s: %.0f enquiries/s%n", ids.size(), purpose,
                batches, BATCH, took, ids.size() / took);
        return List.copyOf(ids);
    }

    /**
     * Answers {@code count} of the seeded enquiries, one request each: a hub holds answers and
     * idempotency records too, and the planner should know that before anything is measured.
     */
    private void seedAnswers(List<String> enquiries, int count) throws InterruptedException {
        double took = setup(count, answer(enquiries), body -> {});
        out.printf("Seeded %d answers (4 clients) in %.1f s: %.0f answers/s%n", count, took, count / took);
    }

    /** Sends {@code count} requests of {@code op} with four clients; returns the seconds taken. */
    private double setup(int count, Operation op, java.util.function.Consumer<String> bodies) throws InterruptedException {
        var next = new AtomicInteger();
        var failure = new AtomicReference<String>();
        long started = System.nanoTime();
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < 4; w++) {
            workers.add(Thread.ofPlatform().name("seed-" + w).start(() -> {
                try (var client = http()) {
                    int n;
                    while ((n = next.getAndIncrement()) < count && failure.get() == null) {
                        var response = client.send(op.factory().request(n), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != op.expectedStatus()) {
                            failure.compareAndSet(null, response.statusCode() + " " + abbreviated(response.body()));
                            return;
                        }
                        bodies.accept(response.body());
                    }
                } catch (IOException | InterruptedException e) {
                    failure.compareAndSet(null, e.toString());
                }
            }));
        }
        for (var worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("seeding the data set failed (" + op.name() + "): " + failure.get());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * The end of the seeded part of the grid operator's feed. A scan stamps every change committed
     * before it, so every seeded row is stamped before the returned time and every later one after it.
     */
    private Instant closeFeedWindow() throws IOException, InterruptedException {
        scanFeed(Instant.now().minusSeconds(1), null);
        var end = Instant.now();
        Thread.sleep(5);
        return end;
    }

    private long checkFeedWindow(Instant from, Instant to) throws IOException, InterruptedException {
        var response = scanFeed(from, to);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("change feed scan failed: " + response.statusCode() + " " + response.body());
        }
        return Long.parseLong(response.headers().firstValue("x-pagination-total-elements").orElse("-1"));
    }

    private HttpResponse<String> scanFeed(Instant from, Instant to) throws IOException, InterruptedException {
        var body = "{\"marketParticipantContext\":" + GRID_CONTEXT + ",\"updatePeriodStart\":\"" + from + "\""
                + (to == null ? "" : ",\"updatePeriodEnd\":\"" + to + "\"") + ",\"pagination\":{\"page\":0,\"pageSize\":1}}";
        return setupClient.send(v1("POST", "/api/v1/direct-messages/change", gridToken, body),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Customer EICs {@code prefix}00000… (a prefix of 10 characters) with their ENTSO-E check characters. */
    static List<String> customerEics(String prefix, int count) {
        var eics = new ArrayList<String>(count);
        for (int n = 0; eics.size() < count; n++) {
            var first15 = prefix + String.format("%05d", n);
            char check = checkCharacter(first15);
            if (check != '-') {
                eics.add(first15 + check);
            }
        }
        return eics;
    }

    static char checkCharacter(String first15) {
        var alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            sum += alphabet.indexOf(first15.charAt(i)) * (16 - i);
        }
        return alphabet.charAt(36 - ((sum - 1) % 37));
    }

    // --- measuring ------------------------------------------------------------------------------------

    record Result(String operation, int clients, int requests, int errors, double seconds, double throughput,
            double p50, double p95, double p99, double p50Ratio, double throughputRatio, String firstError) {}

    /** What one or more measuring slices of an operation recorded: latencies in ns, unsorted. */
    record Sample(long[] latencies, int errors, String firstError, double seconds) {

        Sample plus(Sample other) {
            var both = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, both, latencies.length, other.latencies.length);
            return new Sample(both, errors + other.errors, firstError != null ? firstError : other.firstError,
                    seconds + other.seconds);
        }

        /** The figures; the ratios are against {@code baseline}, or 1 when this is the baseline. */
        Result result(String operation, int clients, Result baseline) {
            var sorted = latencies.clone();
            Arrays.sort(sorted);
            double throughput = seconds > 0 ? sorted.length / seconds : 0;
            double p50 = percentile(sorted, 0.50);
            return new Result(operation, clients, sorted.length, errors, seconds, throughput, p50, percentile(sorted, 0.95),
                    percentile(sorted, 0.99), baseline == null ? 1 : p50 / baseline.p50(),
                    baseline == null ? 1 : throughput / baseline.throughput(), firstError);
        }
    }

    /**
     * Runs {@code op} with {@code clients} clients: {@code warmup} unrecorded, then {@code duration}
     * (or until {@code settings.maxRequests()} requests), recording the requests that started within it.
     */
    private Sample measure(Operation op, int clients, Duration warmup, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + duration.toNanos();
        var recorded = new AtomicInteger();
        var errors = new AtomicInteger();
        var firstError = new AtomicReference<String>();
        var lastEnd = new AtomicLong(measureFrom);
        var counter = new AtomicLong();
        var latencies = new long[clients][];
        var counts = new int[clients];
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < clients; w++) {
            int worker = w;
            workers.add(Thread.ofPlatform().name(op.name() + "-" + w).start(() -> {
                long[] mine = new long[1024];
                int n = 0;
                try (var client = http()) {
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= measureUntil) {
                            break;
                        }
                        boolean counted = sent >= measureFrom;
                        if (counted && recorded.incrementAndGet() > settings.maxRequests() / settings.rounds()) {
                            break;
                        }
                        String error;
                        requestsSent.incrementAndGet();
                        try {
                            var response = client.send(op.factory().request(counter.getAndIncrement()),
                                    HttpResponse.BodyHandlers.ofString());
                            error = response.statusCode() == op.expectedStatus() ? null
                                    : response.statusCode() + " " + abbreviated(response.body());
                        } catch (IOException e) {
                            error = e.toString();
                        }
                        long ended = System.nanoTime();
                        if (counted) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = ended - sent;
                            lastEnd.accumulateAndGet(ended, Math::max);
                            if (error != null) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, error);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    latencies[worker] = mine;
                    counts[worker] = n;
                }
            }));
        }
        for (var worker : workers) {
            worker.join();
        }
        var all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int w = 0; w < clients; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        return new Sample(all, errors.get(), firstError.get(), (lastEnd.get() - measureFrom) / 1e9);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private void print(Result r) {
        out.printf(Locale.ROOT, "%7d  %-28s %8d %6d %9.1f %8.2f %8.2f %8.2f %8.2fx %10.3fx%n", r.clients(), r.operation(),
                r.requests(), r.errors(), r.throughput(), r.p50(), r.p95(), r.p99(), r.p50Ratio(), r.throughputRatio());
    }

    private void writeCsv(List<Result> results) throws IOException {
        if (settings.csv() == null) {
            return;
        }
        var lines = new ArrayList<String>();
        lines.add("operation,clients,requests,errors,seconds,throughput_per_s,p50_ms,p95_ms,p99_ms,p50_ratio,throughput_ratio");
        for (var r : results) {
            lines.add(String.format(Locale.ROOT, "\"%s\",%d,%d,%d,%.3f,%.1f,%.3f,%.3f,%.3f,%.3f,%.4f", r.operation(),
                    r.clients(), r.requests(), r.errors(), r.seconds(), r.throughput(), r.p50(), r.p95(), r.p99(),
                    r.p50Ratio(), r.throughputRatio()));
        }
        if (settings.csv().getParent() != null) {
            Files.createDirectories(settings.csv().getParent());
        }
        Files.write(settings.csv(), lines);
        out.printf("CSV: %s%n", settings.csv());
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String abbreviated(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0).replace(".0", "");
    }

    // --- the database -------------------------------------------------------------------------------

    private static final List<String> DATA_TABLES = List.of("enquiry", "enquiry_response", "feed_change",
            "idempotent_request", "audit_entry");

    private Connection database() throws SQLException {
        return settings.db() == null ? null : DriverManager.getConnection(settings.db(), "postgres", "");
    }

    private void printDataSet() throws SQLException {
        try (var db = database()) {
            if (db == null) {
                out.println("  (no --db given: no database figures)");
                return;
            }
            try (var statement = db.createStatement()) {
                for (var table : DATA_TABLES) {
                    try (var rs = statement.executeQuery("select count(*), pg_total_relation_size('" + table + "') from " + table)) {
                        rs.next();
                        out.printf(Locale.ROOT, "  %-20s %9d rows %9.1f MiB (with indexes)%n", table, rs.getLong(1),
                                rs.getLong(2) / 1048576.0);
                    }
                }
                try (var rs = statement.executeQuery("select pg_database_size(current_database())")) {
                    rs.next();
                    out.printf(Locale.ROOT, "  %-20s %24.1f MiB%n", "database size", rs.getLong(1) / 1048576.0);
                }
            }
        }
    }

    /**
     * Gives the planner statistics of the seeded data, as autovacuum would within a minute or two. Without
     * them it guesses, and for search by customer it then walks every enquiry of the sender (docs/benchmark.md).
     */
    private void analyze() throws SQLException {
        try (var db = database()) {
            if (db != null) {
                try (var statement = db.createStatement()) {
                    statement.execute("analyze");
                }
            }
        }
    }

    record TableStatistics(long seqScans, long seqRows, long indexScans, long liveRows) {}

    private Map<String, TableStatistics> tableStatistics() throws SQLException {
        var statistics = new LinkedHashMap<String, TableStatistics>();
        try (var db = database()) {
            if (db == null) {
                return statistics;
            }
            try (var statement = db.createStatement();
                    var rs = statement.executeQuery("""
                            select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup
                              from pg_stat_user_tables where schemaname = 'public' order by relname
                            """)) {
                while (rs.next()) {
                    statistics.put(rs.getString(1), new TableStatistics(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return statistics;
    }

    /**
     * Sequential scans while warming up and measuring, per table: scans that each read thousands of rows,
     * on a good share of the requests, mean a query on a request path reads a whole table. (A few hundred
     * such scans are a planner's fair choice: a statement's first plans on each pooled connection, for a
     * change-feed window that covers much of a small table.) PostgreSQL publishes an idle connection's
     * statistics up to 10 s late, so this waits 11 s first.
     */
    private void reportSequentialScans(Map<String, TableStatistics> before) throws SQLException, InterruptedException {
        if (settings.db() == null) {
            return;
        }
        Thread.sleep(11_000);
        var after = tableStatistics();
        out.printf("Sequential scans while warming up and measuring (%d requests):%n", requestsSent.get());
        out.printf("  %-20s %10s %14s %14s %12s %10s%n", "table", "seq scans", "rows read", "rows/seq scan", "index scans",
                "live rows");
        var suspicious = new ArrayList<String>();
        after.forEach((table, now) -> {
            var then = before.getOrDefault(table, new TableStatistics(0, 0, 0, 0));
            long scans = now.seqScans() - then.seqScans();
            long rows = now.seqRows() - then.seqRows();
            long indexScans = now.indexScans() - then.indexScans();
            if (scans == 0 && indexScans == 0) {
                return;
            }
            long perScan = scans == 0 ? 0 : rows / scans;
            out.printf("  %-20s %10d %14d %14d %12d %10d%n", table, scans, rows, perScan, indexScans, now.liveRows());
            if (scans >= requestsSent.get() / 20 && perScan >= 1000) {
                suspicious.add(table);
            }
        });
        out.println(suspicious.isEmpty()
                ? "  No table of 1000 rows or more was read whole by one request in twenty or more."
                : "  Read whole by one request in twenty or more: " + suspicious + ". Look at the plans (docs/benchmark.md):"
                        + " a request path without an index is a bug; a planner that reads a small table whole instead of"
                        + " probing it many times is not.");
        out.println();
    }
}
