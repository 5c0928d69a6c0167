/**
 * Check 10 of DOMAIN.md on the generated registries. Clean ВО rows follow the water exactly (volumes.ts); the
 * generator plants a few that do not — sewerage billed by norm while the water is metered — and, once a month's
 * mistakes are in, evaluates the check on the rows as the files will say them, to list every failure: the planted
 * ones and those a mistake in a water row causes (a duplicated ХВС row doubles the water, a jump or a changed
 * ФИАС id of a ГВС row moves it).
 */
import { vol4 } from './format.ts';
import type { ExpectedFailure, MonthRegistry } from './month-registry.ts';
import type { DemoHouse } from './model.ts';
import type { RuleNumber } from './params.ts';
import type { RegistryRow } from './registry-rows.ts';
import type { RowErrorContext } from './row-errors.ts';
import { subsidyKopecks } from './subsidy.ts';

/** templates/rules/default.json's linked_tolerance, 0.02, in 10^-4. */
const TOLERANCE = 200;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Mistakes that move a water row's volume or take it from its house (of a ВО row, only 9 and 10 move it). */
const MOVES_WATER: ReadonlySet<RuleNumber> = new Set([1, 7, 9]);

/** The id as the registry reader keeps it: trimmed and lower-cased. */
const keyOf = (row: RegistryRow): string => row.fias.trim().toLowerCase();

/** Check 10: a ВО volume that is not the house's ХВС + ГВС (the РСО billed sewerage by norm). */
export function wrongLinkedVolume(row: RegistryRow, ctx: RowErrorContext): string | null {
  if (ctx.service !== 'ВО' || !row.house.services.includes('ХВС')) return null;
  const total = row.vLiving + row.vOdn;
  if (total <= 0) return null;
  const factor = ctx.rng.chance(0.6) ? ctx.rng.range(1.06, 1.45) : ctx.rng.range(0.55, 0.94);
  const target = Math.max(1, Math.round(total * factor));
  row.vOdn = Math.round((row.vOdn * target) / total);
  row.vLiving = target - row.vOdn;
  row.subsidy = subsidyKopecks(row.eot, row.lt, row.vLiving, row.vOdn);
  return `объем ВО ${vol4(target)} при ХВС + ГВС ${vol4(total)}: водоотведение начислено не по объему воды`;
}

interface Water {
  cold: number;
  coldRows: number;
  hot: number;
  /** The water rows themselves, to find the mistake behind a failure. */
  rows: RegistryRow[];
}

/**
 * Every failure of check 10 in one month, with its cause: null for a planted ВО volume, the rule of a mistake in
 * the ВО row or in the house's water rows, 0 when none explains it. `planted` holds the planted rows' descriptions.
 */
export function linkedFailures(
  registries: readonly MonthRegistry[], knownFias: ReadonlySet<string>, primary: ReadonlyMap<RegistryRow, RuleNumber>, copies: ReadonlySet<RegistryRow>,
  planted: ReadonlyMap<RegistryRow, string>,
): ExpectedFailure[] {
  const water = new Map<string, Water>();
  const byHouse = new Map<DemoHouse, RegistryRow[]>();
  for (const r of registries) {
    const service = r.plan.service;
    if (service !== 'ХВС' && service !== 'ГВС') continue;
    for (const row of r.rows) {
      byHouse.set(row.house, [...(byHouse.get(row.house) ?? []), row]);
      const key = keyOf(row);
      if (!key) continue;
      let w = water.get(key);
      if (!w) water.set(key, (w = { cold: 0, coldRows: 0, hot: 0, rows: [] }));
      const v = row.vLiving + row.vOdn;
      if (service === 'ХВС') {
        w.cold += v;
        w.coldRows++;
      } else w.hot += v;
      w.rows.push(row);
    }
  }
  const causeOf = (row: RegistryRow, w: Water): RuleNumber | 0 | null => {
    const own = primary.get(row);
    if (own === 10) return null;
    if (own === 9) return 9;
    for (const x of [...w.rows, ...(byHouse.get(row.house) ?? [])]) {
      if (copies.has(x)) return 7;
      const r = primary.get(x);
      if (r !== undefined && MOVES_WATER.has(r)) return r;
    }
    return 0;
  };
  const out: ExpectedFailure[] = [];
  for (const registry of registries) {
    if (registry.plan.service !== 'ВО') continue;
    for (const row of registry.rows) {
      const key = keyOf(row);
      if (!GUID.test(key) || !knownFias.has(key)) continue; // check 1 fails: check 10 is skipped
      const w = water.get(key);
      if (!w || w.coldRows === 0) continue;
      const v = row.vLiving + row.vOdn;
      const e = w.cold + w.hot;
      if (Math.abs(v - e) * 10_000 <= TOLERANCE * e) continue;
      const causedBy = causeOf(row, w);
      const description = causedBy === null ? (planted.get(row) ?? '') : `объем ВО ${vol4(v)}, ХВС + ГВС ${vol4(e)} (следствие)`;
      out.push({ registry, row, rule: 10, causedBy, description });
    }
  }
  return out;
}
