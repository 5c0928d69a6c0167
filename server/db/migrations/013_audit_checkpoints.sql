-- Signed checkpoints of the audit chain's head. The chain's hashes are unkeyed: whoever can write to the
-- database can rewrite a record and recompute every later hash. A checkpoint signs the head's id and hash
-- with an Ed25519 key that lives outside the database (a file or an environment variable), so a rewritten
-- chain no longer matches a signature nobody in the database could make. Each checkpoint also signs the one
-- before it (`prev_signature`): one taken out of the middle shows.
create table audit_checkpoints (
  id             bigint primary key,
  at             timestamptz not null,
  head_id        bigint not null,
  head_hash      text not null,
  records        bigint not null,
  prev_signature text,
  -- the signing key: the first 16 hex digits of the SHA-256 of its public key (DER)
  key_id         text not null,
  signature      text not null
);
create sequence audit_checkpoints_id_seq owned by audit_checkpoints.id;

create function audit_checkpoints_are_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_checkpoints is append-only';
end $$;

create trigger audit_checkpoints_no_update before update or delete or truncate on audit_checkpoints
  for each statement execute function audit_checkpoints_are_append_only();
