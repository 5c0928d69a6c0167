/**
 * «Изменения характеристик домов»: when a houses or gis_houses file replaces the region's earlier one, the earlier
 * version is kept and the report of what changed is stored with the import (DOMAIN.md «Changes of house data»):
 * changed fields, houses added and removed, houses moved to another standards group with both groups' standards,
 * and the house checks whose verdict changed. Computed in the import's transaction, from the data it replaces.
 */
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { GisHouse, House, HouseService } from '../../formulas/reference/types.ts';
import { checkHouse, HOUSE_CHECK_TITLES, type HouseCheck } from '../../formulas/standards/house-checks.ts';
import { diffHouseData } from '../../formulas/standards/house-changes.ts';
import { indexMoRates } from '../../formulas/standards/mo-rates.ts';
import type { StandardSet } from '../../formulas/standards/model.ts';
import type { StandardGroup } from '../../formulas/standards/types.ts';
import type { ChangeReportSummary, CheckChange, HouseChangeRow, HouseDataKind } from '../contract/reference.ts';
import type { Tx } from '../db/database.ts';
import { byTemplate, loadStandardsInput, params } from '../standards/region-state.ts';
import { currentTemplate } from '../standards/templates.ts';

const gzip = promisify(gzipCallback);

/** What is stored: every house of the report and the groups the moved houses left and joined. */
export interface StoredChangeReport {
  houses: HouseChangeRow[];
  groups: Record<string, StandardGroup>;
}

const byId = <T extends { fias_id: string }>(rows: readonly T[]): Map<string, T> => new Map(rows.map((r) => [r.fias_id, r]));

function checksOf(house: House, gis: Map<string, GisHouse>, services: Map<string, HouseService[]>, bptrIds: ReadonlySet<string>, rates: ReturnType<typeof indexMoRates>): HouseCheck[] {
  return checkHouse({
    house, gis: gis.get(house.fias_id), services: services.get(house.fias_id) ?? [], bptrIds,
    hasMoRates: rates.find(house.municipal_district, house.settlement, house.house_type) !== null, areaTolerance: params.areaTolerance,
  });
}

function checkChanges(a: HouseCheck[], b: HouseCheck[]): CheckChange[] {
  const after = new Map(b.map((c) => [c.id, c]));
  const out: CheckChange[] = [];
  for (const x of a) {
    const y = after.get(x.id);
    if (y && y.status !== x.status) out.push({ id: x.id, title: HOUSE_CHECK_TITLES[x.id], before: { status: x.status, reason: x.reason }, after: { status: y.status, reason: y.reason } });
  }
  return out;
}

/** The report of an import that replaces `kind` with `records`, against the data in the database now. */
export async function buildChangeReport(tx: Tx, kind: HouseDataKind, records: House[] | GisHouse[]): Promise<{ previous: House[] | GisHouse[]; summary: ChangeReportSummary; report: StoredChangeReport }> {
  const [now, template] = await Promise.all([loadStandardsInput(tx), currentTemplate(tx)]);
  const before = { houses: now.houses, gis: now.gis };
  const after = kind === 'houses' ? { houses: records as House[], gis: now.gis } : { houses: now.houses, gis: records as GisHouse[] };
  const diff = diffHouseData(before, after, { services: now.services, moRates: now.moRates }, params);
  const sets: { before: StandardSet; after: StandardSet } = { before: byTemplate(diff.groups.before, template), after: byTemplate(diff.groups.after, template) };

  const services = new Map<string, HouseService[]>();
  for (const s of now.services) services.set(s.fias_id, [...(services.get(s.fias_id) ?? []), s]);
  const rates = indexMoRates(now.moRates);
  const housesBefore = byId(before.houses);
  const housesAfter = byId(after.houses);
  const gisBefore = byId(before.gis);
  const gisAfter = byId(after.gis);
  const groupViews = new Map<string, StandardGroup>();
  const keep = (set: StandardSet, id: string | null): void => {
    if (id === null || groupViews.has(id)) return;
    const g = set.groups.find((x) => x.id === id);
    if (g) groupViews.set(id, g);
  };

  const houses: HouseChangeRow[] = [];
  for (const e of diff.houses) {
    const fias = e.fias_id;
    const a = housesBefore.get(fias);
    const b = housesAfter.get(fias);
    const checks = a && b ? checkChanges(checksOf(a, gisBefore, services, now.bptrIds, rates), checksOf(b, gisAfter, services, now.bptrIds, rates)) : [];
    const groupBefore = a ? (sets.before.houses.get(fias) ?? null) : null;
    const groupAfter = b ? (sets.after.houses.get(fias) ?? null) : null;
    if (e.group_changed) {
      keep(sets.before, groupBefore);
      keep(sets.after, groupAfter);
    }
    const shown = b ?? a;
    houses.push({
      fias_id: fias, address: shown?.address ?? '', municipal_district: shown?.municipal_district ?? '',
      added: e.added, removed: e.removed, changes: e.changes, group_changed: e.group_changed, group_before: groupBefore, group_after: groupAfter, checks,
    });
  }
  const summary: ChangeReportSummary = { ...diff.summary, checks_changed: houses.filter((h) => h.checks.length > 0).length };
  return { previous: kind === 'houses' ? before.houses : before.gis, summary, report: { houses, groups: Object.fromEntries(groupViews) } };
}

const gzipJson = async (value: unknown): Promise<Uint8Array> => {
  const bytes = await gzip(JSON.stringify(value), { level: 6 });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/**
 * Keeps the version an import replaced and the change report, in the import's transaction. Nothing when the region
 * had no earlier version of that file (a first import is not a change).
 */
export async function keepHouseDataChanges(tx: Tx, batchId: number, kind: HouseDataKind, built: Awaited<ReturnType<typeof buildChangeReport>>): Promise<void> {
  if (built.previous.length === 0) return;
  await tx`insert into house_data_changes (batch_id, kind, previous, previous_rows, summary, report)
    values (${batchId}, ${kind}, ${await gzipJson(built.previous)}, ${built.previous.length}, ${tx.json(built.summary as never)}, ${await gzipJson(built.report)})`;
}
