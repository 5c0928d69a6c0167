import { describe, expect, it } from 'vitest';
import { standardParamsTemplate } from '../../templates/index.ts';
import { diffStandardSets } from './diff.ts';
import { forecastStandardSet, indexTariffs } from './forecast.ts';
import { computeStandardSet } from './model.ts';
import { standardParams } from './params.ts';
import { house, moRate, service } from './testing.ts';

const params = standardParams(standardParamsTemplate);
const input = {
  houses: [house(1), house(2), house(3, { heating_type: 'печное' })],
  services: [
    service(1, 'ХВС', 300_000, 50_000), service(1, 'ТС', 20_000_000, 200),
    service(2, 'ХВС', 300_000, 50_000), service(2, 'ТС', 20_000_000, 200),
    service(3, 'ХВС', 300_000, 50_000),
  ],
  moRates: [moRate()],
};

describe('forecast', () => {
  it('indexes each tariff by its service factor, rounded half up to 4 places', () => {
    const out = indexTariffs(input, { ХВС: 11_190 });
    expect(out.services[0]?.tariff).toBe(335_700); // 30 × 1.119 = 33.57
    expect(out.services[1]?.tariff).toBe(20_000_000); // ТС has no factor here
    expect(indexTariffs({ ...input, services: [service(1, 'ХВС', 5, 1)] }, { ХВС: 11_000 }).services[0]?.tariff).toBe(6); // 0.00055 → 0.0006
  });

  it('recomputes the standards; the diff against now matches groups by their houses', () => {
    const now = computeStandardSet(input, params);
    const next = forecastStandardSet(input, params, { ХВС: 11_190 });
    const diff = diffStandardSets(now, next);
    expect(diff).toHaveLength(2);
    expect(diff.every((d) => d.status === 'changed')).toBe(true);
    const d = diff.find((x) => x.key.heating_type === 'центральное');
    // ХВС 33.57 × 5 = 167.85 instead of 150: +17.85 руб. in every standard
    expect(d?.standards).toHaveLength(18);
    expect(d?.standards.every((c) => c.to !== null && c.from !== null && c.to - c.from === 1785)).toBe(true);
    expect(d?.services).toEqual([{ service: 'ХВС', from: { tariff: 300_000, norm: 50_000 }, to: { tariff: 335_700, norm: 50_000 } }]);
  });
});

describe('version diff per group', () => {
  it('same key → same; a changed tariff without house maps is matched by structure; new and gone groups are added/removed', () => {
    const a = computeStandardSet(input, params);
    const changed = { ...input, services: input.services.map((s) => (s.fias_id === input.houses[2]!.fias_id ? { ...s, tariff: 310_000 } : s)) };
    const b = computeStandardSet({ ...changed, houses: [...changed.houses, house(4, { house_type: 'ЖД' })], moRates: [moRate(), moRate({ house_type: 'ЖД' })] }, params);
    const diff = diffStandardSets({ groups: a.groups }, { groups: b.groups });
    expect(diff.map((d) => d.status).sort()).toEqual(['added', 'changed', 'same']);
    expect(diff.find((d) => d.status === 'changed')?.services[0]?.service).toBe('ХВС');
    const removed = diffStandardSets({ groups: b.groups }, { groups: a.groups });
    expect(removed.filter((d) => d.status === 'removed')).toHaveLength(1);
  });
});
