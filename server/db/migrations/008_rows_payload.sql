-- The review page's rows payload (`RegistryRowsPayload`) of a check run, built once and kept gzip-compressed: it
-- never changes for its run, and building it from 30,000 rows on every open took 1.5–2.2 s on the embedded database.
-- Null for runs stored before this version (built on their first open) and for runs no longer current when read.
-- `rows_payload_format` names the payload's shape: a stored payload of an older shape is built again.
alter table check_runs
  add column rows_payload bytea,
  add column rows_payload_format smallint;
