-- Registry control, version 5: what the intake and the decision commands need beyond 003.

-- Changes with every row decision on a registry: the version the browser keeps its row states under.
alter table registries add column decisions_version bigint not null default 0;

-- Per rule of a check run: 'error' for the nine, the low-code rule's own severity otherwise. «Согласовать все без
-- ошибок» agrees rows without a failed rule of severity error.
alter table check_runs
  add column severities text[] not null default '{}',
  add column formula_problems jsonb not null default '[]';

-- Checks 7 and 9 read the rows of other counted registries for the same houses.
create index registries_counted on registries(service, period) where status not in ('Отменен', 'Отказано в регистрации');

-- Decisions rewrite status, reason, actor and time of up to 30,000 rows at once. None of them is indexed, so with
-- room left on the page Postgres updates in place (HOT) instead of adding entries to every index, GIN included.
alter table registry_rows set (fillfactor = 70);
