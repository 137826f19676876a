-- Comment text search (v1 requestComment/responseComment, v2 q; issue 8, docs/benchmark.md) reads the
-- caller's own matches: the trigram index of each comment column also holds the parties and the
-- commodity (btree_gin indexes plain values in a GIN index), so a search fetches and rechecks only the
-- caller's candidates from the table instead of every party's (half of them at 1 000 000 messages in
-- the benchmark, nearly all for a small party among big ones). A GIN index serves any subset of its
-- columns, so one index serves both sides. The single-column indexes served nothing else.
create extension if not exists btree_gin;

create index enquiry_request_comment_by_party_trgm on enquiry
    using gin (sender_eic, receiver_eic, commodity, request_comment gin_trgm_ops);
drop index enquiry_request_comment_trgm;
create index enquiry_response_comment_by_party_trgm on enquiry_response
    using gin (sender_eic, receiver_eic, commodity, response_comment gin_trgm_ops);
drop index enquiry_response_comment_trgm;
