-- Address search by trigram (issue 18): «Ленна 12» finds «ул. Ленина, д. 12». A GiST index answers
-- `order by address <<-> query limit n` (word-similarity distance) by walking the index nearest first, so a keystroke
-- costs the same on 200,000 houses as on 2,000; the embedded PGlite loads pg_trgm as an extension (db/embedded.ts).
create extension if not exists pg_trgm;
create index houses_address_trgm on houses using gist (address gist_trgm_ops);
