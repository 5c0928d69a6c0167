import { parseDate } from '../parse/date.ts';
import { shiftPeriod } from '../registry/period.ts';
import type { RegistryRows } from '../registry/types.ts';
import { normalizeName } from '../table/normalize.ts';
import { periodServiceKey } from './history-index.ts';
import { ALL_SETTLEMENTS, tariffKey, type TariffFacts } from './reference-index.ts';
import type { RowContext, RowRule } from './row-context.ts';
import { BUILT_IN_RULES } from './rules/index.ts';
import { fiasRule } from './rules/r1-fias.ts';
import { expectedSubsidy } from './subsidy.ts';
import { STATUS, type CheckInput, type Verdict } from './types.ts';

/** Results in columns: rule r of row i is at i × rules + r. */
export interface CheckOutput {
  ruleIds: string[];
  ruleTitles: string[];
  /** STATUS codes */
  status: Uint8Array;
  /** Per row and rule, an index into `reasonTexts` (0 = nothing to say). Reasons repeat a lot, so each text is kept once. */
  reasonIds: Uint32Array;
  /** Distinct reasons; [0] is ''. */
  reasonTexts: string[];
  /** Expected subsidy per row, kopecks; NaN when it cannot be computed. */
  expected: Float64Array;
  /** Σ expected over rows where it is known, kopecks. */
  expectedSum: number;
  /** Σ declared subsidies, kopecks (each row rounded half up). */
  declaredSum: number;
}

/** Lower-case 8-4-4-4-12 GUID by character codes: a regex per row was a tenth of the loop. */
function isGuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function indexOwnRows(rows: RegistryRows): Map<string, number[]> {
  const own = new Map<string, number[]>();
  for (let i = 0; i < rows.count; i++) {
    const f = rows.fiasId[i] ?? '';
    if (!f) continue;
    const list = own.get(f);
    if (list) list.push(i);
    else own.set(f, [i]);
  }
  return own;
}

/** Decisions of this РСО and service valid on every day of the period, by normalised district. */
function periodTariffs(input: CheckInput, districtKey: string): TariffFacts[] {
  const all = input.reference.tariffs.get(tariffKey(input.meta.rsoInn, input.meta.service, districtKey)) ?? [];
  const p = input.meta.period;
  return all.filter((t) => t.validFrom <= p.first && (t.validTo === null || t.validTo >= p.last));
}

export interface RunOptions {
  /** Called every `progressEvery` rows with the share done, 0..1. */
  onProgress?: (done: number) => void;
  progressEvery?: number;
  /** Unit of volume for reasons (куб. м, Гкал…). */
  unit?: string;
  /** The built-in rules to run, in DOMAIN.md's order with check 1 first (default: all of them); benchmarks compare subsets. */
  rules?: readonly RowRule[];
}

/**
 * Runs the checks over a registry: per-registry work (tariffs of the period by district, own duplicates)
 * is done once, then one tight loop fills a shared row context and lets every rule read it.
 */
export function runChecks(input: CheckInput, opts: RunOptions = {}): CheckOutput {
  const { rows } = input;
  const rules = opts.rules ?? BUILT_IN_RULES;
  const R = rules.length;
  const status = new Uint8Array(rows.count * R);
  const reasonIds = new Uint32Array(rows.count * R);
  const reasonTexts: string[] = [''];
  const reasonIndex = new Map<string, number>();
  const lastReason: string[] = new Array<string>(R).fill('');
  const lastId = new Uint32Array(R);
  const expected = new Float64Array(rows.count);
  const byDistrict = new Map<string, TariffFacts[]>();
  const plainDistricts = new Set<TariffFacts[]>();
  const districtKeys = new Map<string, string>();
  const ctx: RowContext = {
    meta: input.meta,
    period: input.meta.period,
    rows,
    params: input.params,
    reference: input.reference,
    history: input.history,
    ownRows: indexOwnRows(rows),
    claims: input.history.claims.get(periodServiceKey(input.meta.period.key, input.meta.service)),
    volumes: input.history.volumes.get(input.meta.service),
    linked: input.history.linked.get(input.meta.period.key),
    historyMonths: Array.from({ length: input.params.historyMonths }, (_, k) => shiftPeriod(input.meta.period, k + 1).key),
    diffAttrs: new Map(),
    i: 0,
    territoryKey: '',
    fias: '',
    fiasIsGuid: false,
    house: undefined,
    dateText: '',
    date: null,
    dateError: null,
    candidates: [],
    foundInFias: false,
    expected: Number.NaN,
    unit: opts.unit ?? 'ед.',
  };
  const verdict: Verdict = { status: 'skipped', reason: '' };
  const every = opts.progressEvery ?? 5_000;
  // a registry repeats a few thousand commissioning dates over its rows: each is read once per run
  const dates = new Map<string, ReturnType<typeof parseDate>>();
  let expectedSum = 0;
  let declaredSum = 0;

  for (let i = 0; i < rows.count; i++) {
    // the row prelude: everything more than one rule needs, computed once
    ctx.i = i;
    const fias = rows.fiasId[i] ?? '';
    ctx.fias = fias;
    ctx.fiasIsGuid = isGuid(fias);
    ctx.house = ctx.fiasIsGuid ? input.reference.houses.get(fias) : undefined;
    const dateText = rows.commissioned[i] ?? '';
    ctx.dateText = dateText;
    if (dateText === '') {
      ctx.date = null;
      ctx.dateError = null;
    } else {
      let d = dates.get(dateText);
      if (!d) dates.set(dateText, (d = parseDate(dateText)));
      ctx.date = d.ok ? d.value.iso : null;
      ctx.dateError = d.ok ? null : d.message;
    }
    const territory = rows.territory[i] ?? '';
    let dk = districtKeys.get(territory);
    if (dk === undefined) districtKeys.set(territory, (dk = normalizeName(territory)));
    ctx.territoryKey = dk;
    let inDistrict = byDistrict.get(dk);
    if (!inDistrict) {
      byDistrict.set(dk, (inDistrict = periodTariffs(input, dk)));
      if (inDistrict.every((t) => t.settlementKey === ALL_SETTLEMENTS && t.commissionedFrom === null && t.commissionedTo === null)) plainDistricts.add(inDistrict);
    }
    const settlement = ctx.house?.settlementKey;
    const date = ctx.date;
    // most districts have only «все» decisions without a commissioning range: nothing to narrow
    ctx.candidates = plainDistricts.has(inDistrict) ? inDistrict : inDistrict.filter((t) =>
      (t.settlementKey === ALL_SETTLEMENTS || t.settlementKey === settlement) &&
      (date === null || ((t.commissionedFrom === null || date >= t.commissionedFrom) && (t.commissionedTo === null || date <= t.commissionedTo))));
    const exp = expectedSubsidy(rows.eot[i] ?? Number.NaN, rows.lt[i] ?? Number.NaN, rows.vLiving[i] ?? Number.NaN, rows.vOdn[i] ?? Number.NaN);
    ctx.expected = exp;
    expected[i] = exp;
    if (!Number.isNaN(exp)) expectedSum += exp;
    const declared = rows.subsidy[i] ?? Number.NaN;
    if (!Number.isNaN(declared)) declaredSum += Math.sign(declared) * Math.floor((Math.abs(declared) + 50) / 100);

    const base = i * R;
    for (let r = 0; r < R; r++) {
      const rule = rules[r] as RowRule;
      rule.check(ctx, verdict);
      status[base + r] = STATUS[verdict.status];
      if (verdict.reason === lastReason[r]) reasonIds[base + r] = lastId[r] ?? 0; // a rule often repeats its reason row after row
      else if (verdict.reason) {
        let id = reasonIndex.get(verdict.reason);
        if (id === undefined) {
          id = reasonTexts.push(verdict.reason) - 1;
          reasonIndex.set(verdict.reason, id);
        }
        reasonIds[base + r] = id;
        lastReason[r] = verdict.reason;
        lastId[r] = id;
      }
      if (rule === fiasRule) ctx.foundInFias = verdict.status === 'passed';
    }
    if (opts.onProgress && (i + 1) % every === 0) opts.onProgress((i + 1) / rows.count);
  }
  opts.onProgress?.(1);
  return { ruleIds: rules.map((r) => r.id), ruleTitles: rules.map((r) => r.title), status, reasonIds, reasonTexts, expected, expectedSum, declaredSum };
}
