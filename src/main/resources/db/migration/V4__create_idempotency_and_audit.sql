-- The first outcome of every authenticated write, keyed by the caller and its document id.
create table idempotent_request (
    caller_key           varchar(100) not null,
    document_id          uuid         not null,
    path_template        varchar(100) not null,
    request_hash         varchar(64)  not null,
    status               integer,
    response_body        text,
    response_document_id uuid         not null,
    created_at           timestamptz  not null,
    primary key (caller_key, document_id)
);
create index idempotent_request_by_created on idempotent_request (created_at);

-- One entry per API request that touches enquiry data. Never any comment text or payload.
create table audit_entry (
    id              bigint generated always as identity primary key,
    at              timestamptz  not null,
    trace_id        varchar(64)  not null,
    client_id       varchar(100),
    participant_eic varchar(16),
    role            varchar(40),
    commodity       varchar(20),
    action          varchar(120) not null,
    enquiry_ids     uuid[]       not null,
    response_ids    uuid[]       not null,
    http_status     integer      not null,
    error_code      varchar(100)
);
create index audit_entry_by_time on audit_entry (at);
create index audit_entry_by_enquiry on audit_entry using gin (enquiry_ids);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end
$$;
create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
