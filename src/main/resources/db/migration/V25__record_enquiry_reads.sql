-- What each participant (per side) has opened: the web marks an enquiry unread while its version is
-- newer than the one the participant last opened. And an enquiry's change history read from the feed.
create table enquiry_read_mark (
    participant_eic varchar(16) not null,
    side            varchar(10) not null,
    enquiry_id      uuid        not null,
    version         bigint      not null,
    read_at         timestamptz not null,
    primary key (participant_eic, side, enquiry_id)
);

create index feed_change_by_enquiry on feed_change (enquiry_id, stamped_at);
