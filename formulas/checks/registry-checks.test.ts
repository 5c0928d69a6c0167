import { describe, expect, it } from 'vitest';
import { buildReferenceIndex } from './reference-index.ts';
import { registryFindings, type RegisteredRegistry } from './registry-checks.ts';
import { INN, meta, organisation, SERVICES } from './testing.ts';

const ref = (org = organisation()) => buildReferenceIndex({ houses: [], tariffs: [], organisations: [org] }, SERVICES);
const twin: RegisteredRegistry = { id: '7', label: '№7 от 06.09.2026', rsoInn: INN, service: 'ХВС', period: '2026-08', counts: true };

describe('registry-level checks', () => {
  it('accept a valid, known, active organisation with nothing registered', () => {
    expect(registryFindings(meta(), ref(), [], false)).toEqual([]);
  });
  it('refuse an invalid or unknown ИНН', () => {
    expect(registryFindings(meta(undefined, undefined, '7203000017'), ref(), [], false).map((f) => f.code)).toEqual(['inn_invalid']);
    expect(registryFindings(meta(undefined, undefined, '7707083893'), ref(), [], false)).toEqual([{ code: 'inn_unknown', severity: 'refusal', message: expect.stringMatching(/7707083893 не найдена/) }]);
  });
  it('warn about liquidation, bankruptcy and tax debt', () => {
    const f = registryFindings(meta(), ref(organisation({ status: 'банкротство', tax_debt: 'да' })), [], false);
    expect(f.map((x) => [x.code, x.severity])).toEqual([['organisation_status', 'warning'], ['tax_debt', 'warning']]);
  });
  it('refuse a second registry for the same РСО, service and period unless it is a correction or the first was cancelled', () => {
    expect(registryFindings(meta(), ref(), [twin], false).map((x) => x.code)).toEqual(['duplicate_registry']);
    expect(registryFindings(meta(), ref(), [twin], true)).toEqual([]);
    expect(registryFindings(meta(), ref(), [{ ...twin, counts: false }], false)).toEqual([]);
    expect(registryFindings(meta('июль 2026'), ref(), [twin], false)).toEqual([]);
  });
});
