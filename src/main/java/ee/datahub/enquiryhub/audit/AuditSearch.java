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
 * The hub operator's search of the audit log: by enquiry, participant, actor (a client id or
 * {@code person:<subject>}) and time range, newest first, a page at a time. Each filter has its index
 * (the enquiry's ids: GIN; participant and actor: with the time), and pages continue from the last
 * entry shown (keyset), so a deep page costs what the first does.
 */
@Service
public class AuditSearch {

    private final JdbcClient jdbc;

    AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to look for; every part optional and ANDed. {@code to} is exclusive. */
    public record Query(
            Optional<UUID> enquiryId,
            Optional<String> participant,
            Optional<String> actor,
            Optional<Instant> from,
            Optional<Instant> to) {}

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
        query.actor().ifPresent(actor -> {
            where.add("client_id = ?");
            params.add(actor);
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
        params.add(size + 1);
        var entries = jdbc.sql("select * from audit_entry"
                        + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                        + " order by at desc, id desc limit ?")
                .params(params)
                .query(AuditLog::entry)
                .list();
        if (entries.size() <= size) {
            return new Page(entries, Optional.empty());
        }
        var page = entries.subList(0, size);
        var last = page.getLast();
        return new Page(List.copyOf(page), Optional.of(new Position(last.at(), last.id())));
    }
}
