-- API tokens of РСО users (issue 11): a billing system sends registries and reads verdicts with one. Only the
-- SHA-256 of a token is stored; a revoked token stays for the record.
create table api_tokens (
  id           bigserial primary key,
  user_id      integer not null references users(id) on delete cascade,
  name         text not null check (length(name) between 1 and 100),
  token_hash   text not null unique,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
create index api_tokens_user on api_tokens(user_id);
