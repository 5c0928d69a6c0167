-- A check run started by something other than an intake or a person's request says why: a ВО registry is checked
-- again when an ХВС or ГВС registry of its period arrives (check 10), and its card names that registry.
alter table check_runs add column note text;
