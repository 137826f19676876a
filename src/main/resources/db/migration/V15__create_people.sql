-- People who log in to the web interface (by the subject their OpenID Connect provider gives them)
-- and the permissions each holds per participant, market role and commodity.
create table person (
    subject      varchar(200) primary key,
    name         varchar(200) not null,
    hub_operator boolean      not null default false,
    created_at   timestamptz  not null
);

create table person_grant (
    subject         varchar(200) not null references person (subject) on delete cascade,
    participant_eic varchar(16)  not null references market_participant (eic),
    role            varchar(40)  not null,
    commodity       varchar(20)  not null,
    permissions     text[]       not null check (cardinality(permissions) > 0),
    granted_by      varchar(300) not null,
    granted_at      timestamptz  not null,
    primary key (subject, participant_eic, role, commodity)
);
-- an ADMIN lists the people of its participant
create index person_grant_by_participant on person_grant (participant_eic, subject);

-- Passwords of the embedded OpenID provider's people (the default start's demo people) only; with an
-- external provider the table stays empty.
create table embedded_login (
    username      varchar(200) primary key references person (subject) on delete cascade,
    password_hash varchar(200) not null
);
