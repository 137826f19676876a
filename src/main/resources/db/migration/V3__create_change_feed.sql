-- Every write of an enquiry or an answer appends one row here, in the writer's transaction, with
-- stamped_at null. The sequencer (feed.FeedSequencer) later stamps committed rows with strictly
-- increasing times, one sequencer transaction at a time (it locks feed_clock), so the stamps grow in
-- the order rows become visible to scanners. See docs/architecture.md.
create table feed_change (
    seq          bigint generated always as identity primary key,
    stamped_at   timestamptz,
    reason       varchar(10) not null,
    author_side  varchar(10) not null,
    audience_eic varchar(16) not null,
    commodity    varchar(20) not null,
    enquiry_id   uuid        not null,
    response_id  uuid,
    snapshot     jsonb       not null
);
create index feed_change_pending on feed_change (seq) where stamped_at is null;
create index feed_change_scan on feed_change (audience_eic, author_side, commodity, stamped_at) where stamped_at is not null;
create index feed_change_by_stamp on feed_change (stamped_at);

create table feed_clock (
    id         integer primary key check (id = 1),
    last_stamp timestamptz not null
);
insert into feed_clock (id, last_stamp) values (1, '1970-01-01T00:00:00Z');
