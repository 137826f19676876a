-- The hub runs under a runtime role that owns nothing; migrations run as the owner role (this one).
-- ${runtime_role} is the runtime role's name (the hub's database user). The runtime role gets normal
-- DML on every table, now and (by default privileges) on the tables later migrations create, but on
-- the audit log only INSERT and SELECT: it can neither change, delete, truncate nor drop audit rows,
-- nor disable the triggers that refuse those (only an owner may). When the hub runs as the owner
-- itself (one role for everything: not recommended), there is nothing to grant.
do $$
declare
    runtime text := '${runtime_role}';
begin
    if runtime = '' or runtime = current_user then
        raise notice 'the hub runs as the owner of its tables (%); no runtime role to grant to', current_user;
        return;
    end if;
    if not exists (select 1 from pg_roles where rolname = runtime) then
        raise exception 'the runtime role % does not exist: create it first (docs/operations.md)', runtime;
    end if;
    execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
    execute format('grant usage, select on all sequences in schema public to %I', runtime);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', runtime);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', runtime);
    execute format('revoke update, delete, truncate, references, trigger on audit_entry from %I', runtime);
    execute format('revoke all on audit_entry_seq from %I', runtime);
    execute format('grant usage on audit_entry_seq to %I', runtime);
    if to_regclass('flyway_schema_history') is not null then
        execute format('revoke all on flyway_schema_history from %I', runtime);
    end if;
    execute format('grant execute on function audit_partitions_ensure(integer) to %I', runtime);
    execute format('grant execute on function audit_partitions_drop_older_than(interval) to %I', runtime);
    execute format('grant execute on function audit_partition_create(timestamptz) to %I', runtime);
end
$$;

-- The partitions that exist already: nobody but their owner holds a privilege on them.
do $$
declare
    partition text;
    grantee   text;
begin
    for partition, grantee in
        select c.relname, coalesce(r.rolname, 'public')
          from pg_inherits i join pg_class c on c.oid = i.inhrelid, aclexplode(c.relacl) acl
          left join pg_roles r on r.oid = acl.grantee
         where i.inhparent = 'audit_entry'::regclass and acl.grantee <> c.relowner
    loop
        execute format(case when grantee = 'public' then 'revoke all on %I from public' else 'revoke all on %I from %I' end,
                       partition, grantee);
    end loop;
end
$$;
