-- A v1 search filtered by customer or meter reads the matching answers newest first from an index of
-- their own (issue 8, docs/benchmark.md finding 1): each answer carries its enquiry's customer and
-- meter, as it carries its parties (V8). Walking the party's answers and probing each one's enquiry
-- cost the party's whole history when few matched; joining the customer's enquiries to their answers
-- cost one probe per enquiry (10 000 for a big customer). The meter cannot change after the first
-- answer (§5.3) but the customer can: a trigger keeps the answers' copy equal to the enquiry's in the
-- same transaction, and costs nothing while neither changes.
alter table enquiry_response
    add column customer_eic varchar(16),
    add column meter_eic    varchar(16);

update enquiry_response r
   set customer_eic = e.customer_eic, meter_eic = e.meter_eic
  from enquiry e where e.id = r.enquiry_id;

alter table enquiry_response
    alter column customer_eic set not null,
    alter column meter_eic set not null;

create index enquiry_response_by_customer on enquiry_response (customer_eic, commodity, updated_at desc, id desc)
    include (sender_eic, receiver_eic);
create index enquiry_response_by_meter on enquiry_response (meter_eic, commodity, updated_at desc, id desc)
    include (sender_eic, receiver_eic);

create function enquiry_carry_to_answers() returns trigger language plpgsql as $$
begin
    update enquiry_response set customer_eic = new.customer_eic, meter_eic = new.meter_eic
     where enquiry_id = new.id;
    return null;
end
$$;

create trigger enquiry_carry_to_answers
    after update of customer_eic, meter_eic on enquiry
    for each row
    when (old.customer_eic is distinct from new.customer_eic or old.meter_eic is distinct from new.meter_eic)
    execute function enquiry_carry_to_answers();
