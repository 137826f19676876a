-- Who wrote each version of an enquiry's thread (issue 16: the history names the person, not only the
-- organisation): a person's name as the provider gave it, or none for a technical user (the API).
create table enquiry_writer (
    enquiry_id  uuid        not null,
    version     bigint      not null,
    person_name varchar(200),
    primary key (enquiry_id, version)
);

-- The history reads writes not yet stamped into the feed (read your writes): the outbox by enquiry.
create index feed_outbox_by_enquiry on feed_outbox (enquiry_id);
