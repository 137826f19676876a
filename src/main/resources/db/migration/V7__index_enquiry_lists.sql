-- v2's list and the web's inbox: each side's enquiries by creation time, and comment text search
-- (q: a case-insensitive substring of the enquiry's or any answer's comment) by trigram indexes.
create extension if not exists pg_trgm;

create index enquiry_by_sender_created on enquiry (sender_eic, commodity, created_at, id);
create index enquiry_by_receiver_created on enquiry (receiver_eic, commodity, created_at, id);
create index enquiry_request_comment_trgm on enquiry using gin (request_comment gin_trgm_ops);
create index enquiry_response_comment_trgm on enquiry_response using gin (response_comment gin_trgm_ops);
