package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.audit.AuditEvent;
import ee.datahub.enquiryhub.eic.Eic;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The register of market participants and their metering points, kept by the hub operator. */
@Service
public class ParticipantRegister {

    private final JdbcClient jdbc;
    private final RegisterCache cache;

    ParticipantRegister(JdbcClient jdbc, RegisterCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    public Optional<Participant> find(Eic eic) {
        return cache.get(
                "participant",
                eic,
                () -> jdbc.sql("select eic, name, roles, commodities from market_participant where eic = ?")
                        .param(eic.value())
                        .query(ParticipantRegister::participant)
                        .optional());
    }

    /** The registered participants among these EICs, in one query (for bulk checks). */
    public java.util.Map<Eic, Participant> findAll(Collection<Eic> eics) {
        return jdbc
                .sql("select eic, name, roles, commodities from market_participant where eic = any(?)")
                .param(eics.stream().map(Eic::value).distinct().toArray(String[]::new))
                .query(ParticipantRegister::participant)
                .list()
                .stream()
                .collect(Collectors.toMap(Participant::eic, p -> p));
    }

    /** Registers or moves many metering points in one statement (their operators already checked). */
    @Transactional
    public int registerAll(List<MeteringPoint> points) {
        if (points.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                insert into metering_point (eic, grid_operator_eic, commodity)
                select * from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]))
                on conflict (eic) do update
                   set grid_operator_eic = excluded.grid_operator_eic, commodity = excluded.commodity
                """)
                .params(
                        points.stream().map(p -> p.eic().value()).toArray(String[]::new),
                        points.stream().map(p -> p.gridOperator().value()).toArray(String[]::new),
                        points.stream().map(p -> p.commodity().name()).toArray(String[]::new))
                .update();
    }

    public List<Participant> all() {
        return jdbc.sql("select eic, name, roles, commodities from market_participant order by eic")
                .query(ParticipantRegister::participant)
                .list();
    }

    /** Registers a participant, or replaces its name, roles and commodities when it is registered. */
    @Transactional
    public Participant register(Participant participant) {
        jdbc.sql("""
                insert into market_participant (eic, name, roles, commodities)
                values (:eic, :name, string_to_array(:roles, ','), string_to_array(:commodities, ','))
                on conflict (eic) do update
                   set name = excluded.name, roles = excluded.roles, commodities = excluded.commodities
                """)
                .param("eic", participant.eic().value())
                .param("name", participant.name())
                .param("roles", names(participant.roles()))
                .param("commodities", names(participant.commodities()))
                .update();
        cache.changed();
        AuditEvent.of(
                        "PARTICIPANT_REGISTERED",
                        "participant",
                        participant.eic().value(),
                        "roles",
                        names(participant.roles()),
                        "commodities",
                        names(participant.commodities()))
                .record();
        return participant;
    }

    /** What registering a metering point did. */
    public enum Registration {
        CREATED,
        MOVED,
        UNCHANGED
    }

    /**
     * Registers a metering point, or moves it to another grid operator or commodity (the API's
     * contract, and the import's). The grid operator must be registered and hold a receiving role in
     * that commodity.
     */
    @Transactional
    public Registration register(MeteringPoint point) {
        requireGridOperator(point);
        // Inserted rows have no xmax; a moved one has; an unchanged one is not written and returns none.
        var inserted = jdbc.sql("""
                insert into metering_point (eic, grid_operator_eic, commodity) values (?, ?, ?)
                on conflict (eic) do update
                   set grid_operator_eic = excluded.grid_operator_eic, commodity = excluded.commodity
                 where (metering_point.grid_operator_eic, metering_point.commodity)
                       is distinct from (excluded.grid_operator_eic, excluded.commodity)
                returning xmax = 0
                """)
                .params(
                        point.eic().value(),
                        point.gridOperator().value(),
                        point.commodity().name())
                .query(Boolean.class)
                .optional();
        if (inserted.isEmpty()) {
            return Registration.UNCHANGED;
        }
        cache.changed();
        var registration = inserted.get() ? Registration.CREATED : Registration.MOVED;
        event(registration == Registration.CREATED ? "METERING_POINT_REGISTERED" : "METERING_POINT_MOVED", point);
        return registration;
    }

    /**
     * Registers a metering point that is not registered yet.
     *
     * @throws RegisterRefused {@link RegisterRefusal.MeteringPointRegistered} naming the one registered
     */
    @Transactional
    public MeteringPoint registerNew(MeteringPoint point) {
        requireGridOperator(point);
        int inserted = jdbc.sql("""
                insert into metering_point (eic, grid_operator_eic, commodity) values (?, ?, ?)
                on conflict (eic) do nothing
                """)
                .params(
                        point.eic().value(),
                        point.gridOperator().value(),
                        point.commodity().name())
                .update();
        if (inserted == 0) {
            var registered = jdbc.sql("select eic, grid_operator_eic, commodity from metering_point where eic = ?")
                    .param(point.eic().value())
                    .query(ParticipantRegister::meteringPoint)
                    .single();
            throw new RegisterRefused(new RegisterRefusal.MeteringPointRegistered(
                    registered, find(registered.gridOperator()).map(Participant::name)));
        }
        cache.changed();
        event("METERING_POINT_REGISTERED", point);
        return point;
    }

    private static void event(String name, MeteringPoint point) {
        AuditEvent.of(
                        name,
                        "meteringPoint",
                        point.eic().value(),
                        "gridOperator",
                        point.gridOperator().value(),
                        "commodity",
                        point.commodity().name())
                .record();
    }

    private void requireGridOperator(MeteringPoint point) {
        var operator = find(point.gridOperator())
                .orElseThrow(() -> new RegisterRefused(new RegisterRefusal.UnknownGridOperator(point.gridOperator())));
        if (!operator.receivesEnquiriesIn(point.commodity())) {
            throw new RegisterRefused(new RegisterRefusal.NotGridOperator(point.gridOperator(), point.commodity()));
        }
    }

    /** One metering point as the hub operator's list shows it. */
    public record ListedMeteringPoint(MeteringPoint point, String gridOperatorName, Instant registeredAt) {}

    /**
     * What the list of metering points looks for, every part optional: the EIC's start (letters,
     * digits and '-', already in upper case), the grid operator, the commodity.
     */
    public record MeteringPointQuery(
            Optional<String> eicPrefix, Optional<Eic> gridOperator, Optional<Commodity> commodity) {}

    /** A page of the list, and the EICs that the pages before and after it start from, if there are such. */
    public record MeteringPointPage(
            List<ListedMeteringPoint> points, Optional<String> before, Optional<String> after) {}

    /**
     * A page of metering points by EIC: the first, the one after {@code after} or the one before
     * {@code before} (keyset: every page reads only its own rows from an index of the filters, however
     * many points there are).
     */
    @Transactional(readOnly = true)
    public MeteringPointPage meteringPoints(
            MeteringPointQuery query, Optional<String> after, Optional<String> before, int size) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        query.eicPrefix().ifPresent(prefix -> {
            // A range, not LIKE, so that the planner uses the index for any prefix, also in a generic plan.
            where.add("m.eic collate \"C\" >= ? and m.eic collate \"C\" < ?");
            params.add(prefix);
            params.add(prefix + '\u007f');
        });
        query.gridOperator().ifPresent(operator -> {
            where.add("m.grid_operator_eic = ?");
            params.add(operator.value());
        });
        query.commodity().ifPresent(commodity -> {
            where.add("m.commodity = ?");
            params.add(commodity.name());
        });
        boolean backwards = before.isPresent() && after.isEmpty();
        after.ifPresent(eic -> {
            where.add("m.eic collate \"C\" > ?");
            params.add(eic);
        });
        before.filter(eic -> backwards).ifPresent(eic -> {
            where.add("m.eic collate \"C\" < ?");
            params.add(eic);
        });
        params.add(size + 1);
        var rows = new ArrayList<>(jdbc.sql("select m.eic, m.grid_operator_eic, m.commodity, m.created_at, p.name"
                        + " from metering_point m join market_participant p on p.eic = m.grid_operator_eic"
                        + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                        + " order by m.eic collate \"C\"" + (backwards ? " desc" : "") + " limit ?")
                .params(params)
                .query((rs, n) -> new ListedMeteringPoint(
                        meteringPoint(rs, n),
                        rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant()))
                .list());
        boolean more = rows.size() > size;
        if (more) {
            rows.removeLast();
        }
        if (backwards) {
            Collections.reverse(rows);
        }
        if (rows.isEmpty()) {
            return new MeteringPointPage(List.of(), Optional.empty(), Optional.empty());
        }
        var first = rows.getFirst().point().eic().value();
        var last = rows.getLast().point().eic().value();
        boolean earlier = backwards ? more : after.isPresent();
        boolean later = backwards || more;
        return new MeteringPointPage(
                List.copyOf(rows),
                earlier ? Optional.of(first) : Optional.empty(),
                later ? Optional.of(last) : Optional.empty());
    }

    public Optional<MeteringPoint> meteringPoint(Eic eic) {
        return cache.get(
                "metering-point",
                eic,
                () -> jdbc.sql("select eic, grid_operator_eic, commodity from metering_point where eic = ?")
                        .param(eic.value())
                        .query(ParticipantRegister::meteringPoint)
                        .optional());
    }

    /** Tells every instance, when the current transaction commits, that the registers changed (bulk writes). */
    void registersChanged() {
        cache.changed();
    }

    /** The grid operator responsible for a metering point in the given commodity, if the register has one. */
    public Optional<Eic> gridOperatorOf(Eic meter, Commodity commodity) {
        return meteringPoint(meter)
                .filter(point -> point.commodity() == commodity)
                .map(MeteringPoint::gridOperator);
    }

    private static MeteringPoint meteringPoint(ResultSet rs, int row) throws SQLException {
        return new MeteringPoint(
                new Eic(rs.getString("eic")),
                new Eic(rs.getString("grid_operator_eic")),
                Commodity.valueOf(rs.getString("commodity")));
    }

    private static Participant participant(ResultSet rs, int row) throws SQLException {
        return new Participant(
                new Eic(rs.getString("eic")),
                rs.getString("name"),
                enums(rs.getArray("roles"), MarketRole.class),
                enums(rs.getArray("commodities"), Commodity.class));
    }

    static <E extends Enum<E>> Set<E> enums(Array array, Class<E> type) throws SQLException {
        return Arrays.stream((String[]) array.getArray())
                .map(name -> Enum.valueOf(type, name))
                .collect(Collectors.toSet());
    }

    /** Enum names joined for {@code string_to_array(?, ',')}: no name holds a comma. */
    static String names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
