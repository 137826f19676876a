-- Requests refused before they could be attributed to a technical user (no or a bad token, the
-- per-address limit, a malformed request) and the rate limit's 429s, counted per source, minute and
-- code instead of one audit row and log line each: a flood costs one row per source and minute.
create table refusal_count (
    minute         timestamptz  not null,
    source_address varchar(64)  not null,
    client_id      varchar(100) not null default '',
    error_code     varchar(100) not null,
    requests       bigint       not null,
    primary key (minute, source_address, client_id, error_code)
);
create index refusal_count_by_source on refusal_count (source_address, minute);
