-- The embedded OpenID provider's authorizations of the web client (authorization code, then the id and
-- access tokens it was exchanged for): Spring Authorization Server's schema with text for blob and
-- timestamptz for timestamp, as it asks for PostgreSQL. In the database, so that a code issued by one
-- instance is redeemed on any. Client-credentials tokens are never stored here.
create table oauth2_authorization (
    id                            varchar(100)  not null primary key,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000),
    attributes                    text,
    state                         varchar(500),
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             varchar(100),
    access_token_scopes           varchar(1000),
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);
-- the provider looks authorizations up by equality on state, code and token values (tokens are long
-- texts: hash indexes); old ones are purged by their issue time
create index oauth2_authorization_by_state on oauth2_authorization using hash (state);
create index oauth2_authorization_by_code on oauth2_authorization using hash (authorization_code_value);
create index oauth2_authorization_by_access_token on oauth2_authorization using hash (access_token_value);
create index oauth2_authorization_by_id_token on oauth2_authorization using hash (oidc_id_token_value);
create index oauth2_authorization_by_issue on oauth2_authorization (authorization_code_issued_at);
