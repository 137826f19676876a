import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds the benchmark's data set by bulk SQL, straight into the hub's tables (docs/benchmark.md): enquiry
 * {@code i} (from 0) has fixed attributes derived from {@code i}, so a data set of any size has the same
 * proportions, and growing it from 10 000 to 1 000 000 messages only appends.
 *
 * <p>Of the enquiries: 60 % are sent by supplier A, 20 % by supplier B, 20 % by grid operator A acting as a
 * supplier; 62.5 % go to grid operator A (500 000 of 800 000), the rest to grid operator B and the closed
 * distribution network. One in 80 is about the "big" customer (10 000 of 800 000), one in 1 600 about the
 * "medium" one (500), the others about 200 000 customers, four each. One in 8 is about metering point
 * 38ZGO-1000001U-D. One in 4 has an answer, chosen by a hash of i (so 1 000 000 messages are 800 000
 * enquiries and about 200 000 answers, on every party alike); half of those close it. One enquiry comment
 * in 100 mentions a "voltage dip", as does one answer in 50. Every message has its feed row (in the receiving side's stream, numbered on from the
 * stream's last number), its audit entry, and, within the idempotency retention, its recorded outcome.
 * The history spans 80 days up to two hours ago, so that it is all within the feed's retention.
 */
final class Seed {

    static final String SUPPLIER_A = "38X-EIN-OS-----J";
    static final String SUPPLIER_B = "38X-DEMO-SUPB--T";
    static final String GRID_A = "38X-EIN-ALL----B";
    static final String GRID_B = "38X-DEMO-GOB---8";
    static final String CDN = "38X-DEMO-CDN---5";
    static final String METER_1 = "38ZGO-1000001U-D";
    static final int CUSTOMERS = 200_000;
    static final int METERS = 50_000;
    static final List<String> TABLES = List.of("enquiry", "enquiry_response", "feed_change", "idempotent_request",
            "audit_entry");

    /** The layout: enquiries are spread over [base, base + step * enquiriesAtFullSize). */
    record Layout(Instant base, long stepMicros, long fullEnquiries) {

        static Layout of(long fullMessages, Instant now) {
            long enquiries = enquiriesFor(fullMessages);
            var span = Duration.ofDays(80).minus(Duration.ofHours(2));
            var base = now.minus(Duration.ofDays(80)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            return new Layout(base, span.toNanos() / 1000 / enquiries, enquiries);
        }

        Instant createdAt(long i) {
            return base.plus(Duration.ofNanos(i * stepMicros * 1000));
        }
    }

    /** Enquiries of a data set of {@code messages} messages (four enquiries to one answer). */
    static long enquiriesFor(long messages) {
        return messages * 4 / 5;
    }

    /**
     * Whether and how enquiry i was answered: by a hash of i (the first byte of md5('bench-' || i)), so that
     * answers fall on every sender, receiver and customer alike: one in 4 answered, half of those closed.
     */
    static int hash(long i) {
        try {
            return java.security.MessageDigest.getInstance("MD5")
                    .digest(("bench-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))[0] & 0xff;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean closed(long i) {
        return hash(i) % 8 == 0;
    }

    /** Customer EIC n of the pool: n = 0 is the big customer, n = 1 the medium one. */
    static List<String> customers() {
        return eics("38XBENCHC", 6, CUSTOMERS);
    }

    static List<String> meters() {
        return eics("38ZBENCHM", 6, METERS);
    }

    /** {@code count} valid EICs {@code prefix} + a number of {@code digits} digits + the check character. */
    static List<String> eics(String prefix, int digits, int count) {
        var eics = new ArrayList<String>(count);
        for (long n = 0; eics.size() < count; n++) {
            var first15 = prefix + String.format("%0" + digits + "d", n);
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

    private final String url;
    private final Layout layout;
    private final List<String> customers;
    private final List<String> meters;

    Seed(String url, Layout layout, List<String> customers, List<String> meters) {
        this.url = url;
        this.layout = layout;
        this.customers = customers;
        this.meters = meters;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /**
     * Appends enquiries {@code [from, to)} with their answers, feed rows, audit entries and recorded
     * outcomes, in one transaction, with the tables' secondary indexes dropped and rebuilt (as their
     * definitions were), then VACUUM ANALYZE and CHECKPOINT: the steady state autovacuum keeps a hub in.
     */
    void append(long from, long to) throws SQLException {
        try (var db = connect()) {
            db.setAutoCommit(false);
            try (var s = db.createStatement()) {
                s.execute("set local maintenance_work_mem = '512MB'");
                s.execute("set local work_mem = '256MB'");
                // The stamper takes this lock for every run: none moves rows while the stream numbers are given here.
                s.execute("select last_stamp from feed_clock where id = 1 for update");
                try (var rs = s.executeQuery("select max(stamped_at) from feed_change")) {
                    rs.next();
                    var last = rs.getTimestamp(1);
                    if (last != null && !last.toInstant().isBefore(layout.createdAt(from))) {
                        throw new IllegalStateException("the feed holds changes stamped at " + last.toInstant()
                                + ", after the seed's start " + layout.createdAt(from) + ": seed before writing");
                    }
                }
                s.execute("select feed_ensure_partitions('" + layout.base() + "'::timestamptz, 2)");
                // The audit log is partitioned by month too (V10); the hub creates partitions from now on.
                s.execute("select audit_partition_create(m) from generate_series('" + layout.base()
                        + "'::timestamptz, now() + interval '1 month', interval '1 month') m");
                createPools(db);
                var indexes = new LinkedHashMap<String, String>();
                try (var rs = s.executeQuery("""
                        select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                          from pg_index i join pg_class t on t.oid = i.indrelid
                         where t.relname = any(array['enquiry', 'enquiry_response', 'feed_change', 'idempotent_request',
                                                     'audit_entry'])
                           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                        """)) {
                    while (rs.next()) {
                        indexes.put(rs.getString(1), rs.getString(2));
                    }
                }
                for (var name : indexes.keySet()) {
                    s.execute("drop index " + name);
                }
                for (var sql : statements(from, to)) {
                    s.execute(sql);
                }
                for (var definition : indexes.values()) {
                    // A partitioned table's index is defined "ON ONLY" the parent; rebuilt, it covers every partition.
                    s.execute(definition.replace(" ON ONLY ", " ON "));
                }
            }
            db.commit();
            db.setAutoCommit(true);
            try (var s = db.createStatement()) {
                s.execute("vacuum (analyze) enquiry, enquiry_response, feed_change, feed_stream, idempotent_request,"
                        + " audit_entry");
                s.execute("checkpoint");
            }
        }
    }

    private void createPools(Connection db) throws SQLException {
        try (var s = db.createStatement()) {
            s.execute("create temp table pool_customer (n bigint primary key, eic text not null) on commit drop");
            s.execute("create temp table pool_meter (n bigint primary key, eic text not null) on commit drop");
        }
        fill(db, "pool_customer", customers);
        fill(db, "pool_meter", meters);
    }

    private static void fill(Connection db, String table, List<String> eics) throws SQLException {
        try (var insert = db.prepareStatement("insert into " + table
                + " select n - 1, eic from unnest(?::text[]) with ordinality as u(eic, n)")) {
            insert.setArray(1, db.createArrayOf("text", eics.toArray()));
            insert.executeUpdate();
        }
    }

    private List<String> statements(long from, long to) {
        var values = new LinkedHashMap<String, String>();
        values.put("from", String.valueOf(from));
        values.put("to", String.valueOf(to));
        values.put("base", layout.base().toString());
        values.put("stepMicros", String.valueOf(layout.stepMicros()));
        values.put("boundary", layout.createdAt(to).toString());
        values.put("regular", String.valueOf(CUSTOMERS - 2));
        values.put("meters", String.valueOf(METERS));
        values.put("supplierA", SUPPLIER_A);
        values.put("supplierB", SUPPLIER_B);
        values.put("gridA", GRID_A);
        values.put("gridB", GRID_B);
        values.put("cdn", CDN);
        values.put("meter1", METER_1);
        return List.of(SEED, ENQUIRIES, ANSWERS, FEED, STREAMS, CLOCK, OUTCOMES, AUDIT).stream()
                .map(sql -> fill(sql, values)).toList();
    }

    private static String fill(String sql, Map<String, String> values) {
        var filled = sql;
        for (var entry : values.entrySet()) {
            filled = filled.replace("${" + entry.getKey() + "}", entry.getValue());
        }
        return filled;
    }

    private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

    private static final String SEED = """
            create temp table seed on commit drop as
            select g.i,
                   md5('bench-enquiry-' || g.i)::uuid as id,
                   md5('bench-answer-' || g.i)::uuid as answer_id,
                   case when g.i % 10 < 6 then '${supplierA}' when g.i % 10 < 8 then '${supplierB}' else '${gridA}' end as sender,
                   case when g.i % 8 < 5 then '${gridA}' when g.i % 8 = 6 then '${cdn}' else '${gridB}' end as receiver,
                   case when g.i % 8 = 0 then '${meter1}' when g.i % 8 < 5 then m.eic
                        when g.i % 8 = 6 then '38ZCD-3000001E-3' else '38ZGB-2000001E-M' end as meter,
                   c.eic as customer,
                   case when g.i % 3 = 0 then 'INVOICE' else 'DATA' end as topic,
                   case when g.i % 3 = 0 then 'INV-' || g.i end as reference_value,
                   g.h % 4 = 0 as answered,
                   case when g.h % 8 = 0 then 'CLOSE' else 'OPEN' end as status,
                   'The customer disputes the network fee for ' || to_char(g.created, 'FMMonth YYYY') || '; meter reading '
                       || (g.i * 7919) % 100000 || ' kWh. '
                       || (array['An estimated reading was used.', 'The invoice came twice.', 'The tariff looks wrong.',
                                 'The meter was replaced in the period.', 'The customer moved out.'])[g.i % 5 + 1]
                       || case when g.i % 100 = 7 then ' A voltage dip was reported at the connection point.' else '' end
                       as request_comment,
                   'Checked the metering data: '
                       || case when g.h % 8 = 0 then 'the invoice is correct; closing the enquiry.'
                               else 'the field team is checking the meter.' end
                       || case when g.i % 50 = 4 then ' The field team confirmed a voltage dip.' else '' end
                       as response_comment,
                   g.created,
                   least(g.created + interval '1 hour', g.created + ('${boundary}'::timestamptz - g.created) / 2) as answered_at
              from (select i, '${base}'::timestamptz + i * ${stepMicros} * interval '1 microsecond' as created,
                           case when i % 80 = 1 then 0 when i % 1600 = 3 then 1 else 2 + (i * 7919) % ${regular} end
                               as customer_n,
                           (i * 31) % ${meters} as meter_n,
                           ('x' || substr(md5('bench-' || i), 1, 2))::bit(8)::int as h
                      from generate_series(${from}::bigint, ${to}::bigint - 1) i) g
              join pool_customer c on c.n = g.customer_n
              join pool_meter m on m.n = g.meter_n
            """;

    private static final String ENQUIRIES = """
            insert into enquiry (id, commodity, sender_eic, receiver_eic, receiver_given, meter_eic, customer_eic, topic,
                                 reference_type, reference_value, status, request_comment, answered, version, created_at,
                                 updated_at, due_at, final_answer_at)
            select id, 'ELECTRICITY', sender, receiver, false, meter, customer, topic,
                   case when topic = 'INVOICE' then 'INVOICE' end, reference_value, status, request_comment, answered,
                   case when answered then 2 else 1 end, created, case when answered then answered_at else created end,
                   created + interval '14 days', case when status = 'CLOSE' then answered_at end
              from seed order by i
            """;

    private static final String ANSWERS = """
            insert into enquiry_response (id, enquiry_id, author_eic, status, response_comment, version, created_at,
                                          updated_at, sender_eic, receiver_eic, commodity, customer_eic, meter_eic)
            select answer_id, id, receiver, status, response_comment, 1, answered_at, answered_at, sender, receiver,
                   'ELECTRICITY', customer, meter
              from seed where answered order by answered_at
            """;

    private static final String FEED = """
            insert into feed_change (stamped_at, stream_seq, reason, author_side, audience_eic, commodity, enquiry_id,
                                     response_id, snapshot)
            select e.stamped_at,
                   coalesce(s.last_seq, 0) + row_number() over (partition by e.audience_eic, e.author_side order by e.stamped_at),
                   'CREATE', e.author_side, e.audience_eic, 'ELECTRICITY', e.enquiry_id, e.response_id, e.snapshot
              from (select created + interval '1 microsecond' as stamped_at, 'SENDER' as author_side, receiver as audience_eic,
                           id as enquiry_id, null::uuid as response_id,
                           jsonb_build_object('id', id, 'version', 1, 'commodity', 'ELECTRICITY', 'sender', sender,
                               'receiver', receiver, 'meter', meter, 'customer', customer, 'topic', topic, 'status', 'OPEN',
                               'comment', request_comment,
                               'createdAt', to_char(created at time zone 'UTC', ISO),
                               'updatedAt', to_char(created at time zone 'UTC', ISO),
                               'dueAt', to_char((created + interval '14 days') at time zone 'UTC', ISO),
                               'answers', '[]'::jsonb)
                           || case when topic = 'INVOICE' then jsonb_build_object('referenceType', 'INVOICE',
                                   'referenceValue', reference_value) else '{}'::jsonb end as snapshot
                      from seed
                    union all
                    select answered_at + interval '3 microseconds', 'RECEIVER', sender, id, answer_id,
                           jsonb_build_object('id', id, 'version', 2, 'commodity', 'ELECTRICITY', 'sender', sender,
                               'receiver', receiver, 'meter', meter, 'customer', customer, 'topic', topic, 'status', status,
                               'comment', request_comment,
                               'createdAt', to_char(created at time zone 'UTC', ISO),
                               'updatedAt', to_char(answered_at at time zone 'UTC', ISO),
                               'dueAt', to_char((created + interval '14 days') at time zone 'UTC', ISO),
                               'answers', jsonb_build_array(jsonb_build_object('id', answer_id, 'version', 1,
                                   'author', receiver, 'status', status, 'comment', response_comment,
                                   'createdAt', to_char(answered_at at time zone 'UTC', ISO),
                                   'updatedAt', to_char(answered_at at time zone 'UTC', ISO))))
                           || case when topic = 'INVOICE' then jsonb_build_object('referenceType', 'INVOICE',
                                   'referenceValue', reference_value) else '{}'::jsonb end
                      from seed where answered) e
              left join feed_stream s
                on s.audience_eic = e.audience_eic and s.author_side = e.author_side and s.commodity = 'ELECTRICITY'
            """.replace("ISO", ISO);

    private static final String STREAMS = """
            insert into feed_stream (audience_eic, author_side, commodity, last_seq)
            select audience_eic, author_side, commodity, max(stream_seq) from feed_change
             where stamped_at >= '${base}'::timestamptz group by 1, 2, 3
            on conflict (audience_eic, author_side, commodity)
            do update set last_seq = greatest(feed_stream.last_seq, excluded.last_seq)
            """;

    private static final String CLOCK = """
            update feed_clock set last_stamp = greatest(last_stamp, (select max(stamped_at) from feed_change)) where id = 1
            """;

    private static final String OUTCOMES = """
            insert into idempotent_request (caller_key, document_id, path_template, request_hash, status, response_body,
                                            response_headers, response_document_id, created_at, enquiry_ids, response_ids,
                                            error_code)
            select sender, md5('bench-document-e' || i)::uuid, 'POST /api/v1/direct-messages', md5('e' || i) || md5('E' || i),
                   201, '"' || id || '"', '{}'::jsonb, md5('bench-answer-document-e' || i)::uuid, created, array[id],
                   '{}'::uuid[], null
              from seed where created > now() - interval '30 days'
            union all
            select receiver, md5('bench-document-a' || i)::uuid, 'POST /api/v1/direct-messages/response',
                   md5('a' || i) || md5('A' || i), 201, '"' || answer_id || '"', '{}'::jsonb,
                   md5('bench-answer-document-a' || i)::uuid, answered_at, array[id], array[answer_id], null
              from seed where answered and answered_at > now() - interval '30 days'
            """;

    private static final String AUDIT = """
            insert into audit_entry (at, trace_id, request_id, source_address, client_id, participant_eic, role, commodity,
                                     action, enquiry_ids, response_ids, http_status, error_code)
            select created, md5('trace-e' || i), md5('request-e' || i), '127.0.0.1',
                   case sender when '${supplierA}' then 'supplier-a-erp' when '${supplierB}' then 'supplier-b-erp'
                               else 'grid-a-erp' end,
                   sender, 'OPEN_SUPPLIER', 'ELECTRICITY', 'POST /api/v1/direct-messages', array[id], '{}'::uuid[], 201, null
              from seed
            union all
            select answered_at, md5('trace-a' || i), md5('request-a' || i), '127.0.0.1',
                   case receiver when '${gridA}' then 'grid-a-erp' when '${gridB}' then 'grid-b-erp' else 'cdn-erp' end,
                   receiver, case when receiver = '${cdn}' then 'CLOSED_DISTRIBUTION_NETWORK' else 'GRID_OPERATOR' end,
                   'ELECTRICITY', 'POST /api/v1/direct-messages/response', array[id], array[answer_id], 201, null
              from seed where answered
            """;


    /** Rows and size of the data tables, for the report. */
    Map<String, long[]> sizes() throws SQLException {
        var sizes = new LinkedHashMap<String, long[]>();
        try (var db = connect(); var s = db.createStatement()) {
            for (var table : TABLES) {
                // A partitioned table's size is its partitions'.
                try (var rs = s.executeQuery("select (select count(*) from " + table + "), coalesce((select"
                        + " sum(pg_total_relation_size(relid)) from pg_partition_tree('" + table + "') where relid <> '" + table
                        + "'::regclass), 0) + pg_total_relation_size('" + table + "')")) {
                    rs.next();
                    sizes.put(table, new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            try (var rs = s.executeQuery("select 0, pg_database_size(current_database())")) {
                rs.next();
                sizes.put("database", new long[] {0, rs.getLong(2)});
            }
        }
        return sizes;
    }
}
