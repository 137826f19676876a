-- The web inbox a clerk works from (issue 16): sorted by due time, received time or last change, either
-- way; quick views (unread, open, due soon, overdue, closed, all) with counts; reference, metering point
-- and customer matched by prefix. Every sort path of every view reads its page from an index, and every
-- count reads at most 1 001 index entries (docs/design/reads.md).

-- Due time, for each side (received time and last change have theirs since V2 and V7).
create index enquiry_by_receiver_due on enquiry (receiver_eic, commodity, due_at, id);
create index enquiry_by_sender_due on enquiry (sender_eic, commodity, due_at, id);

-- The open enquiries (and so the due-soon and overdue ones) in each order, for each side: a party's
-- open enquiries are few among its history, and a walk of the whole history to find them is what these
-- avoid. The receiver's by due time exists (V29).
create index enquiry_open_by_sender_due_id on enquiry (sender_eic, commodity, due_at, id) where status = 'OPEN';
create index enquiry_open_by_receiver_created on enquiry (receiver_eic, commodity, created_at, id) where status = 'OPEN';
create index enquiry_open_by_sender_created on enquiry (sender_eic, commodity, created_at, id) where status = 'OPEN';
create index enquiry_open_by_receiver_updated on enquiry (receiver_eic, commodity, updated_at, id) where status = 'OPEN';
create index enquiry_open_by_sender_updated on enquiry (sender_eic, commodity, updated_at, id) where status = 'OPEN';

-- Prefixes, whatever the database's collation: EICs are upper case (the web upper-cases what is typed),
-- references are matched case-insensitively. The parties are included so that the caller's matches are
-- told from others' in the index.
create index enquiry_by_customer_prefix on enquiry (customer_eic varchar_pattern_ops, commodity)
    include (sender_eic, receiver_eic);
create index enquiry_by_meter_prefix on enquiry (meter_eic varchar_pattern_ops, commodity)
    include (sender_eic, receiver_eic);
create index enquiry_by_reference_prefix on enquiry (upper(reference_value) text_pattern_ops, commodity)
    include (sender_eic, receiver_eic);

-- What is unread, one row per participant, side and enquiry: kept with the read marks, in the write's
-- transaction (enquiry.ReadMarks), so that the unread view and its count read only the unread ones
-- instead of comparing every enquiry of the party with its mark. `version` is the enquiry's version
-- that is unread: opening that version (or a later one) removes the row.
create table enquiry_unread (
    participant_eic varchar(16) not null,
    side            varchar(10) not null,
    commodity       varchar(20) not null,
    enquiry_id      uuid        not null,
    version         bigint      not null,
    primary key (participant_eic, side, commodity, enquiry_id)
);
create index enquiry_unread_by_enquiry on enquiry_unread (enquiry_id);

insert into enquiry_unread (participant_eic, side, commodity, enquiry_id, version)
select e.receiver_eic, 'RECEIVER', e.commodity, e.id, e.version
  from enquiry e
 where coalesce((select m.version from enquiry_read_mark m
                  where m.participant_eic = e.receiver_eic and m.side = 'RECEIVER' and m.enquiry_id = e.id), 0)
       < e.version;
insert into enquiry_unread (participant_eic, side, commodity, enquiry_id, version)
select e.sender_eic, 'SENDER', e.commodity, e.id, e.version
  from enquiry e
 where coalesce((select m.version from enquiry_read_mark m
                  where m.participant_eic = e.sender_eic and m.side = 'SENDER' and m.enquiry_id = e.id), 1)
       < e.version;

-- The list's last view and sort, per person and context (any instance serves the next request).
create table inbox_preference (
    subject     varchar(200) not null references person (subject) on delete cascade,
    context_key varchar(100) not null,
    view        varchar(20)  not null,
    sort        varchar(20)  not null,
    descending  boolean      not null,
    updated_at  timestamptz  not null,
    primary key (subject, context_key)
);
