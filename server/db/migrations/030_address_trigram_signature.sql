-- The address search's GiST index (028) with 24-byte trigram signatures instead of the default 12 (issue 18). Measured
-- on the 200,000-house region (PostgreSQL, load ~7): the build inside an import 4.4–5.7 s → 2.7 s, and the search
-- over 300 random prefixes p50 5–12 ms → 1.8 ms: a 12-byte signature of an address of ~60 characters has most of its
-- bits set, so the nearest-first walk opens many pages it then rejects. A GIN index (`gin_trgm_ops`, filter by `<%`
-- then order by similarity) builds in 3.9 s but took 0.3–4.7 s per keystroke: addresses share their district and
-- street words, so a short prefix matches most houses and all of them are sorted.
drop index if exists houses_address_trgm;
create index houses_address_trgm on houses using gist (address gist_trgm_ops(siglen = 24));
