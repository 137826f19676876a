-- Answer deadlines (docs/api-guide.md): when the receiver owes its final answer, and when a final answer
-- came. Enquiries sent before deadlines existed get two calendar weeks (about ten working days) from
-- their creation; those already closed by an answer get the time of their first final answer.
alter table enquiry
    add column due_at          timestamptz,
    add column final_answer_at timestamptz;

update enquiry set due_at = created_at + interval '14 days';
update enquiry e
   set final_answer_at = (select min(r.updated_at) from enquiry_response r
                           where r.enquiry_id = e.id and r.status = 'CLOSE')
 where e.status = 'CLOSE';

alter table enquiry alter column due_at set not null;

-- Overdue: open enquiries of a receiver past their due time; statistics: a receiver's enquiries by creation.
create index enquiry_open_by_receiver_due on enquiry (receiver_eic, commodity, due_at) where status = 'OPEN';
create index enquiry_by_created on enquiry (created_at);
