-- Market participants, their metering points and their technical users (API clients).
create table market_participant (
    eic         varchar(16)  primary key,
    name        varchar(200) not null,
    roles       text[]       not null,
    commodities text[]       not null,
    created_at  timestamptz  not null default now()
);

create table metering_point (
    eic               varchar(16) primary key,
    grid_operator_eic varchar(16) not null references market_participant (eic),
    commodity         varchar(20) not null,
    created_at        timestamptz not null default now()
);
create index metering_point_grid_operator on metering_point (grid_operator_eic);

-- participant_eic is null only for the hub operator's own clients.
create table technical_user (
    client_id       varchar(100) primary key,
    secret_hash     varchar(200) not null,
    participant_eic varchar(16) references market_participant (eic),
    permissions     text[]       not null,
    created_at      timestamptz  not null,
    revoked_at      timestamptz
);
create index technical_user_active_by_participant on technical_user (participant_eic) where revoked_at is null;

-- The embedded token issuer's signing key, shared by every hub instance on this database: one row,
-- so that instances starting together on an empty database cannot settle on different keys.
create table signing_key (
    id         integer     primary key check (id = 1),
    jwk        text        not null,
    created_at timestamptz not null
);
