-- An enquiry (sent by an open supplier) and its answers (written by the receiver).
create table enquiry (
    id              uuid primary key,
    commodity       varchar(20) not null,
    sender_eic      varchar(16) not null,
    receiver_eic    varchar(16) not null,
    receiver_given  boolean     not null,
    meter_eic       varchar(16) not null,
    customer_eic    varchar(16) not null,
    topic           varchar(10) not null,
    reference_type  varchar(10),
    reference_value varchar(16),
    status          varchar(10) not null,
    request_comment text,
    answered        boolean     not null,
    version         integer     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index enquiry_by_sender on enquiry (sender_eic, commodity, updated_at desc, id desc);
create index enquiry_by_receiver on enquiry (receiver_eic, commodity, updated_at desc, id desc);
create index enquiry_by_customer on enquiry (customer_eic);
create index enquiry_by_meter on enquiry (meter_eic);

create table enquiry_response (
    id               uuid primary key,
    enquiry_id       uuid        not null references enquiry (id),
    author_eic       varchar(16) not null,
    status           varchar(10) not null,
    response_comment text,
    version          integer     not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index enquiry_response_by_enquiry on enquiry_response (enquiry_id, updated_at desc, id desc);
