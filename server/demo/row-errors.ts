/**
 * The mistakes РСО make in single rows, one function per check of DOMAIN.md that should catch it. Each
 * changes the row in place and returns a Russian description, or null when the row cannot carry that
 * mistake without also tripping an unrelated check. Money stays consistent unless the mistake is the money.
 */
import { parseDate } from '../../formulas/parse/date.ts';
import { addDays, monthsEndingAt, ruDate, type Month } from './calendar.ts';
import { rub } from './format.ts';
import type { DemoOrganisation, District, ServiceCode } from './model.ts';
import type { DemoParams } from './params.ts';
import type { Rng } from './prng.ts';
import type { RegistryRow, RowBuilder } from './registry-rows.ts';
import { subsidyKopecks } from './subsidy.ts';
import type { TariffBook } from './tariffs.ts';

/** What a row mistake may look at. */
export interface RowErrorContext {
  rng: Rng;
  month: Month;
  org: DemoOrganisation;
  service: ServiceCode;
  params: DemoParams;
  tariffs: TariffBook;
  districts: readonly District[];
  rows: RowBuilder;
  knownFias: ReadonlySet<string>;
}

const recomputeSubsidy = (row: RegistryRow): void => {
  row.subsidy = subsidyKopecks(row.eot, row.lt, row.vLiving, row.vOdn);
};

const LATIN_TO_CYRILLIC: Record<string, string> = { a: 'а', c: 'с', e: 'е' };

/** Check 1: an id the register does not have, or one that is not a GUID at all. */
export function wrongFias(row: RegistryRow, ctx: RowErrorContext): string {
  const kind = ctx.rng.int(0, 3);
  if (kind === 0) {
    let id = ctx.rng.guid();
    while (ctx.knownFias.has(id)) id = ctx.rng.guid();
    row.fias = id;
    return 'код ФИАС отсутствует в реестре домов';
  }
  if (kind === 2) {
    // Visually identical Cyrillic letters typed into the GUID: a classic of hand-edited spreadsheets.
    const at = row.fias.search(/[ace]/i);
    if (at >= 0) {
      const ch = row.fias.charAt(at);
      row.fias = row.fias.slice(0, at) + (LATIN_TO_CYRILLIC[ch.toLowerCase()] ?? ch) + row.fias.slice(at + 1);
      return `в коде ФИАС кириллическая буква на месте «${ch}»`;
    }
  }
  if (kind === 3) {
    row.fias = '';
    return 'код ФИАС не указан';
  }
  row.fias = row.fias.slice(0, -1);
  return 'код ФИАС обрезан (35 символов)';
}

/** Check 2: the service territory names another district — often the city for the district of that name. */
export function wrongTerritory(row: RegistryRow, ctx: RowErrorContext): string {
  const own = row.house.settlement.district;
  const others = ctx.districts.filter((d) => d !== own);
  const twin = others.find((d) => d.name.slice(0, 5) === own.name.slice(0, 5));
  const target = twin && ctx.rng.chance(0.6) ? twin : ctx.rng.pick(others);
  row.territory = ctx.rows.territory(ctx.org, target);
  return `территория «${row.territory}», дом в МР «${own.fullName}»`;
}

/** Check 3: a date after the period, a wrong year, a date before 1700, or one that cannot be read. */
export function wrongCommissioned(row: RegistryRow, ctx: RowErrorContext): string | null {
  // Only rows without a commissioning range, so check 6 stays silent about the changed date.
  if (row.diffAttr !== 'с -- по --') return null;
  const built = row.house.built;
  const [y, m, d] = [built.slice(0, 4), built.slice(5, 7), built.slice(8, 10)];
  const kind = ctx.rng.int(0, 3);
  if (kind === 0) {
    const iso = addDays(ctx.month.lastDay, ctx.rng.int(1, 400));
    row.commissioned = ruDate(iso);
    row.commissionedIso = iso;
    return `дата ввода ${row.commissioned} позже отчетного периода`;
  }
  if (kind === 1 && row.house.shown !== 'none') {
    const shift = ctx.rng.int(1, 5);
    const year = Number(y) + shift <= ctx.month.year - 1 ? Number(y) + shift : Number(y) - shift;
    const iso = `${year}-${m}-${m === '02' && d === '29' ? '28' : d}`;
    row.commissioned = ruDate(iso);
    row.commissionedIso = iso;
    return `год ввода ${year} вместо ${y}`;
  }
  row.commissionedIso = null;
  if (kind === 2) {
    // A dropped digit: 1987 typed as 0987.
    row.commissioned = `${d}.${m}.0${y.slice(1)}`;
    return `год ввода 0${y.slice(1)} (раньше 1700)`;
  }
  const typos = [`31.02.${y}`, `${d}.${m}.${y.slice(2)}`, `${d}.${m}.${y}`.replace('0', 'О'), `${d}/${m}/${y}г.г.`];
  row.commissioned = ctx.rng.pick(typos.filter((t) => !parseDate(t).ok));
  return `нечитаемая дата ввода «${row.commissioned}»`;
}

/** The values of a tariff field in decisions the check might accept, in this month and six months earlier. */
function tariffValues(row: RegistryRow, ctx: RowErrorContext, field: 'eot' | 'lt'): { taken: Set<number>; previous: number[] } {
  const district = row.house.settlement.district;
  const now = ctx.tariffs.candidates(ctx.org, ctx.service, district, row.house.settlement.name, ctx.month);
  const before = monthsEndingAt(ctx.month.key, 7)[0] as Month;
  const then = ctx.tariffs.candidates(ctx.org, ctx.service, district, row.house.settlement.name, before);
  return {
    taken: new Set(now.map((d) => d[field])),
    previous: then
      .filter((d) => d.settlement === row.decision.settlement && d.commissionedFrom === row.decision.commissionedFrom)
      .map((d) => d[field]),
  };
}

/** A wrong value near the right one: last period's tariff when it differs, otherwise a few percent off. */
function wrongTariff(row: RegistryRow, ctx: RowErrorContext, field: 'eot' | 'lt', ok: (v: number) => boolean): number | null {
  const { taken, previous } = tariffValues(row, ctx, field);
  const old = previous.find((v) => !taken.has(v) && ok(v));
  if (old !== undefined && ctx.rng.chance(0.5)) return old;
  for (let attempt = 0; attempt < 8; attempt++) {
    const sign = ctx.rng.chance(0.5) ? 1 : -1;
    const v = Math.round(row[field] * (1 + sign * ctx.rng.range(0.03, 0.15)));
    if (!taken.has(v) && ok(v)) return v;
  }
  return null;
}

/** Check 4: an ЭОТ no decision in force has (often last period's). The subsidy follows the wrong tariff. */
export function wrongEot(row: RegistryRow, ctx: RowErrorContext): string | null {
  const v = wrongTariff(row, ctx, 'eot', (x) => x > row.lt);
  if (v === null) return null;
  const was = row.eot;
  row.eot = v;
  recomputeSubsidy(row);
  return `ЭОТ ${rub(v)} вместо ${rub(was)} (${row.decision.id})`;
}

/** Check 5: a ЛТ no decision in force has. */
export function wrongLt(row: RegistryRow, ctx: RowErrorContext): string | null {
  const v = wrongTariff(row, ctx, 'lt', (x) => x > 0 && x < row.eot);
  if (v === null) return null;
  const was = row.lt;
  row.lt = v;
  recomputeSubsidy(row);
  return `ЛТ ${rub(v)} вместо ${rub(was)} (${row.decision.id})`;
}

/** Check 6: the declared commissioning range does not contain the house's date. */
export function wrongDiffAttr(row: RegistryRow, ctx: RowErrorContext): string | null {
  if (!row.commissionedIso) return null;
  const boundary = ctx.params.calendar.differentiationDate;
  row.diffAttr = row.commissionedIso >= boundary ? `с -- по ${ruDate(addDays(boundary, -1))}` : `с ${ruDate(boundary)} по --`;
  return `дата ввода ${row.commissioned} вне признака «${row.diffAttr}»`;
}

/** Check 8: the sum does not follow from tariffs and volumes (ОДН forgotten, rounded to roubles, a slip). */
export function wrongSubsidy(row: RegistryRow, ctx: RowErrorContext): string {
  const right = row.subsidy;
  const withoutOdn = subsidyKopecks(row.eot, row.lt, row.vLiving, 0);
  const roubles = Math.floor(right / 100) * 100;
  const kind = ctx.rng.int(0, 2);
  if (kind === 0 && right - withoutOdn >= 2) {
    row.subsidy = withoutOdn;
    return `субсидия без ОДН: ${rub(withoutOdn)} вместо ${rub(right)}`;
  }
  if (kind === 1 && right - roubles >= 2) {
    row.subsidy = roubles;
    return `субсидия округлена до рублей: ${rub(roubles)} вместо ${rub(right)}`;
  }
  const slip = ctx.rng.int(2, Math.max(3, Math.round(right * 0.2)));
  row.subsidy = right > slip && ctx.rng.chance(0.5) ? right - slip : right + slip;
  return `сумма субсидии ${rub(row.subsidy)} вместо ${rub(right)}`;
}
