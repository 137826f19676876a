-- The hub operator searches the audit log by participant or by actor within a time range, newest
-- first; the web interface names people as "person:<subject>", longer than a client id may be.
alter table audit_entry alter column client_id type varchar(300);
create index audit_entry_by_participant on audit_entry (participant_eic, at, id);
create index audit_entry_by_actor on audit_entry (client_id, at, id);
