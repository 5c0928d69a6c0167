import type { OtherRegistry } from '../../formulas/checks/history-index.ts';
import { COLD_WATER, HOT_WATER, SEWERAGE } from '../../formulas/checks/linked-services.ts';
import { shiftPeriod, type Period } from '../../formulas/registry/period.ts';
import { NOT_COUNTED_STATUSES, registryLabel } from '../../formulas/registry/registered.ts';
import type { Sql, Tx } from '../db/database.ts';

/** Stamp of the registries the checks can see: a new registry or any status change moves it. */
export async function historyStamp(sql: Sql | Tx): Promise<string> {
  const [row] = await sql<{ r: string | null; d: string | null }[]>`
    select (select max(id) from registries)::text as r, (select max(id) from registry_decisions)::text as d`;
  return `${row?.r ?? 0}.${row?.d ?? 0}`;
}

/**
 * What checks 7, 9 and 10 need about the houses of one registry: the rows of every other counted registry of
 * the same service for those houses, in the period and the `months` before it, and for a ВО registry the ХВС
 * and ГВС rows of the period. Only the registry's own houses are read, so a 300-row registry reads a few
 * thousand rows, not the service's whole year.
 */
export async function loadCheckHistory(sql: Sql | Tx, q: { service: string; period: Period; months: number; fias: readonly string[]; exclude?: number }): Promise<OtherRegistry[]> {
  const houses = [...new Set(q.fias.filter((f) => f !== ''))];
  if (houses.length === 0) return [];
  const from = shiftPeriod(q.period, q.months).first;
  const own = await otherRows(sql, houses, sql`r.service = ${q.service} and r.period between ${from}::date and ${q.period.first}::date and r.id <> ${q.exclude ?? 0}`);
  if (q.service !== SEWERAGE) return own;
  const water = await otherRows(sql, houses, sql`r.service = any(${[COLD_WATER, HOT_WATER]}::text[]) and r.period = ${q.period.first}::date`);
  return [...own, ...water];
}

/** Rows of the counted registries that `where` selects, for the given houses, one entry per registry. */
async function otherRows(sql: Sql | Tx, houses: string[], where: ReturnType<Sql['unsafe']>): Promise<OtherRegistry[]> {
  const rows = await sql<{ id: string; rso_name: string; rso_inn: string; service: string; period: string; fias: string[]; row_no: number[]; volume: number[] }[]>`
    select r.id::text, r.rso_name, r.rso_inn, r.service, to_char(r.period, 'YYYY-MM') as period,
           array_agg(rr.fias_id order by rr.row_no) as fias, array_agg(rr.row_no order by rr.row_no) as row_no,
           array_agg(case when rr.v_living is null then 'NaN'::float8 else ((rr.v_living + coalesce(rr.v_odn, 0)) * 10000)::float8 end order by rr.row_no) as volume
    from registries r join registry_rows rr on rr.registry_id = r.id
    where ${where} and r.status <> all(${NOT_COUNTED_STATUSES}::text[]) and rr.fias_id = any(${houses}::text[])
    group by r.id order by r.id`;
  return rows.map((r) => ({
    id: r.id,
    label: registryLabel({ id: r.id, rsoName: r.rso_name, rsoInn: r.rso_inn, service: r.service, period: r.period }),
    service: r.service,
    period: r.period,
    fias: r.fias,
    fileRow: r.row_no,
    volume: r.volume.map(Number),
  }));
}
