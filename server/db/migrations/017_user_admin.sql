-- User administration (issue 11): the РСО role bound to one organisation, disabling with its time, the time of the
-- last password change. `active` (001) stays the switch every session check reads.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in ('admin', 'analyst', 'reviewer', 'manager', 'rso'));
alter table users add column rso_inn text references organisations(inn);
alter table users add constraint users_rso_inn check ((role = 'rso') = (rso_inn is not null));
alter table users add column password_changed_at timestamptz;
alter table users add column disabled_at timestamptz;
create index users_rso_inn on users(rso_inn) where rso_inn is not null;
