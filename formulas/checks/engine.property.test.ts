/**
 * The engine against a naive reading of DOMAIN.md on random registries: no indexes, no shared context,
 * every lookup a linear scan, every amount a BigInt. They must agree on every status and expected sum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../parse/date.ts';
import type { House, TariffDecision } from '../reference/types.ts';
import { inRange, parseDiffAttr } from '../registry/diff-attr.ts';
import { shiftPeriod, type Period } from '../registry/period.ts';
import type { RegistryRows } from '../registry/types.ts';
import { normalizeName } from '../table/normalize.ts';
import { runChecks } from './engine.ts';
import type { OtherRegistry } from './history-index.ts';
import { rowChecks } from './results.ts';
import { house, input, other, PARAMS, tariff, type TestRow } from './testing.ts';

const GUIDS = Array.from({ length: 6 }, (_, k) => `00000000-0000-4000-8000-00000000000${k}`);

function naive(rows: RegistryRows, period: Period, service: string, inn: string, houses: House[], tariffs: TariffDecision[], others: OtherRegistry[]) {
  return Array.from({ length: rows.count }, (_, i) => {
    const s: Record<string, string> = {};
    const fias = rows.fiasId[i] ?? '';
    const h = houses.find((x) => x.fias_id.toLowerCase() === fias);
    const isGuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(fias);
    s['1'] = fias && isGuid && h ? 'passed' : 'failed';
    s['2'] = s['1'] === 'failed' ? 'skipped' : normalizeName(rows.territory[i] ?? '') === normalizeName(h?.municipal_district ?? '') ? 'passed' : 'failed';
    const text = rows.commissioned[i] ?? '';
    const d = text ? parseDate(text) : null;
    const date = d?.ok ? d.value.iso : null;
    if (!text) s['3'] = 'skipped';
    else if (!date) s['3'] = 'failed';
    else {
      const y = Number(date.slice(0, 4));
      const hy = h?.commissioned ? Number(h.commissioned.slice(0, 4)) : null;
      s['3'] = date > period.last || y < 1700 || (hy !== null && hy !== y) ? 'failed' : 'passed';
    }
    const C = tariffs.filter((t) => t.rso_inn === inn && t.service === service &&
      normalizeName(t.municipal_district) === normalizeName(rows.territory[i] ?? '') &&
      (normalizeName(t.settlement) === normalizeName('все') || (h !== undefined && isGuid && normalizeName(t.settlement) === normalizeName(h.settlement))) &&
      t.valid_from <= period.first && (t.valid_to === null || t.valid_to >= period.last) &&
      (date === null || ((t.commissioned_from === null || date >= t.commissioned_from) && (t.commissioned_to === null || date <= t.commissioned_to))));
    for (const [id, v, pick] of [['4', rows.eot[i], (t: TariffDecision) => t.eot], ['5', rows.lt[i], (t: TariffDecision) => t.lt]] as const) {
      s[id] = C.length > 0 && !Number.isNaN(v) && C.some((t) => Math.abs(pick(t) - (v ?? 0)) <= PARAMS.tariffTolerance) ? 'passed' : 'failed';
    }
    const range = parseDiffAttr(rows.diffAttr[i] ?? '');
    s['6'] = !date ? 'skipped' : !range.ok ? 'failed' : range.value === null ? 'skipped' : inRange(date, range.value) ? 'passed' : 'failed';
    if (!fias) s['7'] = 'skipped';
    else {
      const dupInside = rows.fiasId.some((f, j) => j !== i && f === fias);
      const dupOutside = others.some((o) => o.period === period.key && o.service === service && o.fias.includes(fias));
      s['7'] = dupInside || dupOutside ? 'failed' : 'passed';
    }
    const [eot, lt, vl, vo, sub] = [rows.eot[i]!, rows.lt[i]!, rows.vLiving[i]!, rows.vOdn[i]!, rows.subsidy[i]!];
    let expected = Number.NaN;
    if (![eot, lt, vl].some(Number.isNaN)) {
      const p = BigInt(eot - lt) * BigInt(vl + (Number.isNaN(vo) ? 0 : vo)); // 1e-8 руб.
      const q = p >= 0n ? (p + 500_000n) / 1_000_000n : -((-p + 500_000n) / 1_000_000n);
      expected = Number(q);
    }
    s['8'] = Number.isNaN(expected) || expected < 0 || Number.isNaN(sub) || Math.abs(sub - expected * 100) > 100 ? 'failed' : 'passed';
    const v = Number.isNaN(vl) ? Number.NaN : vl + (Number.isNaN(vo) ? 0 : vo);
    const hist: number[] = [];
    for (let k = 1; k <= 12; k++) {
      const key = shiftPeriod(period, k).key;
      let total = 0;
      let any = false;
      for (const o of others) {
        if (o.period !== key || o.service !== service) continue;
        o.fias.forEach((f, j) => {
          if (f === fias && fias && !Number.isNaN(o.volume[j])) {
            total += o.volume[j]!;
            any = true;
          }
        });
      }
      if (any) hist.push(total);
    }
    if (Number.isNaN(v) || hist.length < 3) s['9'] = 'skipped';
    else {
      const avg = hist.reduce((a, b) => a + b, 0) / hist.length;
      s['9'] = avg === 0 && v === 0 ? 'passed' : avg === 0 ? 'failed' : Math.abs(v - avg) / avg > 0.5 ? 'failed' : 'passed';
    }
    s['10'] = linked(service, s['1'] === 'passed', fias, v, period, others);
    return { statuses: s, expected };
  });
}

/** DOMAIN.md check 10 read literally, in BigInt: |v − e| ≤ 0.02·e ⇔ 100·|v − e| ≤ 2·e. */
function linked(service: string, inFias: boolean, fias: string, v: number, period: Period, others: OtherRegistry[]): string {
  if (service !== 'ВО') return 'skipped';
  if (!inFias) return 'skipped';
  const rows = (s: string) => others.filter((o) => o.period === period.key && o.service === s).flatMap((o) => o.fias.map((f, j) => (f === fias ? o.volume[j]! : null)).filter((x) => x !== null));
  const x = rows('ХВС');
  const g = rows('ГВС');
  if (x.length === 0 || [...x, ...g].some(Number.isNaN) || Number.isNaN(v)) return 'skipped';
  const e = [...x, ...g].reduce((a, b) => a + BigInt(b), 0n);
  const d = BigInt(v) - e;
  return 100n * (d < 0n ? -d : d) <= 2n * e ? 'passed' : 'failed';
}

const amount = fc.integer({ min: 0, max: 9_999_999 }).map((k) => `${Math.floor(k / 10_000)},${String(k % 10_000).padStart(4, '0')}`);
const rowArb: fc.Arbitrary<TestRow> = fc.record({
  fias: fc.oneof(fc.constantFrom(...GUIDS), fc.constant(''), fc.constant('not-a-guid'), fc.constantFrom(...GUIDS.map((g) => g.toUpperCase()))),
  territory: fc.constantFrom('Абатский муниципальный район', 'абатский р-н', 'Казанский'),
  diffAttr: fc.constantFrom('с -- по --', 'с 01.01.2015 по --', 'с -- по 31.12.2014', 'с 01.01.1980 по 31.12.1999', 'абв'),
  commissioned: fc.constantFrom('', '01.01.1989', '1989', '2016', '31.02.2000', '01.01.2030', '1650', '32509'),
  eot: fc.constantFrom('48,80', '48,805', '48,81', '52,00', ''),
  lt: fc.constantFrom('41,73', '41,7349', '40,00', ''),
  vLiving: fc.oneof(amount, fc.constant('')),
  vOdn: fc.oneof(amount, fc.constant('')),
  subsidy: fc.oneof(amount, fc.constant('')),
});

describe('engine = naive reading of DOMAIN.md', () => {
  it('agrees on random registries, references and histories', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.record({ g: fc.constantFrom(...GUIDS), k: fc.integer({ min: 0, max: 14 }), v: fc.oneof(amount, fc.constant('')), service: fc.constantFrom('ХВС', 'ТС', 'ГВС', 'ВО') }), { maxLength: 40 }),
        fc.subarray(GUIDS, { minLength: 1 }),
        fc.boolean(),
        fc.constantFrom('ХВС', 'ВО'),
        (rows, hist, known, withYears, service) => {
          const houses = known.map((g, k) => house(g, { commissioned: withYears ? `${1985 + k}-01-01` : null, settlement: k % 2 ? 'с. Абатское' : 'д. Ефимова' }));
          const tariffs = [
            tariff(), tariff({ decision_id: 'NEW', commissioned_from: '2015-01-01', eot: 520_000 }),
            tariff({ decision_id: 'S', settlement: 'с. Абатское', eot: 488_100 }), tariff({ decision_id: 'OLD', valid_to: '2026-08-30', lt: 400_000 }),
          ];
          const others = hist.map((h, n) => {
            const base = { year: 2026, month: 8 };
            const idx = base.year * 12 + base.month - 1 - h.k;
            return other(`o${n}`, `${String((idx % 12) + 1).padStart(2, '0')}.${Math.floor(idx / 12)}`, [{ fias: h.g, volume: h.v }], h.service);
          });
          const inp = input(rows, { houses, tariffs: service === 'ВО' ? tariffs.map((t) => ({ ...t, service })) : tariffs, others, service });
          const out = runChecks(inp);
          const ref = naive(inp.rows, inp.meta.period, service, inp.meta.rsoInn, houses, tariffs.map((t) => ({ ...t, service })), others);
          ref.forEach((r, i) => {
            const got = rowChecks(out, i);
            for (const id of Object.keys(r.statuses)) expect(`${i}:${id}:${got[id]?.status}`).toBe(`${i}:${id}:${r.statuses[id]}`);
            expect(out.expected[i]).toBe(r.expected);
          });
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });
});
