/** Published standard sets as the routes read them, and their differences per group. */
import { diffStandardSets, type DiffSide, type GroupDiff } from '../../formulas/standards/diff.ts';
import type { StandardGroup } from '../../formulas/standards/types.ts';
import type { DiffSummary, StandardSetInfo } from '../contract/standards.ts';
import type { Sql } from '../db/database.ts';
import { regionState } from './region-state.ts';

const INFO = (sql: Sql) => sql`
  s.id::int as id, to_char(s.effective_from, 'YYYY-MM-DD') as effective_from, s.title, s.template_version,
  s.reference_version::int as reference_version, s.groups, s.houses, u.full_name as published_by,
  to_char(s.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as published_at`;

export async function listSets(sql: Sql): Promise<StandardSetInfo[]> {
  return [...(await sql<StandardSetInfo[]>`select ${INFO(sql)} from standard_sets s left join users u on u.id = s.published_by order by s.effective_from desc, s.id desc`)];
}

export async function setInfo(sql: Sql, id: number): Promise<StandardSetInfo | null> {
  const [row] = await sql<StandardSetInfo[]>`select ${INFO(sql)} from standard_sets s left join users u on u.id = s.published_by where s.id = ${id}`;
  return row ?? null;
}

/** The set in force on a date: the latest effective date not after it, the newest publication on a tie. */
export async function setInForce(sql: Sql, date: string): Promise<StandardSetInfo | null> {
  const [row] = await sql<StandardSetInfo[]>`select ${INFO(sql)} from standard_sets s left join users u on u.id = s.published_by
    where s.effective_from <= ${date} order by s.effective_from desc, s.id desc limit 1`;
  return row ?? null;
}

export async function setGroups(sql: Sql, id: number): Promise<StandardGroup[]> {
  const rows = await sql<{ id: string; key: StandardGroup['key']; rates: StandardGroup['rates']; houses: number; standards: StandardGroup['standards']; reason: string | null }[]>`
    select group_id as id, key, rates, houses, standards, reason from standard_set_groups where set_id = ${id} order by group_id`;
  return rows.map((r) => ({ ...r }));
}

async function setSide(sql: Sql, id: number): Promise<DiffSide> {
  const [groups, houses] = await Promise.all([
    setGroups(sql, id),
    sql<{ fias_id: string; group_id: string }[]>`select fias_id::text as fias_id, group_id from standard_set_houses where set_id = ${id}`,
  ]);
  return { groups, houses: new Map(houses.map((h) => [h.fias_id, h.group_id])) };
}

export const summarise = (diff: readonly GroupDiff[]): DiffSummary => {
  const s = { same: 0, changed: 0, added: 0, removed: 0 };
  for (const d of diff) s[d.status]++;
  return s;
};

/** `current` is the standards computed now from the reference; otherwise a published set's id. */
export async function diffVersions(sql: Sql, from: number | 'current', to: number | 'current'): Promise<GroupDiff[] | null> {
  const side = async (v: number | 'current'): Promise<DiffSide | null> => {
    if (v === 'current') return (await regionState(sql)).set;
    return (await setInfo(sql, v)) ? setSide(sql, v) : null;
  };
  const [a, b] = await Promise.all([side(from), side(to)]);
  return a && b ? diffStandardSets(a, b) : null;
}
