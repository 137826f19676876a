package ee.datahub.enquiryhub.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The hub operator's search of the audit log: by enquiry, participant, actor, domain action and time,
 * newest first, actions only or with views, a page at a time. Each filter has its index (V18, V33: the
 * actions' own are partial, so they stay small however many reads there are), and pages continue from
 * the last entry shown (keyset), so a deep page costs what the first does.
 */
@Service
public class AuditSearch {

    private final JdbcClient jdbc;

    AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to look for; every part optional and ANDed. {@code actors}: any of these actor ids (a client
     * id, {@code person:<subject>}); {@code event}: a domain action's name; {@code to} is exclusive;
     * {@code views}: page views and routine requests too, not only actions.
     */
    public record Query(
            Optional<UUID> enquiryId,
            Optional<String> participant,
            List<String> actors,
            Optional<String> event,
            Optional<Instant> from,
            Optional<Instant> to,
            boolean views) {

        public Query {
            actors = List.copyOf(actors);
        }
    }

    /** Where a page ends: the next page holds entries strictly older than it. */
    public record Position(Instant at, long id) {

        /** As a link carries it. */
        public String text() {
            return at.toEpochMilli() * 1000 + (at.getNano() / 1000) % 1000 + "-" + id;
        }

        public static Optional<Position> parse(String text) {
            if (text == null || !text.matches("\\d{1,19}-\\d{1,19}")) {
                return Optional.empty();
            }
            var parts = text.split("-");
            try {
                long micros = Long.parseLong(parts[0]);
                return Optional.of(new Position(
                        Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L)), Long.parseLong(parts[1])));
            } catch (ArithmeticException | NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** One page: its entries, and where the next one starts if there are more. */
    public record Page(List<AuditEntry> entries, Optional<Position> next) {}

    public Page search(Query query, Optional<Position> after, int size) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        query.enquiryId().ifPresent(id -> {
            where.add("enquiry_ids @> array[?]::uuid[]");
            params.add(id);
        });
        query.participant().ifPresent(eic -> {
            where.add("participant_eic = ?");
            params.add(eic);
        });
        if (!query.actors().isEmpty()) {
            where.add("client_id in ("
                    + String.join(", ", query.actors().stream().map(a -> "?").toList()) + ")");
            params.addAll(query.actors());
        }
        query.event().ifPresent(event -> {
            where.add("event = ?");
            params.add(event);
        });
        query.from().ifPresent(from -> {
            where.add("at >= ?");
            params.add(Timestamp.from(from));
        });
        query.to().ifPresent(to -> {
            where.add("at < ?");
            params.add(Timestamp.from(to));
        });
        after.ifPresent(position -> {
            where.add("(at, id) < (?, ?)");
            params.add(Timestamp.from(position.at()));
            params.add(position.id());
        });
        var branches = new ArrayList<String>();
        var branchParams = new ArrayList<Object>();
        if (query.views()) {
            branches.add(branch(where, null, size));
            branchParams.addAll(params);
        } else {
            // The actions, from their partial indexes; and entries written before kinds were kept (V33),
            // of which all but GETs are actions: their partial index is never written to again.
            branches.add(branch(where, "kind = 'ACTION'", size));
            branchParams.addAll(params);
            if (query.event().isEmpty()) {
                branches.add(branch(where, LEGACY_ACTIONS, size));
                branchParams.addAll(params);
            }
        }
        var entries = jdbc.sql(
                        branches.size() == 1
                                ? branches.getFirst()
                                : "select * from (" + String.join(" union all ", branches)
                                        + ") e order by at desc, id desc limit " + (size + 1))
                .params(branchParams)
                .query(AuditLog::entry)
                .list();
        if (entries.size() <= size) {
            return new Page(entries, Optional.empty());
        }
        var page = entries.subList(0, size);
        var last = page.getLast();
        return new Page(List.copyOf(page), Optional.of(new Position(last.at(), last.id())));
    }

    /** The predicate of V33's index of entries written before kinds were kept, less the GETs. */
    static final String LEGACY_ACTIONS = "kind is null and action not like 'GET %' and action not like 'HEAD %'";

    private static String branch(List<String> where, String kind, int size) {
        var conditions = new ArrayList<>(where);
        if (kind != null) {
            conditions.add(kind);
        }
        return "(select * from audit_entry"
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by at desc, id desc limit " + (size + 1) + ")";
    }
}
