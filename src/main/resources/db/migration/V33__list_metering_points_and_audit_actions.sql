-- The hub operator's list of metering points: by EIC, or its start, alone or with the grid operator
-- and the commodity, a page at a time in EIC order. "C" collation, so that an EIC's start is a range
-- of the index whatever the database's locale. The grid operator's index also serves the foreign key.
create index metering_point_by_eic on metering_point (eic collate "C");
create index metering_point_by_commodity on metering_point (commodity, eic collate "C");
create index metering_point_by_grid_operator on metering_point (grid_operator_eic, eic collate "C");
create index metering_point_by_grid_operator_commodity on metering_point (grid_operator_eic, commodity, eic collate "C");
drop index metering_point_grid_operator;

-- The audit log reads as actions: each entry now says whether it is an ACTION or a VIEW (a page view or
-- a routine request), and names the domain action it took (event) and what it was done to (object:
-- codes and identifiers, never free text). New columns without defaults: no partition is rewritten, and
-- entries written before keep nulls (append-only: they are never updated).
alter table audit_entry add column kind varchar(10);
alter table audit_entry add column event varchar(60);
alter table audit_entry add column object jsonb;

-- Actions are few beside the reads, so their indexes are partial and stay small.
create index audit_entry_actions on audit_entry (at, id) where kind = 'ACTION';
create index audit_entry_actions_by_actor on audit_entry (client_id, at, id) where kind = 'ACTION';
create index audit_entry_actions_by_participant on audit_entry (participant_eic, at, id) where kind = 'ACTION';
create index audit_entry_by_event on audit_entry (event, at, id) where event is not null;
-- Entries written before kinds were kept, but GETs: the actions among them. No new entry is null here.
create index audit_entry_legacy_actions on audit_entry (at, id)
    where kind is null and action not like 'GET %' and action not like 'HEAD %';
