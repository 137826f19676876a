package ee.datahub.enquiryhub.push;

import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.enquiry.Page;
import ee.datahub.enquiryhub.enquiry.PageRequest;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.platform.HubTime;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The subscriptions and their delivery log in PostgreSQL. The delivery side's statements are
 * conditioned on the lease ({@code lease_token}) taken by the claim, and a cursor moves only from the
 * value the delivery started from, so that an ADMIN's replay in the meantime is never overwritten.
 */
@Repository
class SubscriptionRepository {

    private static final String COLUMNS = "*";

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredSubscription stored) {
        var s = stored.subscription();
        jdbc.sql("""
                insert into push_subscription (id, version, participant_eic, role, commodity, stream_key, url, kinds, status,
                                               secret, cursor, attempts, next_attempt_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, cast(string_to_array(?, ',') as varchar[]), ?, ?, ?, 0, ?, ?, ?)
                """)
                .params(
                        s.id().value(),
                        s.version(),
                        s.participant().value(),
                        s.role().name(),
                        s.commodity().name(),
                        stored.streamKey(),
                        s.url().toString(),
                        kinds(s.kinds()),
                        s.status().name(),
                        stored.secret(),
                        stored.cursor(),
                        HubTime.db(s.createdAt()),
                        HubTime.db(s.createdAt()),
                        HubTime.db(s.updatedAt()))
                .update();
    }

    /** The subscription, if it belongs to this participant, role and commodity; locked for the caller's transaction if asked. */
    Optional<StoredSubscription> find(
            SubscriptionId id, Eic participant, MarketRole role, Commodity commodity, boolean lock) {
        return jdbc.sql("select " + COLUMNS
                        + " from push_subscription where id = ? and participant_eic = ? and role = ?"
                        + " and commodity = ?" + (lock ? " for update" : ""))
                .params(id.value(), participant.value(), role.name(), commodity.name())
                .query(SubscriptionRepository::stored)
                .optional();
    }

    /** The subscription as it is now, whoever's it is (the delivery side). */
    Optional<StoredSubscription> current(SubscriptionId id) {
        return jdbc.sql("select * from push_subscription where id = ?")
                .param(id.value())
                .query(SubscriptionRepository::stored)
                .optional();
    }

    Page<Subscription> page(Eic participant, MarketRole role, Commodity commodity, PageRequest page) {
        long total = jdbc.sql(
                        "select count(*) from push_subscription where participant_eic = ? and role = ? and commodity = ?")
                .params(participant.value(), role.name(), commodity.name())
                .query(Long.class)
                .single();
        var content = jdbc.sql("select " + COLUMNS + " from push_subscription where participant_eic = ? and role = ?"
                        + " and commodity = ? order by created_at, id limit ? offset ?")
                .params(participant.value(), role.name(), commodity.name(), page.size(), page.offset())
                .query(SubscriptionRepository::stored)
                .list();
        return new Page<>(
                content.stream().map(StoredSubscription::subscription).toList(), page.page(), page.size(), total);
    }

    /**
     * Saves what an ADMIN changed (the row is locked by {@link #find}): configuration, status, secrets
     * and cursor; {@code resetRetries} starts the retries afresh (a reactivation or another URL). Unless
     * it waits for a retry, the subscription is due at once.
     */
    void save(StoredSubscription stored, boolean resetRetries) {
        var s = stored.subscription();
        jdbc.sql("""
                update push_subscription
                   set version = ?, url = ?, kinds = cast(string_to_array(?, ',') as varchar[]), status = ?, failure_reason = ?,
                       secret = ?, previous_secret = ?, previous_secret_expires_at = ?, cursor = ?, updated_at = ?,
                       attempts = case when ? then 0 else attempts end,
                       retrying_since = case when ? then null else retrying_since end,
                       next_attempt_at = case when ? or retrying_since is null then ? else next_attempt_at end
                 where id = ?
                """)
                .params(
                        s.version(),
                        s.url().toString(),
                        kinds(s.kinds()),
                        s.status().name(),
                        s.failureReason().orElse(null),
                        stored.secret(),
                        stored.previousSecret().orElse(null),
                        s.previousSecretExpiresAt().map(HubTime::db).orElse(null),
                        stored.cursor(),
                        HubTime.db(s.updatedAt()),
                        resetRetries,
                        resetRetries,
                        resetRetries,
                        HubTime.db(s.updatedAt()),
                        s.id().value())
                .update();
    }

    void delete(SubscriptionId id) {
        jdbc.sql("delete from push_subscription where id = ?").param(id.value()).update();
    }

    /** Which subscriptions a claim looks at. */
    enum Claim {
        /** Those whose streams got changes: all but those waiting for a retry. */
        STREAMS,
        /** Every stream may have got changes (notifications were missed): all but those waiting for a retry. */
        EVERY_STREAM,
        /** The periodic sweep: those whose time has come — a retry, or the periodic look of one with nothing to do. */
        SWEEP
    }

    /** The streams that active subscriptions follow. */
    Set<String> activeStreams() {
        return Set.copyOf(jdbc.sql("select distinct stream_key from push_subscription where status = 'ACTIVE'")
                .query(String.class)
                .list());
    }

    /**
     * Claims up to {@code limit} active subscriptions not claimed by anyone (or whose claim expired),
     * least recently looked at first, skipping those in {@code done} (claimed earlier in the same
     * pass). Rows another instance is claiming right now are skipped, not waited for.
     */
    List<StoredSubscription> claim(
            Claim claim,
            Set<String> streams,
            Set<SubscriptionId> done,
            int limit,
            UUID token,
            Instant now,
            Instant until) {
        return jdbc.sql("""
                update push_subscription s set lease_token = :token, lease_until = :until
                 where s.id in (select id from push_subscription
                                 where status = 'ACTIVE'
                                   and (lease_until is null or lease_until < :now)
                                   and (case when :sweep then next_attempt_at <= :now
                                             else retrying_since is null or next_attempt_at <= :now end)
                                   and (not :named or stream_key = any(string_to_array(:streams, ',')))
                                   and not (id = any(cast(string_to_array(:done, ',') as uuid[])))
                                 order by next_attempt_at
                                 limit :limit
                                 for update skip locked)
                returning s.*
                """)
                .param("token", token)
                .param("until", HubTime.db(until))
                .param("now", HubTime.db(now))
                .param("sweep", claim == Claim.SWEEP)
                .param("named", claim == Claim.STREAMS)
                .param("streams", String.join(",", streams))
                .param("done", done.stream().map(SubscriptionId::toString).collect(Collectors.joining(",")))
                .param("limit", limit)
                .query(SubscriptionRepository::stored)
                .list();
    }

    /**
     * Records a delivered change (or changes passed over, {@code delivered} false): the cursor moves to
     * {@code next} if it still is {@code from}, the retries end, the lease is extended. Empty when the
     * lease is gone (the subscription was deleted, or the claim expired).
     */
    Optional<StoredSubscription> advance(
            StoredSubscription claimed, UUID token, String next, boolean delivered, Instant now, Instant until) {
        return jdbc.sql("""
                update push_subscription
                   set cursor = case when cursor = :from then :next else cursor end,
                       delivered_at = case when :delivered then :now else delivered_at end,
                       attempts = case when :delivered then 0 else attempts end,
                       retrying_since = case when :delivered then null else retrying_since end,
                       next_attempt_at = case when :delivered then :now else next_attempt_at end,
                       lease_until = :until
                 where id = :id and lease_token = :token
                returning *
                """)
                .param("from", claimed.cursor())
                .param("next", next)
                .param("delivered", delivered)
                .param("now", HubTime.db(now))
                .param("until", HubTime.db(until))
                .param("id", claimed.id().value())
                .param("token", token)
                .query(SubscriptionRepository::stored)
                .optional();
    }

    /**
     * Records a failed attempt at the change at the head: the next attempt is due at {@code next}; when
     * {@code failing} is present, the subscription stops as failing with that reason (unless its ADMIN
     * paused it meanwhile). Releases the lease. False when the lease is gone (deleted, or the claim expired).
     */
    boolean failed(SubscriptionId id, UUID token, Instant now, Instant next, Optional<String> failing) {
        return 1
                == jdbc.sql("""
                update push_subscription
                   set attempts = attempts + 1, retrying_since = coalesce(retrying_since, :now), next_attempt_at = :next,
                       status = case when :failing and status = 'ACTIVE' then 'FAILING' else status end,
                       failure_reason = case when :failing and status = 'ACTIVE' then :reason else failure_reason end,
                       lease_token = null, lease_until = null
                 where id = :id and lease_token = :token
                """)
                        .param("now", HubTime.db(now))
                        .param("next", HubTime.db(next))
                        .param("failing", failing.isPresent())
                        .param("reason", failing.orElse(null))
                        .param("id", id.value())
                        .param("token", token)
                        .update();
    }

    /** Stops a subscription that cannot go on (its cursor left the feed's retention); releases the lease. */
    void stop(SubscriptionId id, UUID token, String reason) {
        jdbc.sql("""
                update push_subscription set status = 'FAILING', failure_reason = ?, lease_token = null, lease_until = null
                 where id = ? and lease_token = ? and status = 'ACTIVE'
                """).params(reason, id.value(), token).update();
    }

    /**
     * Lets a claimed subscription go; unless it waits for a retry, the sweep looks at it again at
     * {@code nextLook} (new changes of its stream wake it before that).
     */
    void release(SubscriptionId id, UUID token, Instant nextLook) {
        jdbc.sql("""
                update push_subscription
                   set lease_token = null, lease_until = null,
                       next_attempt_at = case when retrying_since is null then ? else next_attempt_at end
                 where id = ? and lease_token = ?
                """).params(HubTime.db(nextLook), id.value(), token).update();
    }

    void log(SubscriptionId id, Delivery delivery) {
        jdbc.sql("""
                insert into push_delivery (subscription_id, attempted_at, webhook_id, change_stamp, enquiry_id, response_id,
                                           attempt, outcome, status_code, latency_ms, error)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        id.value(),
                        HubTime.db(delivery.attemptedAt()),
                        delivery.webhookId(),
                        HubTime.db(delivery.changeTimestamp()),
                        delivery.enquiryId(),
                        delivery.responseId().orElse(null),
                        delivery.attempt(),
                        delivery.outcome().name(),
                        delivery.statusCode().orElse(null),
                        delivery.latencyMillis().map(Long::intValue).orElse(null),
                        delivery.error().orElse(null))
                .update();
    }

    Page<Delivery> deliveries(SubscriptionId id, DeliveryQuery query) {
        var where = new StringBuilder(" where subscription_id = :id");
        query.from().ifPresent(f -> where.append(" and attempted_at >= :from"));
        query.to().ifPresent(t -> where.append(" and attempted_at < :to"));
        query.outcome().ifPresent(o -> where.append(" and outcome = :outcome"));
        query.statusCode().ifPresent(c -> where.append(" and status_code = :code"));
        var page = query.page();
        var count = bind(jdbc.sql("select count(*) from push_delivery" + where), id, query)
                .query(Long.class)
                .single();
        var content = bind(
                        jdbc.sql("select * from push_delivery" + where
                                + " order by attempted_at desc, id desc limit :limit offset :offset"),
                        id,
                        query)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(SubscriptionRepository::delivery)
                .list();
        return new Page<>(content, page.page(), page.size(), count);
    }

    /** Forgets delivery-log entries older than the cutoff; returns how many. */
    int purge(Instant cutoff) {
        return jdbc.sql("delete from push_delivery where attempted_at < ?")
                .param(HubTime.db(cutoff))
                .update();
    }

    private static JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec spec, SubscriptionId id, DeliveryQuery query) {
        spec.param("id", id.value());
        query.from().ifPresent(f -> spec.param("from", HubTime.db(f)));
        query.to().ifPresent(t -> spec.param("to", HubTime.db(t)));
        query.outcome().ifPresent(o -> spec.param("outcome", o.name()));
        query.statusCode().ifPresent(c -> spec.param("code", c));
        return spec;
    }

    private static String kinds(Set<ChangeKind> kinds) {
        return kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private static StoredSubscription stored(ResultSet rs, int n) throws SQLException {
        var kinds = EnumSet.noneOf(ChangeKind.class);
        Arrays.stream((Object[]) rs.getArray("kinds").getArray())
                .map(k -> ChangeKind.valueOf((String) k))
                .forEach(kinds::add);
        int attempts = rs.getInt("attempts");
        var retryingSince = instant(rs, "retrying_since");
        var subscription = new Subscription(
                new SubscriptionId(rs.getObject("id", UUID.class)),
                rs.getLong("version"),
                new Eic(rs.getString("participant_eic")),
                MarketRole.valueOf(rs.getString("role")),
                Commodity.valueOf(rs.getString("commodity")),
                URI.create(rs.getString("url")),
                kinds,
                SubscriptionStatus.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("failure_reason")),
                instant(rs, "previous_secret_expires_at"),
                instant(rs, "delivered_at"),
                retryingSince,
                attempts,
                retryingSince.isPresent() ? instant(rs, "next_attempt_at") : Optional.empty(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
        return new StoredSubscription(
                subscription,
                rs.getString("secret"),
                Optional.ofNullable(rs.getString("previous_secret")),
                rs.getString("cursor"),
                rs.getString("stream_key"),
                Optional.ofNullable(rs.getObject("lease_token", UUID.class)));
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        return new Delivery(
                rs.getLong("id"),
                rs.getTimestamp("attempted_at").toInstant(),
                rs.getString("webhook_id"),
                rs.getTimestamp("change_stamp").toInstant(),
                rs.getObject("enquiry_id", UUID.class),
                Optional.ofNullable(rs.getObject("response_id", UUID.class)),
                rs.getInt("attempt"),
                DeliveryOutcome.valueOf(rs.getString("outcome")),
                Optional.ofNullable((Integer) rs.getObject("status_code")),
                Optional.ofNullable((Integer) rs.getObject("latency_ms")).map(Integer::longValue),
                Optional.ofNullable(rs.getString("error")));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }
}
