package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.eic.Eic;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
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
        return participant;
    }

    /**
     * Registers a metering point, or moves it to another grid operator or commodity. The grid
     * operator must be registered and hold a receiving role in that commodity.
     */
    @Transactional
    public MeteringPoint register(MeteringPoint point) {
        var operator = find(point.gridOperator())
                .orElseThrow(() -> new RegisterRefused(new RegisterRefusal.UnknownGridOperator(point.gridOperator())));
        if (!operator.receivesEnquiriesIn(point.commodity())) {
            throw new RegisterRefused(new RegisterRefusal.NotGridOperator(point.gridOperator(), point.commodity()));
        }
        jdbc.sql("""
                insert into metering_point (eic, grid_operator_eic, commodity) values (?, ?, ?)
                on conflict (eic) do update
                   set grid_operator_eic = excluded.grid_operator_eic, commodity = excluded.commodity
                """)
                .params(
                        point.eic().value(),
                        point.gridOperator().value(),
                        point.commodity().name())
                .update();
        cache.changed();
        return point;
    }

    public Optional<MeteringPoint> meteringPoint(Eic eic) {
        return cache.get(
                "metering-point",
                eic,
                () -> jdbc.sql("select eic, grid_operator_eic, commodity from metering_point where eic = ?")
                        .param(eic.value())
                        .query((rs, n) -> new MeteringPoint(
                                new Eic(rs.getString(1)), new Eic(rs.getString(2)), Commodity.valueOf(rs.getString(3))))
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
