package ee.datahub.enquiryhub.participant;

import ee.datahub.enquiryhub.audit.AuditEvent;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.platform.HubTime;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The register of technical users: created with a secret shown once, listed, revoked. */
@Service
public class TechnicalUsers {

    /** The most active technical users one participant may have. */
    public static final int LIMIT_PER_PARTICIPANT = 20;

    private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final RegisterCache cache;

    TechnicalUsers(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, RegisterCache cache) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.cache = cache;
    }

    /** A technical user just created, with the only copy of its secret. */
    public record Created(TechnicalUser user, String clientSecret) {}

    /**
     * Creates a technical user with a generated secret. The client id is {@code clientId} as given;
     * at most {@link #LIMIT_PER_PARTICIPANT} may be active per participant.
     */
    @Transactional
    public Created create(String clientId, Optional<Eic> participant, Set<Permission> permissions) {
        var secret = generateSecret();
        var created = new Created(register(clientId, secret, participant, permissions), secret);
        AuditEvent.of(
                        "TECHNICAL_USER_CREATED",
                        "clientId",
                        clientId,
                        "participant",
                        participant.map(Eic::value).orElse(null),
                        "permissions",
                        ParticipantRegister.names(permissions))
                .record();
        return created;
    }

    /**
     * Creates a further technical user of a participant, as its ADMIN does: the client id is the
     * participant's EIC in lower case, a dot and the suffix; the permissions are the participant's own
     * (never {@code HUB_OPERATOR}).
     */
    @Transactional
    public Created createFor(Eic participant, String suffix, Set<Permission> permissions) {
        if (suffix == null || suffix.isBlank()) {
            throw new RegisterRefused(new RegisterRefusal.SuffixRequired());
        }
        if (permissions.contains(Permission.HUB_OPERATOR)) {
            throw new RegisterRefused(new RegisterRefusal.HubOperatorNotGrantable());
        }
        return create(
                participant.value().toLowerCase(java.util.Locale.ROOT) + "." + suffix,
                Optional.of(participant),
                permissions);
    }

    /** Registers a technical user with a known secret (demo data, hub operator bootstrap). */
    @Transactional
    public TechnicalUser register(
            String clientId, String secret, Optional<Eic> participant, Set<Permission> permissions) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new RegisterRefused(new RegisterRefusal.ClientIdMalformed(clientId));
        }
        if (permissions.isEmpty()) {
            throw new RegisterRefused(new RegisterRefusal.PermissionsRequired());
        }
        participant.ifPresent(eic -> {
            // Lock the participant row so that concurrent creations cannot pass the limit together.
            var locked = jdbc.sql("select eic from market_participant where eic = ? for update")
                    .param(eic.value())
                    .query(String.class)
                    .optional();
            if (locked.isEmpty()) {
                throw new RegisterRefused(new RegisterRefusal.UnknownParticipant(eic));
            }
            var active = jdbc.sql(
                            "select count(*) from technical_user where participant_eic = ? and revoked_at is null")
                    .param(eic.value())
                    .query(Integer.class)
                    .single();
            if (active >= LIMIT_PER_PARTICIPANT) {
                throw new RegisterRefused(new RegisterRefusal.TechnicalUserLimit(eic, clientId, LIMIT_PER_PARTICIPANT));
            }
        });
        var user = new TechnicalUser(clientId, participant, permissions, clock.instant());
        try {
            jdbc.sql("""
                    insert into technical_user (client_id, secret_hash, participant_eic, permissions, created_at)
                    values (?, ?, ?, string_to_array(?, ','), ?)
                    """)
                    .params(
                            clientId,
                            passwords.encode(secret),
                            participant.map(Eic::value).orElse(null),
                            ParticipantRegister.names(permissions),
                            HubTime.db(user.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new RegisterRefused(new RegisterRefusal.ClientIdTaken(clientId));
        }
        return user;
    }

    /** The active (not revoked) technical user with this client id; read on every API request, so cached. */
    public Optional<TechnicalUser> active(String clientId) {
        return cache.get(
                "technical-user",
                clientId,
                () -> jdbc.sql("""
                select client_id, participant_eic, permissions, created_at from technical_user
                 where client_id = ? and revoked_at is null
                """).param(clientId).query(TechnicalUsers::user).optional());
    }

    /** The stored secret hash of an active technical user, for the token endpoint. */
    public Optional<String> secretHash(String clientId) {
        return jdbc.sql("select secret_hash from technical_user where client_id = ? and revoked_at is null")
                .param(clientId)
                .query(String.class)
                .optional();
    }

    public List<TechnicalUser> activeOf(Eic participant) {
        return jdbc.sql("""
                select client_id, participant_eic, permissions, created_at from technical_user
                 where participant_eic = ? and revoked_at is null order by client_id
                """)
                .param(participant.value())
                .query(TechnicalUsers::user)
                .list();
    }

    /** Revokes a technical user of the participant; its tokens stop working at once. */
    @Transactional
    public boolean revoke(Eic participant, String clientId) {
        boolean revoked = jdbc.sql("""
                update technical_user set revoked_at = ? where client_id = ? and participant_eic = ? and revoked_at is null
                """)
                        .params(HubTime.db(clock.instant()), clientId, participant.value())
                        .update()
                == 1;
        if (revoked) {
            cache.changed();
            AuditEvent.of("TECHNICAL_USER_REVOKED", "clientId", clientId, "participant", participant.value())
                    .record();
        }
        return revoked;
    }

    private static TechnicalUser user(ResultSet rs, int row) throws SQLException {
        var participant = rs.getString("participant_eic");
        return new TechnicalUser(
                rs.getString("client_id"),
                Optional.ofNullable(participant).map(Eic::new),
                ParticipantRegister.enums(rs.getArray("permissions"), Permission.class),
                rs.getTimestamp("created_at").toInstant());
    }

    private static String generateSecret() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
