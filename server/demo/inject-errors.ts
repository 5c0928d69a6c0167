/**
 * Puts the ten kinds of mistakes into one month's clean registries and records every failure the checks
 * of DOMAIN.md should then report: the injected ones, and the ones they cause (a wrong territory leaves no
 * tariff to find; a duplicate makes its original a duplicate too; a volume jump skews later averages; a
 * duplicated or moved water row breaks the house's sewerage balance).
 */
import type { Month } from './calendar.ts';
import { vol4 } from './format.ts';
import { linkedFailures, wrongLinkedVolume } from './linked-volumes.ts';
import type { District, ServiceCode } from './model.ts';
import type { Suppliers } from './organisations.ts';
import { RULES, type DemoParams, type RuleNumber } from './params.ts';
import type { Rng } from './prng.ts';
import {
  wrongCommissioned, wrongDiffAttr, wrongEot, wrongFias, wrongLt, wrongSubsidy, wrongTerritory, type RowErrorContext,
} from './row-errors.ts';
import type { ExpectedFailure, MonthRegistry } from './month-registry.ts';
import type { RegistryPlan, RegistryRow, RowBuilder } from './registry-rows.ts';
import { subsidyKopecks } from './subsidy.ts';
import type { TariffBook } from './tariffs.ts';
import type { TariffExpectation } from './tariff-expectation.ts';
import { VolumeHistory, type HistoryKey } from './volume-history.ts';

/** One registry file of one month, before it is written. */
/** Everything injection needs besides the month's registries. */
export interface InjectionContext {
  rng: Rng;
  month: Month;
  params: DemoParams;
  tariffs: TariffBook;
  districts: readonly District[];
  suppliers: Suppliers;
  rows: RowBuilder;
  knownFias: ReadonlySet<string>;
  history: VolumeHistory;
  expectation: TariffExpectation;
  /** Houses whose volume history a mistake disturbed, by history key: the rule and month of the mistake. */
  disturbed: Map<HistoryKey, { rule: RuleNumber; month: number }>;
}

type RowMistake = (row: RegistryRow, ctx: RowErrorContext) => string | null;
const ROW_MISTAKES: Partial<Record<RuleNumber, RowMistake>> = {
  1: wrongFias, 2: wrongTerritory, 3: wrongCommissioned, 4: wrongEot, 5: wrongLt, 6: wrongDiffAttr, 8: wrongSubsidy, 10: wrongLinkedVolume,
};

/** Check 9: a month whose total is far from the house's average (needs three months of history). */
function volumeJump(row: RegistryRow, service: ServiceCode, ctx: InjectionContext): string | null {
  const key = VolumeHistory.key(row, service);
  const h = ctx.history.averageBefore(key, ctx.month.index);
  if (key === null || h.months < 3 || h.average <= 0) return null;
  const factor = ctx.rng.chance(0.6) ? ctx.rng.range(1.9, 3.2) : ctx.rng.range(0.12, 0.35);
  const target = Math.max(1, Math.round(h.average * factor));
  const total = row.vLiving + row.vOdn;
  row.vOdn = total > 0 ? Math.round((row.vOdn * target) / total) : 0;
  row.vLiving = target - row.vOdn;
  row.subsidy = subsidyKopecks(row.eot, row.lt, row.vLiving, row.vOdn);
  ctx.disturbed.set(key, { rule: 9, month: ctx.month.index });
  const delta = Math.round(((target - h.average) / h.average) * 100);
  return `объем ${vol4(target)} при среднем ${vol4(Math.round(h.average))} за ${h.months} мес. (${delta > 0 ? '+' : '−'}${Math.abs(delta)}%)`;
}

/** Which mistake, if any, a row gets: each rule with its rate times the registry's sloppiness. */
function drawRule(rng: Rng, rates: readonly number[]): RuleNumber | null {
  let u = rng.next();
  for (let k = 0; k < RULES.length; k++) {
    u -= rates[k] ?? 0;
    if (u < 0) return RULES[k] ?? null;
  }
  return null;
}

/**
 * Check 7: the row again — in the same registry (pasted twice) or, when the district's own supplier also
 * reports, in that supplier's registry of the same month (a settlement that changed supplier).
 */
function duplicate(
  source: { registry: MonthRegistry; row: RegistryRow }, byPlan: Map<RegistryPlan, MonthRegistry>, ctx: InjectionContext, out: ExpectedFailure[],
): RegistryRow {
  const { registry, row } = source;
  const { service } = registry.plan;
  const district = row.house.settlement.district;
  const other = ctx.suppliers.districtCoverage(district, service);
  const reports = other && other.org !== registry.plan.org && other.registries;
  const target = reports ? [...byPlan.values()].find((r) => r.plan.org === other.org && r.plan.service === service) : undefined;
  let copy: RegistryRow | null = null;
  let where: MonthRegistry = registry;
  if (target && ctx.rng.chance(0.7)) {
    copy = ctx.rows.build(target.plan.org, service, row.house, ctx.month);
    if (copy) {
      copy.fias = row.fias;
      target.rows.push(copy);
      where = target;
    }
  }
  if (!copy) {
    copy = { ...row };
    const at = ctx.rng.chance(0.5) ? registry.rows.indexOf(row) + 1 : registry.rows.length;
    registry.rows.splice(at, 0, copy);
  }
  const key = VolumeHistory.key(row, service);
  if (key !== null) ctx.disturbed.set(key, { rule: 7, month: ctx.month.index });
  const elsewhere = where === registry ? 'в этом же реестре' : `в реестре ${where.plan.org.name}`;
  out.push({ registry: where, row: copy, rule: 7, causedBy: null, description: `дом повторно ${elsewhere}` });
  out.push({ registry, row, rule: 7, causedBy: 7, description: 'дом повторяется в другой строке' });
  return copy;
}

/** Injects mistakes into the month's registries (in place) and returns every failure the checks should find. */
export function injectErrors(registries: readonly MonthRegistry[], ctx: InjectionContext): ExpectedFailure[] {
  const out: ExpectedFailure[] = [];
  const primary = new Map<RegistryRow, RuleNumber>();
  const duplicates: { registry: MonthRegistry; row: RegistryRow }[] = [];
  const planted = new Map<RegistryRow, string>();
  for (const registry of registries) {
    const { org, service } = registry.plan;
    const rowCtx: RowErrorContext = { ...ctx, org, service };
    const rates = RULES.map((r) => ctx.params.registries.errorRates[`${r}`] * registry.sloppiness);
    for (const row of registry.rows) {
      const rule = drawRule(ctx.rng, rates);
      if (rule === null) continue;
      if (rule === 7) {
        duplicates.push({ registry, row });
        primary.set(row, 7);
        continue;
      }
      const mistake = ROW_MISTAKES[rule];
      const description = mistake ? mistake(row, rowCtx) : volumeJump(row, service, ctx);
      if (description === null) continue;
      primary.set(row, rule);
      if (rule === 10) {
        // whether a planted ВО volume fails depends on the water rows of the month: decided once they are final
        planted.set(row, description);
        const key = VolumeHistory.key(row, service);
        if (key !== null) ctx.disturbed.set(key, { rule: 10, month: ctx.month.index });
        continue;
      }
      out.push({ registry, row, rule, causedBy: null, description });
    }
  }
  const byPlan = new Map(registries.map((r) => [r.plan, r]));
  const copies = new Set<RegistryRow>();
  for (const d of duplicates) copies.add(duplicate(d, byPlan, ctx, out));

  for (const registry of registries) {
    const { org, service } = registry.plan;
    registry.historyKeys = registry.rows.map((row) => VolumeHistory.key(row, service));
    registry.rows.forEach((row, i) => {
      const cause = primary.get(row) ?? 0;
      // Clean rows pass checks 4 and 5 by construction (the end-to-end test holds the generator to it);
      // rows a mistake touched are re-evaluated, since the mistake may also hide the tariff.
      if (cause !== 0 || copies.has(row)) {
        const fails = ctx.expectation.failures(row, org, service, ctx.month);
        for (const rule of [4, 5] as const) {
          if (cause !== rule && fails[rule === 4 ? 'eot' : 'lt']) {
            out.push({ registry, row, rule, causedBy: cause, description: 'тариф не найден в БПТР или не совпадает (следствие)' });
          }
        }
      }
      const key = registry.historyKeys[i] ?? null;
      if (cause !== 9 && ctx.history.jumps(key, ctx.month.index, row.vLiving + row.vOdn)) {
        const d = key === null ? undefined : ctx.disturbed.get(key);
        const by = d && d.month >= ctx.month.index - 12 ? d.rule : 0;
        out.push({ registry, row, rule: 9, causedBy: by, description: 'среднее искажено прежней ошибкой (следствие)' });
      }
    });
  }
  out.push(...linkedFailures(registries, ctx.knownFias, primary, copies, planted));
  return out;
}
