/**
 * An analyst's edits of a group's formula sheet, saved. A tariff or a norm in the sheet is the one every
 * house of the group is charged (DOMAIN.md «Group»: the group is the set of houses with the same services),
 * so saving the sheet changes that service's line in house_services for each of those houses, in one
 * transaction with its audit record (who, when, old and new). The houses then regroup by their new key, and
 * the standards, the registry and the next published set follow. Until saved, an edit is a draft in the
 * browser only; discarding it changes nothing.
 */
import { scaledToDecimal } from '../../formulas/parse/decimal.ts';
import type { ServiceLine } from '../../formulas/standards/types.ts';
import { appendAudit } from '../audit/audit-log.ts';
import type { GroupEditRecord, GroupEditResult, SavedChange } from '../contract/standards.ts';
import type { Sql } from '../db/database.ts';
import type { CommandOutcome } from './commands.ts';
import { regionState } from './region-state.ts';

export interface ServiceChange {
  service: string;
  /** 10⁻⁴ руб., as in ServiceLine; omitted: unchanged. */
  tariff?: number | undefined;
  norm?: number | undefined;
}

const dec4 = (x: number): string => scaledToDecimal(x, 4);

/** What the changes do to the group's lines, or why they cannot be saved. */
function planChanges(lines: readonly ServiceLine[], changes: readonly ServiceChange[]): { ok: true; plan: { line: ServiceLine; next: ServiceLine; saved: SavedChange[] }[] } | { ok: false; message: string } {
  const plan: { line: ServiceLine; next: ServiceLine; saved: SavedChange[] }[] = [];
  const seen = new Set<string>();
  for (const c of changes) {
    if (seen.has(c.service)) return { ok: false, message: `Услуга ${c.service} указана в изменениях дважды` };
    seen.add(c.service);
    const own = lines.filter((l) => l.service === c.service);
    const line = own[0];
    if (!line) return { ok: false, message: `В группе нет услуги ${c.service}` };
    // a doubled service is a data error of its houses: which of the two lines is meant is not for the sheet to guess
    if (own.length > 1) return { ok: false, message: `Услуга ${c.service} указана в домах группы дважды; исправьте дубликат в файле house_services` };
    const next = { ...line, ...(c.tariff === undefined ? {} : { tariff: c.tariff }), ...(c.norm === undefined ? {} : { norm: c.norm }) };
    const saved: SavedChange[] = [];
    if (next.tariff !== line.tariff) saved.push({ service: c.service, field: 'tariff', old: dec4(line.tariff), new: dec4(next.tariff) });
    if (next.norm !== line.norm) saved.push({ service: c.service, field: 'norm', old: dec4(line.norm), new: dec4(next.norm) });
    if (saved.length > 0) plan.push({ line, next, saved });
  }
  if (plan.length === 0) return { ok: false, message: 'Нет изменений: тарифы и нормативы группы те же' };
  return { ok: true, plan };
}

/**
 * Saves the tariffs and norms an analyst changed in the sheet of group `groupId` for every house of the group.
 * Refused (409) when the group no longer exists or any of its houses' lines changed since the sheet was opened.
 */
export async function saveGroupChanges(sql: Sql, groupId: string, changes: readonly ServiceChange[], comment: string | null, actorId: number): Promise<CommandOutcome<GroupEditResult>> {
  const state = await regionState(sql);
  const group = state.groups.get(groupId);
  if (!group) return { ok: false, status: 409, message: 'Группы больше нет: тарифы, нормативы или ставки её домов изменились. Обновите список групп' };
  const planned = planChanges(group.key.services, changes);
  if (!planned.ok) return { ok: false, status: 422, message: planned.message };
  // a tariff or norm moves money for every house of the group: no change without its basis (the server, not the form, insists)
  if (!comment?.trim()) return { ok: false, status: 422, message: 'Укажите основание изменения тарифа или норматива (например, решение РЭК № и дата)' };
  const houses: string[] = [];
  for (const [fias, id] of state.set.houses) if (id === groupId) houses.push(fias);
  const stale = { ok: false as const, status: 409 as const, message: 'Данные домов группы изменились после того, как лист был открыт; изменения не сохранены. Обновите список групп' };
  const outcome = await sql.begin(async (tx) => {
    let rows = 0;
    for (const { line, next } of planned.plan) {
      // the line as the sheet showed it, in every house of the group: anything else is a change made meanwhile
      const updated = await tx<{ fias_id: string }[]>`
        update house_services set tariff = ${dec4(next.tariff)}::numeric, norm = ${dec4(next.norm)}::numeric, version = null
        where fias_id = any(${houses}::uuid[]) and service = ${line.service} and tariff = ${dec4(line.tariff)}::numeric
          and norm = ${dec4(line.norm)}::numeric and norm_unit = ${line.norm_unit} and heating_only = ${line.heating_only}
        returning fias_id::text as fias_id`;
      if (updated.length !== houses.length || new Set(updated.map((r) => r.fias_id)).size !== houses.length) throw stale;
      rows += updated.length;
    }
    const saved = planned.plan.flatMap((p) => p.saved);
    const [edit] = await tx<{ id: string }[]>`
      insert into house_service_edits (group_id, changes, houses, service_rows, comment, edited_by)
      values (${groupId}, ${tx.json(saved as never)}, ${houses.length}, ${rows}, ${comment}, ${actorId}) returning id`;
    const id = Number(edit?.id);
    await appendAudit(tx, {
      actorId, action: 'standards.group.edit', entity: 'standard_group', entityId: groupId,
      payload: { edit: id, changes: saved, houses: houses.length, rows, comment, key: { municipal_district: group.key.municipal_district, settlement: group.key.settlement, house_type: group.key.house_type, heating_type: group.key.heating_type } },
    });
    return { ok: true as const, value: { edit: id, houses: houses.length, rows, changes: saved } };
  }).catch((e: unknown) => {
    if (e === stale) return stale;
    throw e;
  });
  if (!outcome.ok) return outcome;
  // the reference key now includes this edit: the next state regroups the houses
  const after = await regionState(sql);
  return { ok: true, value: { ...outcome.value, group_id: (houses[0] && after.set.houses.get(houses[0])) ?? null } };
}

/** The latest saved sheet edits, newest first, from the audit log (the record that cannot be altered). */
export async function listGroupEdits(sql: Sql, limit: number): Promise<GroupEditRecord[]> {
  const rows = await sql<{ at: string; by: string | null; group_id: string; payload: { edit: number; key?: GroupEditRecord['key']; changes: SavedChange[]; houses: number; comment: string | null } }[]>`
    select to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, u.full_name as by, a.entity_id as group_id, a.payload
    from audit_log a left join users u on u.id = a.actor_id
    where a.action = 'standards.group.edit' order by a.id desc limit ${limit}`;
  return rows.map((r) => ({ edit: r.payload.edit, at: r.at, by: r.by, group_id: r.group_id, key: r.payload.key ?? null, changes: r.payload.changes, houses: r.payload.houses, comment: r.payload.comment }));
}
