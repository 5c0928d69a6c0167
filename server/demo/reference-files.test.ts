/**
 * The reference files: they load through the application's own readers without a single problem, and
 * every identifier in them is valid by formulas/ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFiasId } from '../../formulas/ids/fias.ts';
import { parseInn } from '../../formulas/ids/inn.ts';
import { parseOgrn } from '../../formulas/ids/ogrn.ts';
import { parseOktmo } from '../../formulas/ids/oktmo.ts';
import { parseDate } from '../../formulas/parse/date.ts';
import { parseScaled } from '../../formulas/parse/decimal.ts';
import { readReference } from '../../formulas/reference/read-reference.ts';
import type { ReferenceKind } from '../../formulas/reference/types.ts';
import { readCsv } from '../../formulas/table/csv.ts';
import { referenceSpecs } from '../../templates/index.ts';
import { generateTestRegion, readCsvRecords, type TestRegion } from './testing.ts';

let region: TestRegion;
beforeAll(async () => {
  region = await generateTestRegion({ seed: 3 });
});
afterAll(() => region.remove());

const records = (path: string): Record<string, string>[] => readCsvRecords(region.dir, path);
const iso = (text: string): string => {
  const d = parseDate(text);
  if (!d.ok) throw new Error(d.message);
  return d.value.iso;
};

describe('reference files', () => {
  it.each(['houses', 'tariffs', 'organisations'] as ReferenceKind[])('%s.csv loads through its template without problems', (kind) => {
    const grid = readCsv(readFileSync(join(region.dir, `reference/${kind}.csv`)));
    const read = readReference(kind, referenceSpecs[kind], grid, `${kind}.csv`);
    expect(read.problems).toEqual([]);
    expect(read.records.length).toBeGreaterThan(0);
  });

  it('organisations have valid ИНН and ОГРН, a few are not active or owe taxes', () => {
    const orgs = records('reference/organisations.csv');
    expect(orgs.length).toBeGreaterThanOrEqual(30);
    for (const o of orgs) {
      expect(parseInn(o.inn ?? '').ok, o.inn).toBe(true);
      expect(o.inn).toHaveLength(10);
      expect(parseOgrn(o.ogrn ?? '').ok, o.ogrn).toBe(true);
    }
    expect(new Set(orgs.map((o) => o.inn)).size).toBe(orgs.length);
    expect(orgs.some((o) => o.tax_debt === 'да')).toBe(true);
  });

  it('houses have unique lower-case GUIDs and ОКТМО of region 71, one district code per district', () => {
    const houses = records('reference/houses.csv');
    expect(houses).toHaveLength(2_000);
    const codeOf = new Map<string, string>();
    for (const h of houses) {
      const fias = parseFiasId(h.fias_id ?? '');
      expect(fias.ok && fias.value === h.fias_id, h.fias_id).toBe(true);
      expect(h.fias_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const oktmo = h.oktmo ?? '';
      expect(parseOktmo(oktmo).ok, oktmo).toBe(true);
      expect(oktmo).toMatch(/^71\d{9}$/);
      const district = h.municipal_district ?? '';
      expect(codeOf.get(district) ?? oktmo.slice(2, 5), district).toBe(oktmo.slice(2, 5));
      codeOf.set(district, oktmo.slice(2, 5));
    }
    expect(new Set(houses.map((h) => h.fias_id)).size).toBe(houses.length);
    expect(new Set(codeOf.values()).size).toBe(codeOf.size);
    expect(codeOf.size).toBeGreaterThanOrEqual(25);
  });

  it('tariffs: valid from ≤ valid to, ЭОТ > ЛТ, an РСО that exists', () => {
    const inns = new Set(records('reference/organisations.csv').map((o) => o.inn));
    const tariffs = records('reference/tariffs.csv');
    for (const t of tariffs) {
      expect(t.decision_id).toMatch(/^ID_\d{8}$/);
      expect(inns.has(t.rso_inn), t.rso_inn).toBe(true);
      if (t.valid_to) expect(iso(t.valid_from ?? '') <= iso(t.valid_to), t.decision_id).toBe(true);
      const eot = parseScaled(t.eot ?? '', 2);
      const lt = parseScaled(t.lt ?? '', 2);
      expect(eot.ok && lt.ok && eot.value > lt.value, t.decision_id).toBe(true);
    }
    expect(tariffs.some((t) => t.valid_to === '')).toBe(true);
    expect(tariffs.some((t) => t.commissioned_from !== '')).toBe(true);
    expect(tariffs.some((t) => t.settlement !== 'все')).toBe(true);
  });

  it('ГИС ЖКХ, house services and municipal rates name known houses and districts', () => {
    const fias = new Set(records('reference/houses.csv').map((h) => h.fias_id));
    const gis = records('reference/gis_houses.csv');
    expect(gis.length).toBeLessThan(fias.size);
    for (const g of gis) expect(fias.has(g.fias_id), g.fias_id).toBe(true);
    expect(gis.some((g) => (g.heating_types ?? '').includes(','))).toBe(true);
    const services = records('reference/house_services.csv');
    for (const s of services) {
      expect(fias.has(s.fias_id), s.fias_id).toBe(true);
      expect(['ХВС', 'ГВС', 'ВО', 'ТС', 'ЭЭ', 'Газ']).toContain(s.service);
      expect(['чел', 'м2']).toContain(s.norm_unit);
    }
    expect(services.some((s) => s.decision_id === '')).toBe(true);
    const decisions = new Set(records('reference/tariffs.csv').map((t) => t.decision_id));
    expect(services.some((s) => s.decision_id !== '' && !decisions.has(s.decision_id))).toBe(true);
    const seen = new Set<string>();
    const doubled = services.filter((s) => {
      const key = `${s.fias_id}|${s.service}`;
      const again = seen.has(key);
      seen.add(key);
      return again;
    });
    expect(doubled.length).toBeGreaterThan(0);
    const districts = new Set(records('reference/houses.csv').map((h) => h.municipal_district));
    for (const m of records('reference/mo_rates.csv')) expect(districts.has(m.municipal_district), m.municipal_district).toBe(true);
  });
});
