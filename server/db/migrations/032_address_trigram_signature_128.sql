-- The address search's GiST signatures at 128 bytes instead of 24 (030). Measured on the 200,000-house region
-- (PostgreSQL, idle machine, the bench's 1,000 random prefixes, two runs each): siglen 24 p50 2.1 ms, p90 17 ms,
-- p99 54 ms, build 3.1 s; siglen 64 p50 1.2, p90 7.0, p99 52; siglen 128 p50 1.1, p90 4.5-5.1, p99 44-47 ms,
-- build 3.6 s; siglen 256 no better (p99 47, build 4.7 s). Addresses share their region, district and street
-- words, so a short signature of an inner page has most bits set and the nearest-first walk opens pages it then
-- rejects; a longer one tells them apart. What remains at p99 are prefixes every house of a district shares
-- («р-н. Т», «г. Тюм»): thousands of houses are equally near, and the walk reads many pages before any is sure.
drop index if exists houses_address_trgm;
create index houses_address_trgm on houses using gist (address gist_trgm_ops(siglen = 128));
