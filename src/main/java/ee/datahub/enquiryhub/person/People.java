package ee.datahub.enquiryhub.person;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.access.Person;
import ee.datahub.enquiryhub.audit.AuditEvent;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.ParticipantRegister;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.platform.HubTime;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The register of people who log in to the web interface: each is known by the subject ({@code sub})
 * its OpenID Connect provider gives it, holds permissions per participant, market role and commodity
 * (granted by the participant's ADMIN or the hub operator), and may be of the hub operator's staff.
 * Read on every request, so that a revoked grant takes effect at once.
 */
@Service
public class People {

    /** The longest subject kept: the audit log names a person as {@code person:<subject>}. */
    public static final int SUBJECT_LENGTH = 200;

    public static final int NAME_LENGTH = 200;

    private final JdbcClient jdbc;
    private final ParticipantRegister participants;
    private final PasswordEncoder passwords;
    private final Clock clock;

    People(JdbcClient jdbc, ParticipantRegister participants, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** One grant of a person, as its participant's ADMIN sees it. */
    public record PersonGrant(String subject, String name, Grant grant, String grantedBy, Instant grantedAt) {}

    /** The person with this subject and its grants; empty when the hub does not know it. */
    public Optional<Person> find(String subject) {
        return jdbc.sql("select subject, name, hub_operator from person where subject = ?")
                .param(subject)
                .query((rs, n) -> new Person(
                        rs.getString("subject"),
                        rs.getString("name"),
                        grantsOf(subject),
                        rs.getBoolean("hub_operator")))
                .optional();
    }

    /** The names of the people with these subjects, by subject (the unknown left out). */
    public Map<String, String> names(Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select subject, name from person where subject = any(?)")
                .param(subjects.stream().distinct().toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The subjects of the people with this name (in any case), at most 20: finding a person's actions by name. */
    public List<String> subjectsNamed(String name) {
        return jdbc.sql("select subject from person where lower(name) = lower(?) order by subject limit 20")
                .param(name.strip())
                .query(String.class)
                .list();
    }

    /** The person who logged in: as registered, or without any grant when the hub does not know it yet. */
    public Person loggedIn(String subject, String nameFromProvider) {
        return find(subject).orElseGet(() -> new Person(subject, nameFromProvider, List.of(), false));
    }

    /** The grants held for one participant, by person. */
    public List<PersonGrant> grantsFor(Eic participant) {
        return jdbc.sql("""
                select g.subject, p.name, g.participant_eic, g.role, g.commodity, g.permissions, g.granted_by, g.granted_at
                  from person_grant g join person p on p.subject = g.subject
                 where g.participant_eic = ?
                 order by p.name, g.subject, g.role, g.commodity
                """)
                .param(participant.value())
                .query((rs, n) -> new PersonGrant(
                        rs.getString("subject"),
                        rs.getString("name"),
                        grant(rs),
                        rs.getString("granted_by"),
                        rs.getTimestamp("granted_at").toInstant()))
                .list();
    }

    /**
     * Grants a person permissions for the participant in one role and commodity (replacing what it held
     * there), registering the person when the hub does not know it yet.
     *
     * @param grantedBy who granted, as the audit log names actors
     */
    @Transactional
    public Grant grant(String subject, String name, Grant grant, String grantedBy) {
        var checkedSubject = subject(subject);
        var checkedName = name(name);
        var participant = participants
                .find(grant.participant())
                .orElseThrow(() -> new PersonRefused(new PersonRefusal.UnknownParticipant(grant.participant())));
        if (!participant.holds(grant.role())) {
            throw new PersonRefused(new PersonRefusal.RoleNotHeld(participant.eic(), grant.role()));
        }
        if (!participant.trades(grant.commodity())) {
            throw new PersonRefused(new PersonRefusal.CommodityNotHeld(participant.eic(), grant.commodity()));
        }
        if (grant.permissions().isEmpty()) {
            throw new PersonRefused(new PersonRefusal.PermissionsRequired());
        }
        if (grant.permissions().contains(Permission.HUB_OPERATOR)) {
            throw new PersonRefused(new PersonRefusal.HubOperatorNotGrantable());
        }
        var now = HubTime.db(clock.instant());
        jdbc.sql("""
                insert into person (subject, name, created_at) values (?, ?, ?)
                on conflict (subject) do update set name = excluded.name
                """).params(checkedSubject, checkedName, now).update();
        jdbc.sql("""
                insert into person_grant (subject, participant_eic, role, commodity, permissions, granted_by, granted_at)
                values (?, ?, ?, ?, string_to_array(?, ','), ?, ?)
                on conflict (subject, participant_eic, role, commodity) do update
                   set permissions = excluded.permissions, granted_by = excluded.granted_by, granted_at = excluded.granted_at
                """)
                .params(
                        checkedSubject,
                        grant.participant().value(),
                        grant.role().name(),
                        grant.commodity().name(),
                        permissionNames(grant.permissions()),
                        grantedBy,
                        now)
                .update();
        event("GRANTED", checkedSubject, grant);
        return grant;
    }

    /** Revokes what the person held for the participant in this role and commodity; false if it held nothing. */
    @Transactional
    public boolean revoke(String subject, Eic participant, MarketRole role, Commodity commodity) {
        var revoked = jdbc.sql("""
                delete from person_grant where subject = ? and participant_eic = ? and role = ? and commodity = ?
                returning permissions
                """)
                .params(subject, participant.value(), role.name(), commodity.name())
                .query((rs, n) -> enums(rs.getArray(1)))
                .optional();
        revoked.ifPresent(
                permissions -> event("GRANT_REVOKED", subject, new Grant(participant, role, commodity, permissions)));
        return revoked.isPresent();
    }

    private static void event(String name, String subject, Grant grant) {
        AuditEvent.of(
                        name,
                        "person",
                        subject,
                        "participant",
                        grant.participant().value(),
                        "role",
                        grant.role().name(),
                        "commodity",
                        grant.commodity().name(),
                        "permissions",
                        permissionNames(grant.permissions()))
                .record();
    }

    /** Registers a person (or renames it) and sets whether it is of the hub operator's staff. */
    @Transactional
    public void register(String subject, String name, boolean hubOperator) {
        jdbc.sql("""
                insert into person (subject, name, hub_operator, created_at) values (?, ?, ?, ?)
                on conflict (subject) do update set name = excluded.name, hub_operator = excluded.hub_operator
                """)
                .params(subject(subject), name(name), hubOperator, HubTime.db(clock.instant()))
                .update();
    }

    /** Sets the password a registered person logs in with at the embedded provider (kept as a hash). */
    @Transactional
    public void setEmbeddedPassword(String subject, String password) {
        jdbc.sql("""
                insert into embedded_login (username, password_hash) values (?, ?)
                on conflict (username) do update set password_hash = excluded.password_hash
                """).params(subject, passwords.encode(password)).update();
    }

    /** A person the embedded provider lets log in: its subject, name and password hash. */
    public record EmbeddedLogin(String username, String name, String passwordHash) {}

    public Optional<EmbeddedLogin> embeddedLogin(String username) {
        return jdbc.sql("""
                select l.username, p.name, l.password_hash from embedded_login l join person p on p.subject = l.username
                 where l.username = ?
                """)
                .param(username)
                .query((rs, n) -> new EmbeddedLogin(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    private List<Grant> grantsOf(String subject) {
        return jdbc.sql("""
                select participant_eic, role, commodity, permissions from person_grant where subject = ?
                 order by participant_eic, role, commodity
                """).param(subject).query((rs, n) -> grant(rs)).list();
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(
                new Eic(rs.getString("participant_eic")),
                MarketRole.valueOf(rs.getString("role")),
                Commodity.valueOf(rs.getString("commodity")),
                enums(rs.getArray("permissions")));
    }

    private static Set<Permission> enums(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray())
                .map(Permission::valueOf)
                .collect(Collectors.toSet());
    }

    private static String permissionNames(Collection<Permission> permissions) {
        return permissions.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static String subject(String subject) {
        var value = subject == null ? "" : subject.strip();
        if (value.isEmpty()) {
            throw new PersonRefused(new PersonRefusal.SubjectRequired());
        }
        if (value.codePointCount(0, value.length()) > SUBJECT_LENGTH) {
            throw new PersonRefused(new PersonRefusal.SubjectTooLong(SUBJECT_LENGTH));
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new PersonRefused(new PersonRefusal.SubjectMalformed());
        }
        return value;
    }

    private static String name(String name) {
        var value = name == null ? "" : name.strip();
        if (value.isEmpty()) {
            throw new PersonRefused(new PersonRefusal.NameRequired());
        }
        if (value.codePointCount(0, value.length()) > NAME_LENGTH) {
            throw new PersonRefused(new PersonRefusal.NameTooLong(NAME_LENGTH));
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new PersonRefused(new PersonRefusal.NameMalformed());
        }
        return value;
    }
}
