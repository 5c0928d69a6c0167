import type { Sql, Tx } from '../db/database.ts';
import { ONE_DISTRICT_SQL, WHOLE_REGISTRY } from './whole-registry.ts';

/** A group of analytics_settlement_cells: registries of one month, district and status. */
interface Group {
  period: string;
  district: string;
  reg_status: string;
}

/** A fixed key: refreshes serialise, so two requests never sum the same registry at once. */
const REFRESH_LOCK = 7_202_607;

/** A GUID as the houses table keys it; anything else matches no house. */
const HOUSE_OF_ROW = `h.fias_id = case when rr.fias_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then rr.fias_id::uuid end`;

/** Refreshes of one database in this process, one after another: the second finds nothing left to do. */
const queues = new WeakMap<Sql, Promise<unknown>>();

/**
 * Brings the per-registry summaries (analytics_cells, analytics_rule_cells) up to date before a query reads them:
 * re-sums the registries whose rows changed since (marked by the triggers of migration 006), and those whose
 * houses a newer houses import changed (a settlement may have moved). Cheap when nothing changed: two lookups.
 * Returns the number of registries re-summed.
 */
export function refreshAnalytics(sql: Sql): Promise<number> {
  const next = (queues.get(sql) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => refreshNow(sql));
  queues.set(sql, next);
  return next;
}

const pending = new WeakSet<Sql>();

/**
 * The summaries brought up to date in the background, after a registry's intake and after decisions (not by the
 * first dashboard view, which then finds them built). Calls while one is waiting to start join it; a failure is
 * logged and left for the next call (or the next read) to retry.
 */
export function refreshSoon(sql: Sql, log: (line: string) => void = (l) => console.error(l)): Promise<number> {
  if (pending.has(sql)) return queues.get(sql) as Promise<number>;
  pending.add(sql);
  const next = (queues.get(sql) ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      pending.delete(sql);
      return refreshNow(sql);
    })
    .catch((e: unknown) => {
      log(`аналитика: сводки не обновлены: ${e instanceof Error ? e.message : String(e)}`);
      return 0;
    });
  queues.set(sql, next);
  return next;
}

async function refreshNow(sql: Sql): Promise<number> {
  const [state] = await sql<{ stale: boolean; houses_newer: boolean }[]>`
    select exists (select 1 from analytics_stale) as stale,
           coalesce((select max(id) from import_batches where kind = 'houses'), 0) > (select houses_batch from analytics_state) as houses_newer`;
  if (!state?.stale && !state?.houses_newer) return 0;
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${REFRESH_LOCK})`;
    const [s] = await tx<{ seen: string; latest: string }[]>`
      select houses_batch::text as seen, coalesce((select max(id) from import_batches where kind = 'houses'), 0)::text as latest
      from analytics_state`;
    if (s && s.seen === '0') {
      await tx`insert into analytics_stale (registry_id) select id from registries on conflict (registry_id) do update set marked_at = now()`;
      await tx`update analytics_state set houses_batch = ${s.latest}::bigint`;
    } else if (s && s.latest !== s.seen) {
      // houses inserted or changed by the newer imports carry that import's id as their version
      await tx`
        insert into analytics_stale (registry_id)
        select distinct rr.registry_id from houses h
        join registry_rows rr on rr.fias_id in (h.fias_id::text, upper(h.fias_id::text))
        where h.version > ${s.seen}::bigint
        on conflict (registry_id) do update set marked_at = now()`;
      await tx`update analytics_state set houses_batch = ${s.latest}::bigint`;
    }
    // A command in flight holds its registry's row (for update) and marks the registry stale when it writes rows.
    // Summing a registry needs a key-share lock on that row (the summaries' foreign key), so waiting for such a
    // command while it waits for our taking of its mark deadlocked on PostgreSQL. Registries busy in a command, or
    // whose mark a command holds, are left for the next refresh (the command's own refresh comes after it).
    // a deleted registry's cells went with it; the per-settlement sums of its group are summed again without it
    const gone = await tx<Group[]>`
      delete from analytics_registry_groups g
      where g.registry_id in (select registry_id from analytics_stale s where not exists (select 1 from registries r where r.id = s.registry_id))
      returning to_char(period, 'YYYY-MM-DD') as period, district, reg_status`;
    await tx`delete from analytics_stale s where not exists (select 1 from registries r where r.id = s.registry_id)`;
    const free = await tx<{ id: string }[]>`
      select r.id::text as id from registries r where r.id in (select registry_id from analytics_stale)
      for key share of r skip locked`;
    const stale = free.length === 0 ? [] : await tx<{ registry_id: string }[]>`
      delete from analytics_stale s using (
        select registry_id from analytics_stale where registry_id = any(${free.map((f) => f.id)}::bigint[]) for update skip locked
      ) taken
      where s.registry_id = taken.registry_id returning s.registry_id::text`;
    if (stale.length === 0) {
      await resumSettlementGroups(tx, gone);
      return 0;
    }
    const ids = stale.map((r) => r.registry_id);
    // the groups these registries were summed into before (see migration 022), summed again below without them
    const before = await tx<Group[]>`
      delete from analytics_registry_groups where registry_id = any(${ids}::bigint[])
      returning to_char(period, 'YYYY-MM-DD') as period, district, reg_status`;
    await tx`delete from analytics_cells where registry_id = any(${ids}::bigint[])`;
    await tx`delete from analytics_rule_cells where registry_id = any(${ids}::bigint[])`;
    await tx`
      insert into analytics_cells (registry_id, settlement, row_status, rows, subsidy, volume)
      select rr.registry_id, coalesce(h.settlement, ''), rr.status, count(*), coalesce(sum(rr.subsidy), 0),
             coalesce(sum(coalesce(rr.v_living, 0) + coalesce(rr.v_odn, 0)), 0)
      from registry_rows rr
      join registries r on r.id = rr.registry_id
      left join houses h on ${tx.unsafe(HOUSE_OF_ROW)}
      where rr.registry_id = any(${ids}::bigint[])
      group by 1, 2, 3`;
    // the whole registry, every settlement together: what most charts read
    await tx`
      insert into analytics_cells (registry_id, settlement, row_status, rows, subsidy, volume)
      select registry_id, ${WHOLE_REGISTRY}, row_status, sum(rows), sum(subsidy), sum(volume)
      from analytics_cells where registry_id = any(${ids}::bigint[]) group by 1, 3`;
    await tx`
      insert into analytics_rule_cells (registry_id, settlement, rule, row_status, rows, subsidy)
      select rr.registry_id, coalesce(h.settlement, ''), f.rule, rr.status, count(*), coalesce(sum(rr.subsidy), 0)
      from registry_rows rr
      cross join lateral unnest(rr.failed_rules) as f(rule)
      join registries r on r.id = rr.registry_id
      left join houses h on ${tx.unsafe(HOUSE_OF_ROW)}
      where rr.registry_id = any(${ids}::bigint[]) and cardinality(rr.failed_rules) > 0
      group by 1, 2, 3, 4`;
    await tx`
      insert into analytics_rule_cells (registry_id, settlement, rule, row_status, rows, subsidy)
      select registry_id, ${WHOLE_REGISTRY}, rule, row_status, sum(rows), sum(subsidy)
      from analytics_rule_cells where registry_id = any(${ids}::bigint[]) group by 1, 3, 4`;
    const after = await tx<Group[]>`
      insert into analytics_registry_groups (registry_id, period, district, reg_status)
      select id, period, ${tx.unsafe(ONE_DISTRICT_SQL)}, status from registries r where id = any(${ids}::bigint[])
      returning to_char(period, 'YYYY-MM-DD') as period, district, reg_status`;
    await resumSettlementGroups(tx, [...gone, ...before, ...after]);
    return ids.length;
  });
}

/**
 * Sums the settlement cells of every registry in these groups into analytics_settlement_cells, replacing what the
 * groups held: the per-settlement money the dashboard reads without summing every registry's cells.
 */
async function resumSettlementGroups(tx: Tx, groups: Group[]): Promise<void> {
  const unique = [...new Map(groups.map((g) => [`${g.period}|${g.district}|${g.reg_status}`, g])).values()];
  if (unique.length === 0) return;
  const periods = unique.map((g) => g.period);
  const districts = unique.map((g) => g.district);
  const statuses = unique.map((g) => g.reg_status);
  await tx`
    delete from analytics_settlement_cells s
    using unnest(${periods}::date[], ${districts}::text[], ${statuses}::text[]) as g(period, district, reg_status)
    where s.period = g.period and s.district = g.district and s.reg_status = g.reg_status`;
  await tx`
    insert into analytics_settlement_cells (period, district, reg_status, settlement, registries, rows, declared, agreed, rejected, pending)
    select rg.period, rg.district, rg.reg_status, c.settlement, count(distinct c.registry_id), sum(c.rows), sum(c.subsidy),
           coalesce(sum(c.subsidy) filter (where c.row_status = 'Согласован'), 0),
           coalesce(sum(c.subsidy) filter (where c.row_status = 'Не согласован'), 0),
           coalesce(sum(c.subsidy) filter (where c.row_status = 'Требует решения'), 0)
    from unnest(${periods}::date[], ${districts}::text[], ${statuses}::text[]) as g(period, district, reg_status)
    join analytics_registry_groups rg on rg.period = g.period and rg.district = g.district and rg.reg_status = g.reg_status
    join analytics_cells c on c.registry_id = rg.registry_id and c.settlement <> ${WHOLE_REGISTRY}
    group by 1, 2, 3, 4`;
}
