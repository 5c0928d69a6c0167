-- Audit records join the hash chain in one statement (issue 18: a live comment's write and its audit record in one
-- round trip instead of four). Each record arrives with its body: every hashed field but the previous hash, joined
-- as server/audit/audit-log.ts joins them (that file's verifier recomputes every hash). The head is read after the
-- chain lock is taken; a volatile function's statements each take a fresh snapshot under read committed, so the
-- read sees the head the last writer committed, and two writers never link to the same one.
create function audit_append(records jsonb) returns void language plpgsql volatile as $$
declare
  head text;
  body text;
  prevs text[] := '{}';
  hashes text[] := '{}';
begin
  perform pg_advisory_xact_lock(24139); -- 0x5e4b, the chain's lock
  select hash into head from audit_log order by id desc limit 1;
  head := coalesce(head, repeat('0', 64));
  for body in select r->>'body' from jsonb_array_elements(records) with ordinality as e(r, n) order by n loop
    prevs := prevs || head;
    head := encode(sha256(convert_to(head || E'\n' || body, 'UTF8')), 'hex');
    hashes := hashes || head;
  end loop;
  -- one insert for the batch; ids follow the order of the records, so the chain (by id) links them as hashed
  insert into audit_log (at, actor_id, action, entity, entity_id, payload, prev_hash, hash)
    select (r->>'at')::timestamptz, (r->>'actor_id')::int, r->>'action', r->>'entity', r->>'entity_id', r->'payload', prevs[n], hashes[n]
    from jsonb_array_elements(records) with ordinality as e(r, n) order by n;
end $$;
