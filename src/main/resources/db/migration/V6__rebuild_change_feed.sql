-- The change feed, rebuilt for cursors, a single stamper and years of history (docs/architecture.md):
--
-- * Writers append to feed_outbox in their own transactions (a small table nobody scans).
-- * One hub instance at a time (the leader, by advisory lock) moves committed outbox rows into
--   feed_change, stamping them in one short transaction with strictly increasing times from the
--   database's clock and numbering them per stream (audience, author side, commodity) without gaps.
--   Scanners only read: no lock on the read path.
-- * feed_change is append-only and partitioned by month of its stamp; retention drops whole
--   partitions. Partitions are created and dropped only through the functions below, which run with
--   the owner's rights, so the hub's runtime role needs no DDL rights, and which refuse to drop
--   anything younger than 90 days.

create table feed_outbox (
    seq          bigint generated always as identity primary key,
    reason       varchar(10) not null,
    author_side  varchar(10) not null,
    audience_eic varchar(16) not null,
    commodity    varchar(20) not null,
    enquiry_id   uuid        not null,
    response_id  uuid,
    snapshot     jsonb       not null
);

alter table feed_change rename to feed_change_v3;
alter index feed_change_pkey rename to feed_change_v3_pkey;
drop index feed_change_pending;
drop index feed_change_scan;
drop index feed_change_by_stamp;

create table feed_change (
    stamped_at   timestamptz not null,
    stream_seq   bigint      not null,
    reason       varchar(10) not null,
    author_side  varchar(10) not null,
    audience_eic varchar(16) not null,
    commodity    varchar(20) not null,
    enquiry_id   uuid        not null,
    response_id  uuid,
    snapshot     jsonb       not null
) partition by range (stamped_at);

-- v2 cursors and v1 pages read a stream by its sequence; v1 windows find their ends by time.
create index feed_change_by_stream_seq on feed_change (audience_eic, author_side, commodity, stream_seq);
create index feed_change_by_stream_time on feed_change (audience_eic, author_side, commodity, stamped_at);

-- The last sequence number given in each stream.
create table feed_stream (
    audience_eic varchar(16) not null,
    author_side  varchar(10) not null,
    commodity    varchar(20) not null,
    last_seq     bigint      not null,
    primary key (audience_eic, author_side, commodity)
);

-- Secrets the hub generates once for all its instances (e.g. the key that signs feed cursors).
create table hub_secret (
    name       varchar(50) primary key,
    value      bytea       not null,
    created_at timestamptz not null
);

create function feed_partition_name(month date) returns text language sql immutable as $$
    select 'feed_change_' || to_char(month, 'YYYY_MM')
$$;

-- Creates the monthly partitions from the month of `since` to `months_ahead` months after now.
create function feed_ensure_partitions(since timestamptz, months_ahead integer) returns integer
    language plpgsql security definer set search_path = public as $$
declare
    month   date := date_trunc('month', since at time zone 'UTC')::date;
    last    date := (date_trunc('month', now() at time zone 'UTC') + make_interval(months => months_ahead))::date;
    created integer := 0;
begin
    while month <= last loop
        if to_regclass(feed_partition_name(month)) is null then
            execute format('create table %I partition of feed_change for values from (%L) to (%L)',
                           feed_partition_name(month), month::text || ' 00:00:00+00',
                           (month + interval '1 month')::date::text || ' 00:00:00+00');
            created := created + 1;
        end if;
        month := (month + interval '1 month')::date;
    end loop;
    return created;
end
$$;

-- Drops the monthly partitions that end at or before `cutoff`, never one that holds anything younger
-- than 90 days (the spec's floor for the feed's retention).
create function feed_drop_partitions(cutoff timestamptz) returns integer
    language plpgsql security definer set search_path = public as $$
declare
    partition record;
    month     date;
    dropped   integer := 0;
begin
    if cutoff > now() - interval '90 days' then
        raise exception 'the change feed keeps at least 90 days; % is too recent a cutoff', cutoff;
    end if;
    for partition in
        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'feed_change'::regclass
    loop
        month := to_date(substr(partition.relname, length('feed_change_') + 1), 'YYYY_MM');
        if (month + interval '1 month') <= cutoff at time zone 'UTC' then
            execute format('drop table %I', partition.relname);
            dropped := dropped + 1;
        end if;
    end loop;
    return dropped;
end
$$;

-- Carry the feed written so far over: stamped rows keep their stamps and get their stream numbers in
-- stamp order; their snapshots (one message each) become the thread shape the feed keeps now, as
-- far as the old row tells it; rows not yet stamped go to the outbox.
create function pg_temp.thread_of(snapshot jsonb, commodity text, response_id uuid, at timestamptz) returns jsonb
    language sql immutable as $$
    select jsonb_strip_nulls(jsonb_build_object(
               'id', snapshot ->> 'requestId', 'version', 0, 'commodity', commodity,
               'sender', snapshot ->> 'sender', 'receiver', snapshot ->> 'receiver', 'meter', snapshot ->> 'meter',
               'customer', snapshot ->> 'customer', 'topic', snapshot ->> 'topic',
               'referenceType', snapshot ->> 'referenceType', 'referenceValue', snapshot ->> 'referenceValue',
               'status', snapshot ->> 'requestStatus', 'comment', snapshot ->> 'requestComment',
               'createdAt', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'updatedAt', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))
           || jsonb_build_object('answers', case when response_id is null then '[]'::jsonb else jsonb_build_array(
               jsonb_strip_nulls(jsonb_build_object(
                   'id', response_id::text, 'version', 0, 'author', snapshot ->> 'receiver',
                   'status', case when snapshot ->> 'requestStatus' = 'CLOSE' then 'CLOSE' else 'OPEN' end,
                   'comment', snapshot ->> 'responseComment',
                   'createdAt', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                   'updatedAt', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))) end)
$$;

select feed_ensure_partitions(coalesce((select min(stamped_at) from feed_change_v3), now()), 2);

insert into feed_change (stamped_at, stream_seq, reason, author_side, audience_eic, commodity, enquiry_id, response_id,
                         snapshot)
select stamped_at,
       row_number() over (partition by audience_eic, author_side, commodity order by stamped_at, seq),
       reason, author_side, audience_eic, commodity, enquiry_id, response_id,
       pg_temp.thread_of(snapshot, commodity, response_id, stamped_at)
  from feed_change_v3
 where stamped_at is not null;

insert into feed_stream (audience_eic, author_side, commodity, last_seq)
select audience_eic, author_side, commodity, max(stream_seq) from feed_change group by 1, 2, 3;

insert into feed_outbox (reason, author_side, audience_eic, commodity, enquiry_id, response_id, snapshot)
select reason, author_side, audience_eic, commodity, enquiry_id, response_id,
       pg_temp.thread_of(snapshot, commodity, response_id, now())
  from feed_change_v3 where stamped_at is null order by seq;

drop table feed_change_v3;
