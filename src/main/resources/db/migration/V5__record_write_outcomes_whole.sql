-- The write pipeline records a write's outcome together with the write (one insert at the end of its
-- transaction, no separate claim), with the answer's headers (v2: Location, ETag) and the ids its audit
-- entry named, so that a repetition is answered and audited like the first.
alter table idempotent_request
    add column response_headers jsonb,
    add column enquiry_ids      uuid[] not null default '{}',
    add column response_ids     uuid[] not null default '{}',
    add column error_code       varchar(100);
