-- The audit log, partitioned by month on `at`, so that retention drops whole partitions (never a
-- DELETE) and every partition can be protected on its own. Adds the hub's own request id (the
-- caller's trace id may repeat) and the client's address. Rows of the unpartitioned table move over.
alter table audit_entry rename to audit_entry_unpartitioned;
alter index audit_entry_pkey rename to audit_entry_unpartitioned_pkey;
alter index audit_entry_by_time rename to audit_entry_unpartitioned_by_time;
alter index audit_entry_by_enquiry rename to audit_entry_unpartitioned_by_enquiry;

create sequence audit_entry_seq;
select setval('audit_entry_seq', coalesce((select max(id) from audit_entry_unpartitioned), 0) + 1, false);

create table audit_entry (
    id              bigint       not null default nextval('audit_entry_seq'),
    at              timestamptz  not null,
    trace_id        varchar(64)  not null,
    request_id      varchar(64),
    source_address  varchar(64),
    client_id       varchar(100),
    participant_eic varchar(16),
    role            varchar(40),
    commodity       varchar(20),
    action          varchar(120) not null,
    enquiry_ids     uuid[]       not null,
    response_ids    uuid[]       not null,
    http_status     integer      not null,
    error_code      varchar(100),
    primary key (id, at)
) partition by range (at);
alter sequence audit_entry_seq owned by audit_entry.id;
create index audit_entry_by_time on audit_entry (at);
create index audit_entry_by_enquiry on audit_entry using gin (enquiry_ids);
create index audit_entry_by_trace on audit_entry (trace_id);
create index audit_entry_by_request on audit_entry (request_id);

-- Row triggers on the partitioned table are cloned to every partition; a statement trigger for
-- TRUNCATE is not, so audit_partition_create adds it to each partition.
create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
create trigger audit_entry_never_truncated
    before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();

-- Creates the partition of the month that holds `month_of` (UTC), if missing. Runs with its owner's
-- rights (the migration role), so that the hub's runtime role, which owns nothing, can call it. A
-- partition is reached only through audit_entry, whose privileges apply; so nobody but the owner
-- holds any privilege on a partition itself, and its TRUNCATE is refused like the parent's.
create function audit_partition_create(month_of timestamptz) returns text
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    first_day timestamptz := date_trunc('month', month_of at time zone 'UTC') at time zone 'UTC';
    name      text := 'audit_entry_p' || to_char(first_day at time zone 'UTC', 'YYYYMM');
    grantee   text;
begin
    if to_regclass(name) is not null then
        return null;
    end if;
    execute format('create table %I partition of audit_entry for values from (%L) to (%L)',
                   name, first_day, first_day + interval '1 month');
    for grantee in
        select distinct coalesce(r.rolname, 'public')
          from pg_class c, aclexplode(c.relacl) acl left join pg_roles r on r.oid = acl.grantee
         where c.oid = name::regclass and acl.grantee <> c.relowner
    loop
        execute format(case when grantee = 'public' then 'revoke all on %I from public' else 'revoke all on %I from %I' end,
                       name, grantee);
    end loop;
    execute format('create trigger audit_entry_never_truncated before truncate on %I '
                   'for each statement execute function audit_entry_is_append_only()', name);
    return name;
end
$$;

-- Makes sure the partitions from the current month to `months_ahead` months ahead exist.
create function audit_partitions_ensure(months_ahead integer) returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    created integer := 0;
begin
    if months_ahead < 0 or months_ahead > 24 then
        raise exception 'months_ahead must be between 0 and 24, not %', months_ahead;
    end if;
    for i in 0..months_ahead loop
        if audit_partition_create(now() + make_interval(months => i)) is not null then
            created := created + 1;
        end if;
    end loop;
    return created;
end
$$;

-- Drops the partitions whose whole month ended more than `retention` ago. The floor (365 days) is
-- enforced here, under the owner's rights, so that no caller can drop a recent month.
create function audit_partitions_drop_older_than(retention interval) returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
declare
    partition text;
    dropped   integer := 0;
begin
    if retention is null or retention < interval '365 days' then
        raise exception 'the audit log is kept for at least 365 days; % is too short', retention;
    end if;
    for partition in
        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'audit_entry'::regclass and c.relname ~ '^audit_entry_p[0-9]{6}$'
         order by c.relname
    loop
        if to_date(substr(partition, 14), 'YYYYMM') + interval '1 month' <= (now() - retention) at time zone 'UTC' then
            execute format('drop table %I', partition);
            dropped := dropped + 1;
        end if;
    end loop;
    return dropped;
end
$$;

revoke all on function audit_partition_create(timestamptz) from public;
revoke all on function audit_partitions_ensure(integer) from public;
revoke all on function audit_partitions_drop_older_than(interval) from public;

-- Partitions for the rows already written, and for this month and the next three.
select audit_partition_create(m)
  from generate_series(date_trunc('month', coalesce((select min(at) from audit_entry_unpartitioned), now())),
                       now() + interval '3 months', interval '1 month') as m;

insert into audit_entry (id, at, trace_id, client_id, participant_eic, role, commodity, action, enquiry_ids,
                         response_ids, http_status, error_code)
select id, at, trace_id, client_id, participant_eic, role, commodity, action, enquiry_ids, response_ids,
       http_status, error_code
  from audit_entry_unpartitioned;

drop table audit_entry_unpartitioned;
