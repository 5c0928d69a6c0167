-- A session ends after an idle period as well as at its absolute expiry (ASVS V3.3), and ended sessions are
-- purged. The time of last use is kept to the minute (touched at most once a minute).
alter table sessions add column last_seen_at timestamptz not null default now();
create index sessions_expires on sessions (expires_at);
create index sessions_last_seen on sessions (last_seen_at);

-- Sign-in attempts counted per login (as typed, lower-cased, whether or not such a user exists) and per client
-- address (ASVS V2.2.1): after a few free failures each attempt waits (`next_at`), after more the key is locked
-- until `locked_until`. An attempt is counted before the password is hashed and taken back when it succeeds.
create table login_throttle (
  kind            text not null check (kind in ('login', 'address')),
  key             text not null check (length(key) between 1 and 200),
  failures        integer not null check (failures >= 0),
  next_at         timestamptz not null,
  locked_until    timestamptz,
  last_failure_at timestamptz not null,
  primary key (kind, key)
);
create index login_throttle_last_failure on login_throttle (last_failure_at);
