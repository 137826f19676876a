-- Email to people (docs/design/email.md). A person's address is confirmed before
-- anything but the confirmation is sent to it. Preferences are kept per person and context (participant,
-- role, commodity). Instant emails follow the change feed as push does: one follower per stream, with the
-- same kind of cursor, turns each change into at most one message per person (the unique index below);
-- messages are claimed for sending with FOR UPDATE SKIP LOCKED and a lease, as push subscriptions are.
-- Messages keep ids, never an address or any enquiry's content: both are read when the message is sent.
create table mail_address (
    id           uuid         primary key,
    subject      varchar(200) not null unique references person (subject) on delete cascade,
    address      varchar(254) not null,
    -- et or en: the language of every email to this person
    language     varchar(2)   not null,
    confirmed_at timestamptz,
    updated_at   timestamptz  not null
);

create table mail_preference (
    id                  uuid         primary key,
    subject             varchar(200) not null references person (subject) on delete cascade,
    participant_eic     varchar(16)  not null,
    role                varchar(40)  not null,
    commodity           varchar(20)  not null,
    -- the feed's stream of this context (participant/author side/commodity)
    stream_key          varchar(80)  not null,
    -- an instant email for each new enquiry received, or each answer to an enquiry sent: on for the changes
    -- stamped from this moment (the database's clock), off when null
    new_enquiries_since timestamptz,
    answers_since       timestamptz,
    -- the daily digest: its time of day in Europe/Tallinn (off when null), and the last day (in Tallinn) one was
    -- looked at: a digest is due once the day's time has come and the day has not been looked at yet
    digest_at           time,
    last_digest_day     date,
    updated_at          timestamptz  not null,
    unique (subject, participant_eic, role, commodity)
);
create index mail_preference_by_stream on mail_preference (stream_key)
    where new_enquiries_since is not null or answers_since is not null;
create index mail_preference_digest_due on mail_preference (digest_at) where digest_at is not null;

-- The feed's streams that instant emails follow, each with its cursor (as push_subscription.cursor).
create table mail_stream (
    stream_key      varchar(80)  primary key,
    participant_eic varchar(16)  not null,
    role            varchar(40)  not null,
    commodity       varchar(20)  not null,
    cursor          varchar(100) not null,
    updated_at      timestamptz  not null
);

create table mail_message (
    id              uuid         primary key,
    subject         varchar(200) not null references person (subject) on delete cascade,
    -- CONFIRMATION, NEW_ENQUIRY, ANSWER or DIGEST
    kind            varchar(20)  not null,
    participant_eic varchar(16),
    role            varchar(40),
    commodity       varchar(20),
    -- instant emails: the change they tell of
    stream_key      varchar(80),
    stream_seq      bigint,
    enquiry_id      uuid,
    response_id     uuid,
    -- digests: the moment whose due dates they tell of, and its day in Tallinn
    digest_as_of    timestamptz,
    digest_day      date,
    -- PENDING, SENT, FAILED (retried until hub.mail.retry.give-up-after) or DROPPED (not sent, see reason)
    status          varchar(10)  not null,
    reason          varchar(30),
    attempts        integer      not null default 0,
    retrying_since  timestamptz,
    next_attempt_at timestamptz  not null,
    lease_token     uuid,
    lease_until     timestamptz,
    last_error      varchar(500),
    created_at      timestamptz  not null,
    sent_at         timestamptz
);
create unique index mail_message_one_per_change on mail_message (subject, stream_key, stream_seq)
    where stream_key is not null;
create unique index mail_message_one_digest_a_day on mail_message (subject, participant_eic, role, commodity, digest_day)
    where digest_day is not null;
create index mail_message_due on mail_message (next_attempt_at) where status = 'PENDING';
create index mail_message_by_person on mail_message (subject, created_at desc);
-- the messages that failed at least once (last_error stays after a later success), for the pages' failure lists
create index mail_message_troubled on mail_message (created_at desc) where last_error is not null;
create index mail_message_by_time on mail_message (created_at);

-- The sending log: one row per attempt at a message (as push_delivery).
create table mail_attempt (
    id           bigint       generated always as identity primary key,
    message_id   uuid         not null references mail_message (id) on delete cascade,
    attempted_at timestamptz  not null,
    -- SENT or FAILED
    outcome      varchar(10)  not null,
    error        varchar(500)
);
create index mail_attempt_by_message on mail_attempt (message_id, attempted_at);
