package ee.datahub.enquiryhub.mail;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * People's addresses and preferences, and the feed streams instant emails follow, in PostgreSQL.
 * Times that decide which changes an instant email covers are the database's, as the feed's stamps are.
 */
@Repository
class MailDirectory {

    private final JdbcClient jdbc;

    MailDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredAddress(
            UUID id,
            String subject,
            String address,
            MailLanguage language,
            Optional<Instant> confirmedAt,
            Instant updatedAt) {}

    record StoredPreference(
            UUID id,
            String subject,
            MailContext context,
            String streamKey,
            Optional<Instant> newEnquiriesSince,
            Optional<Instant> answersSince,
            Optional<LocalTime> digestAt,
            Optional<LocalDate> lastDigestDay) {

        boolean wants(Kind kind) {
            return switch (kind) {
                case NEW_ENQUIRY -> newEnquiriesSince.isPresent();
                case ANSWER -> answersSince.isPresent();
                case DIGEST -> digestAt.isPresent();
                case CONFIRMATION -> true;
            };
        }

        boolean wantsAny() {
            return newEnquiriesSince.isPresent() || answersSince.isPresent() || digestAt.isPresent();
        }
    }

    Optional<StoredAddress> address(String subject) {
        return jdbc.sql("select * from mail_address where subject = ?")
                .param(subject)
                .query(MailDirectory::address)
                .optional();
    }

    Optional<StoredAddress> addressById(UUID id) {
        return jdbc.sql("select * from mail_address where id = ?")
                .param(id)
                .query(MailDirectory::address)
                .optional();
    }

    /**
     * Keeps the person's address and language. Another address than the one kept is unconfirmed and
     * gets a new id (so that links sent for the old one no longer work); the same one keeps its state.
     * True when the address changed.
     */
    boolean saveAddress(String subject, String address, MailLanguage language) {
        var current = address(subject);
        if (current.isPresent() && current.get().address().equals(address)) {
            jdbc.sql("update mail_address set language = ?, updated_at = now() where subject = ?")
                    .params(language.code(), subject)
                    .update();
            return false;
        }
        jdbc.sql("""
                insert into mail_address (id, subject, address, language, confirmed_at, updated_at)
                values (?, ?, ?, ?, null, now())
                on conflict (subject) do update
                   set id = excluded.id, address = excluded.address, language = excluded.language,
                       confirmed_at = null, updated_at = now()
                """)
                .params(UUID.randomUUID(), subject, address, language.code())
                .update();
        return true;
    }

    /** Confirms the address if the row still holds the address the link went to; false otherwise. */
    boolean confirm(UUID id, long digest) {
        var row = addressById(id);
        if (row.isEmpty() || MailTokens.digest(row.get().address()) != digest) {
            return false;
        }
        return jdbc.sql(
                                "update mail_address set confirmed_at = coalesce(confirmed_at, now()) where id = ? and address = ?")
                        .params(id, row.get().address())
                        .update()
                == 1;
    }

    void removeAddress(String subject) {
        jdbc.sql("delete from mail_address where subject = ?").param(subject).update();
    }

    List<StoredPreference> preferences(String subject) {
        return jdbc.sql("select * from mail_preference where subject = ? order by participant_eic, role, commodity")
                .param(subject)
                .query(MailDirectory::preference)
                .list();
    }

    Optional<StoredPreference> preference(String subject, MailContext context) {
        return jdbc.sql("""
                select * from mail_preference where subject = ? and participant_eic = ? and role = ? and commodity = ?
                """)
                .params(
                        subject,
                        context.participant().value(),
                        context.role().name(),
                        context.commodity().name())
                .query(MailDirectory::preference)
                .optional();
    }

    Optional<StoredPreference> preferenceById(UUID id) {
        return jdbc.sql("select * from mail_preference where id = ?")
                .param(id)
                .query(MailDirectory::preference)
                .optional();
    }

    /**
     * Keeps what a person wants in one context. A kind already on stays on from when it was turned on;
     * the digest's last day stays as it was unless its time of day changed ({@code lastDigestDay} then).
     */
    void savePreference(
            String subject,
            MailContext context,
            String streamKey,
            boolean newEnquiries,
            boolean answers,
            Optional<LocalTime> digestAt,
            Optional<LocalDate> lastDigestDay) {
        jdbc.sql("""
                insert into mail_preference (id, subject, participant_eic, role, commodity, stream_key, new_enquiries_since,
                                             answers_since, digest_at, last_digest_day, updated_at)
                values (:id, :subject, :participant, :role, :commodity, :stream,
                        case when :newEnquiries then now() end, case when :answers then now() end,
                        :digestAt, :lastDigestDay, now())
                on conflict (subject, participant_eic, role, commodity) do update
                   set new_enquiries_since = case when :newEnquiries then coalesce(mail_preference.new_enquiries_since, now()) end,
                       answers_since = case when :answers then coalesce(mail_preference.answers_since, now()) end,
                       digest_at = excluded.digest_at,
                       last_digest_day = case when excluded.digest_at is not distinct from mail_preference.digest_at
                                              then mail_preference.last_digest_day
                                              else excluded.last_digest_day end,
                       updated_at = now()
                """)
                .param("id", UUID.randomUUID())
                .param("subject", subject)
                .param("participant", context.participant().value())
                .param("role", context.role().name())
                .param("commodity", context.commodity().name())
                .param("stream", streamKey)
                .param("newEnquiries", newEnquiries)
                .param("answers", answers)
                .param("digestAt", digestAt.orElse(null), java.sql.Types.TIME)
                .param("lastDigestDay", lastDigestDay.orElse(null), java.sql.Types.DATE)
                .update();
    }

    /** Turns one kind of email off for a preference; false when it was off already. */
    boolean turnOff(UUID preferenceId, Kind kind) {
        var set = switch (kind) {
            case NEW_ENQUIRY -> "new_enquiries_since = null where new_enquiries_since is not null";
            case ANSWER -> "answers_since = null where answers_since is not null";
            case DIGEST -> "digest_at = null, last_digest_day = null where digest_at is not null";
            case CONFIRMATION -> throw new IllegalArgumentException("a confirmation is not subscribed to");
        };
        return jdbc.sql("update mail_preference set updated_at = now(), " + set + " and id = ?")
                        .param(preferenceId)
                        .update()
                == 1;
    }

    /**
     * Starts following a stream from its current end, unless it is followed already. A stream stays
     * followed when no preference wants its emails any more: following it costs a read per change, and
     * forgetting it could race with a preference turned on meanwhile.
     */
    void follow(String streamKey, MailContext context, String cursorAtEnd) {
        jdbc.sql("""
                insert into mail_stream (stream_key, participant_eic, role, commodity, cursor, updated_at)
                values (?, ?, ?, ?, ?, now()) on conflict do nothing
                """)
                .params(
                        streamKey,
                        context.participant().value(),
                        context.role().name(),
                        context.commodity().name(),
                        cursorAtEnd)
                .update();
    }

    Set<String> followedStreams() {
        return Set.copyOf(jdbc.sql("select stream_key from mail_stream")
                .query(String.class)
                .list());
    }

    /** A person's preference in one context, as the hub operator sees who receives what. */
    record Recipient(String subject, String name, Optional<StoredAddress> address, StoredPreference preference) {}

    List<Recipient> recipients(int limit) {
        return jdbc.sql("""
                select p.*, pe.name, a.id as address_id, a.address, a.language, a.confirmed_at, a.updated_at as address_updated_at
                  from mail_preference p join person pe on pe.subject = p.subject
                  left join mail_address a on a.subject = p.subject
                 where p.new_enquiries_since is not null or p.answers_since is not null or p.digest_at is not null
                 order by pe.name, p.subject, p.participant_eic, p.role, p.commodity
                 limit ?
                """)
                .param(limit)
                .query((rs, n) -> new Recipient(
                        rs.getString("subject"),
                        rs.getString("name"),
                        rs.getObject("address_id") == null
                                ? Optional.empty()
                                : Optional.of(new StoredAddress(
                                        rs.getObject("address_id", UUID.class),
                                        rs.getString("subject"),
                                        rs.getString("address"),
                                        MailLanguage.of(rs.getString("language"))
                                                .orElse(MailLanguage.ET),
                                        instant(rs, "confirmed_at"),
                                        rs.getTimestamp("address_updated_at").toInstant())),
                        preference(rs, n)))
                .list();
    }

    private static StoredAddress address(ResultSet rs, int n) throws SQLException {
        return new StoredAddress(
                rs.getObject("id", UUID.class),
                rs.getString("subject"),
                rs.getString("address"),
                MailLanguage.of(rs.getString("language")).orElse(MailLanguage.ET),
                instant(rs, "confirmed_at"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static StoredPreference preference(ResultSet rs, int n) throws SQLException {
        return new StoredPreference(
                rs.getObject("id", UUID.class),
                rs.getString("subject"),
                context(rs),
                rs.getString("stream_key"),
                instant(rs, "new_enquiries_since"),
                instant(rs, "answers_since"),
                Optional.ofNullable(rs.getObject("digest_at", LocalTime.class)),
                Optional.ofNullable(rs.getObject("last_digest_day", LocalDate.class)));
    }

    /** The context in columns {@code participant_eic}, {@code role} and {@code commodity}. */
    static MailContext context(ResultSet rs) throws SQLException {
        return new MailContext(
                new Eic(rs.getString("participant_eic")),
                MarketRole.valueOf(rs.getString("role")),
                Commodity.valueOf(rs.getString("commodity")));
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }
}
