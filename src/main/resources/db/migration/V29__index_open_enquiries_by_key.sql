-- The open enquiries of a receiver by due time, now with the id as the last column: a unique key, so that
-- the gauges' refresh (enquiry.AnswerTimes) counts them in short pieces, each resuming after the last key
-- of the one before, instead of one statement that reads every open enquiry at once. Everything the old
-- index served (overdue lists, due soon) it serves as before.
create index enquiry_open_by_receiver_due_id on enquiry (receiver_eic, commodity, due_at, id) where status = 'OPEN';
drop index enquiry_open_by_receiver_due;
