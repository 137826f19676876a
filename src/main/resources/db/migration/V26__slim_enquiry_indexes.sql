-- A search or a list by customer or by meter counts its matches for the party of the caller (issue 8).
-- With the parties in the index the count is an index-only scan instead of a fetch of every matching
-- row from the table (6 500 buffers for a customer with 10 000 enquiries at 1 000 000 messages).
create index enquiry_by_customer_party on enquiry (customer_eic, commodity, updated_at desc, id desc)
    include (sender_eic, receiver_eic);
drop index enquiry_by_customer_updated;
create index enquiry_by_meter_party on enquiry (meter_eic, commodity, updated_at desc, id desc)
    include (sender_eic, receiver_eic);
drop index enquiry_by_meter_updated;
