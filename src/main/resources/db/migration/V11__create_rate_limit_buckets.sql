-- Token buckets shared by every hub instance (per technical user, per participant). An instance does
-- not come here for every request: it leases a chunk of tokens at a time (security.SharedRateLimit).
create table rate_limit_bucket (
    bucket_key  varchar(120)     primary key,
    tokens      double precision not null,
    refilled_at timestamptz      not null
);

-- Refills the bucket at `per_second` up to `burst` (by the database's clock, the same for every
-- instance), then grants up to `wanted` whole tokens. Returns the tokens granted and, when none
-- could be, the seconds until one can. One statement, one row lock held for its duration only.
create function rate_limit_take(key varchar, per_second double precision, burst double precision, wanted integer,
                                out granted integer, out retry_after double precision)
    language plpgsql as $$
declare
    now_   timestamptz := clock_timestamp();
    filled double precision;
begin
    insert into rate_limit_bucket as b (bucket_key, tokens, refilled_at) values (key, burst, now_)
    on conflict (bucket_key) do update
        set tokens = least(burst, b.tokens + greatest(0, extract(epoch from now_ - b.refilled_at)) * per_second),
            refilled_at = now_
    returning tokens into filled;
    granted := least(wanted, floor(filled))::integer;
    if granted > 0 then
        update rate_limit_bucket set tokens = filled - granted where bucket_key = key;
        retry_after := 0;
    else
        granted := 0;
        retry_after := (1 - filled) / per_second;
    end if;
end
$$;

-- Buckets nobody used for a day are full again; forgetting them changes nothing.
create index rate_limit_bucket_by_refill on rate_limit_bucket (refilled_at);
