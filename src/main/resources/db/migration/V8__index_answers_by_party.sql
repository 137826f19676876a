-- v1 search shows answers newest first per party; to read them in that order from an index (instead
-- of joining every enquiry of the party and sorting all its answers), each answer carries its
-- enquiry's sender, receiver and commodity. They never change once an enquiry has an answer: the
-- sender and commodity never do, and the receiver may change only before the first answer (§5.3).
alter table enquiry_response
    add column sender_eic   varchar(16),
    add column receiver_eic varchar(16),
    add column commodity    varchar(20);

update enquiry_response r
   set sender_eic = e.sender_eic, receiver_eic = e.receiver_eic, commodity = e.commodity
  from enquiry e where e.id = r.enquiry_id;

alter table enquiry_response
    alter column sender_eic set not null,
    alter column receiver_eic set not null,
    alter column commodity set not null;

create index enquiry_response_by_sender on enquiry_response (sender_eic, commodity, updated_at desc, id desc);
create index enquiry_response_by_receiver on enquiry_response (receiver_eic, commodity, updated_at desc, id desc);
create index enquiry_by_customer_updated on enquiry (customer_eic, commodity, updated_at desc, id desc);
create index enquiry_by_meter_updated on enquiry (meter_eic, commodity, updated_at desc, id desc);
drop index enquiry_by_customer;
drop index enquiry_by_meter;
