-- Push subscriptions (webhooks; docs/architecture.md, "Push"). A subscription follows one stream of the
-- change feed (a participant in one role and commodity) with a cursor of its own, the same kind of
-- cursor API v2's feed issues. Deliveries are claimed by one hub instance at a time: a claim takes due
-- rows with FOR UPDATE SKIP LOCKED and marks them with a lease (token and expiry), so the delivery
-- itself, which may take seconds, holds no lock and no database connection; whatever the delivery
-- records afterwards is conditioned on still holding the lease.
create table push_subscription (
    id                         uuid          primary key,
    version                    bigint        not null,
    participant_eic            varchar(16)   not null,
    role                       varchar(40)   not null,
    commodity                  varchar(20)   not null,
    -- the stream's name as the feed's wake-ups name it (participant/author side/commodity)
    stream_key                 varchar(80)   not null,
    url                        varchar(2000) not null,
    kinds                      varchar(20)[] not null,
    -- ACTIVE, PAUSED (by its ADMIN) or FAILING (deliveries failed for the whole retry period)
    status                     varchar(10)   not null,
    failure_reason             varchar(1500),
    -- Standard Webhooks secrets (whsec_ + base64). The hub signs with them, so it keeps them; during a
    -- rotation's overlap the previous one signs too, until it expires.
    secret                     varchar(100)  not null,
    previous_secret            varchar(100),
    previous_secret_expires_at timestamptz,
    cursor                     varchar(100)  not null,
    delivered_at               timestamptz,
    -- failed attempts at the change at the head of the subscription, and since when
    attempts                   integer       not null,
    retrying_since             timestamptz,
    next_attempt_at            timestamptz   not null,
    lease_token                uuid,
    lease_until                timestamptz,
    created_at                 timestamptz   not null,
    updated_at                 timestamptz   not null
);
create index push_subscription_by_context on push_subscription (participant_eic, role, commodity, created_at);
create index push_subscription_due on push_subscription (next_attempt_at) where status = 'ACTIVE';
create index push_subscription_by_stream on push_subscription (stream_key) where status = 'ACTIVE';

-- The delivery log: one row per attempt (delivered, failed, or refused before connecting). Ids only,
-- never the change itself; the receiver's answer only as an excerpt of at most 1024 characters.
create table push_delivery (
    id              bigint        generated always as identity primary key,
    subscription_id uuid          not null references push_subscription (id) on delete cascade,
    attempted_at    timestamptz   not null,
    webhook_id      varchar(64)   not null,
    change_stamp    timestamptz   not null,
    enquiry_id      uuid          not null,
    response_id     uuid,
    attempt         integer       not null,
    -- DELIVERED, FAILED or REFUSED
    outcome         varchar(10)   not null,
    status_code     integer,
    latency_ms      integer,
    error           varchar(1024)
);
create index push_delivery_by_subscription on push_delivery (subscription_id, attempted_at desc, id desc);
create index push_delivery_by_time on push_delivery (attempted_at);
