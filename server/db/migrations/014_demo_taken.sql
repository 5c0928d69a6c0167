-- Registries the demo's reviewers took into work themselves (recorded just before the take). A demo registry in
-- work that is not here was taken by a person while the demo loaded — with whatever account, the demo ones
-- included: the demo leaves it to them instead of deciding on it (or stopping, when it may not).
create table demo_taken (
  registry_id  bigint primary key references registries(id) on delete cascade
);
