import { describe, expect, it } from 'vitest';
import { runChecks } from '../engine.ts';
import { rowChecks } from '../results.ts';
import { house, input, other, type TestRow } from '../testing.ts';

const G1 = 'be70d352-9dfa-4a00-a579-43df0a1cc0e2';
const G2 = 'be70d352-9dfa-4a00-a579-43df0a1cc0e3';
const ROW: TestRow = { fias: G1, commissioned: '01.01.1989', eot: '48,80', lt: '41,73', vLiving: '10', vOdn: '0', subsidy: '70,70' };

type Others = Parameters<typeof other>[2];
const cold = (rows: Others, id = 'x1', period = 'август 2026') => other(id, period, rows, 'ХВС');
const hot = (rows: Others, id = 'g1', period = 'август 2026') => other(id, period, rows, 'ГВС');

/** Check 10 of one ВО row (or of a row of `service`) against the other registries of the period. */
function check10(row: Partial<TestRow>, others: ReturnType<typeof other>[], service = 'ВО', houses = [house(G1), house(G2)]) {
  const out = runChecks(input([{ ...ROW, ...row }], { houses, others, service }));
  return rowChecks(out, 0)['10'];
}

describe('10. согласованность объема ВО с ХВС и ГВС', () => {
  it('passes when ВО = ХВС + ГВС', () => {
    expect(check10({ vLiving: '9,5', vOdn: '0,5' }, [cold([{ fias: G1, volume: '7' }]), hot([{ fias: G1, volume: '3' }])])).toEqual({ status: 'passed', reason: '' });
  });

  it('compares a house without ГВС with ХВС only', () => {
    expect(check10({ vLiving: '7' }, [cold([{ fias: G1, volume: '7' }]), hot([{ fias: G2, volume: '3' }])])?.status).toBe('passed');
    expect(check10({ vLiving: '10' }, [cold([{ fias: G1, volume: '7' }]), hot([{ fias: G2, volume: '3' }])])).toEqual({
      status: 'failed', reason: 'Объем ВО 10,0000 не согласуется с ХВС + ГВС = 7,0000 (ХВС 7,0000, ГВС 0,0000; отклонение +43%)',
    });
  });

  it('fails beyond the tolerance with the reason of DOMAIN.md', () => {
    const others = [cold([{ fias: G1, volume: '7' }]), hot([{ fias: G1, volume: '3' }])];
    expect(check10({ vLiving: '12' }, others)).toEqual({
      status: 'failed', reason: 'Объем ВО 12,0000 не согласуется с ХВС + ГВС = 10,0000 (ХВС 7,0000, ГВС 3,0000; отклонение +20%)',
    });
    expect(check10({ vLiving: '6,95' }, others)?.reason).toBe('Объем ВО 6,9500 не согласуется с ХВС + ГВС = 10,0000 (ХВС 7,0000, ГВС 3,0000; отклонение −31%)');
  });

  it('passes at exactly 2% and fails a ten-thousandth beyond, exactly', () => {
    const others = [cold([{ fias: G1, volume: '7' }]), hot([{ fias: G1, volume: '3' }])];
    expect(check10({ vLiving: '10,2' }, others)?.status).toBe('passed');
    expect(check10({ vLiving: '9,8' }, others)?.status).toBe('passed');
    expect(check10({ vLiving: '10,2001' }, others)?.status).toBe('failed');
    expect(check10({ vLiving: '9,7999' }, others)?.reason).toMatch(/отклонение −2%\)$/);
  });

  it('rounds the percentage half up, away from zero: 2,5% → 3%, −2,5% → −3%', () => {
    const e = [cold([{ fias: G1, volume: '100' }])];
    expect(check10({ vLiving: '102,5' }, e)?.reason).toMatch(/отклонение \+3%\)$/);
    expect(check10({ vLiving: '97,5' }, e)?.reason).toMatch(/отклонение −3%\)$/);
    expect(check10({ vLiving: '102,4999' }, e)?.reason).toMatch(/отклонение \+2%\)$/);
  });

  it('says «ХВС и ГВС нулевые» when the water is zero and the sewerage is not; zero against zero passes', () => {
    const zero = [cold([{ fias: G1, volume: '0' }]), hot([{ fias: G1, volume: '0' }])];
    expect(check10({ vLiving: '5' }, zero)).toEqual({ status: 'failed', reason: 'Объем ВО 5,0000 не согласуется с ХВС + ГВС = 0,0000 (ХВС 0,0000, ГВС 0,0000; ХВС и ГВС нулевые)' });
    expect(check10({ vLiving: '0', vOdn: '' }, zero)?.status).toBe('passed');
  });

  it('is skipped without an ХВС row for the house in the period, even with ГВС', () => {
    expect(check10({}, [hot([{ fias: G1, volume: '10' }])])).toEqual({ status: 'skipped', reason: 'Нет данных ХВС по дому за период' });
    expect(check10({}, [cold([{ fias: G1, volume: '10' }], 'x', 'июль 2026')])?.reason).toBe('Нет данных ХВС по дому за период');
    expect(check10({}, [])?.reason).toBe('Нет данных ХВС по дому за период');
  });

  it('sums the rows of one registry and of every РСО of the period', () => {
    const others = [cold([{ fias: G1, volume: '3' }, { fias: G1, volume: '1', odn: '0,5' }]), cold([{ fias: G1.toUpperCase().toLowerCase(), volume: '2,5' }], 'x2'), hot([{ fias: G1, volume: '3' }])];
    expect(check10({ vLiving: '10' }, others)?.status).toBe('passed');
    expect(check10({ vLiving: '11' }, others)?.reason).toBe('Объем ВО 11,0000 не согласуется с ХВС + ГВС = 10,0000 (ХВС 7,0000, ГВС 3,0000; отклонение +10%)');
  });

  it('is skipped for other services, and when check 1 failed', () => {
    const others = [cold([{ fias: G1, volume: '1' }])];
    expect(check10({}, others, 'ХВС')).toEqual({ status: 'skipped', reason: 'Проверка только для водоотведения' });
    expect(check10({}, others, 'ГВС')?.reason).toBe('Проверка только для водоотведения');
    expect(check10({}, others, 'ВО', [house(G2)])).toEqual({ status: 'skipped', reason: 'Дом не найден в ФИАС' });
    expect(check10({ fias: 'не-guid' }, others)?.reason).toBe('Дом не найден в ФИАС');
  });

  it('is skipped when a water row of the house has no volume, or the row itself has none', () => {
    expect(check10({}, [cold([{ fias: G1, volume: '' }])])?.reason).toBe('В реестре ХВС за период не указан объем по дому');
    expect(check10({}, [cold([{ fias: G1, volume: '10' }]), hot([{ fias: G1, volume: '' }])])?.reason).toBe('В реестре ГВС за период не указан объем по дому');
    expect(check10({ vLiving: '' }, [cold([{ fias: G1, volume: '10' }])])).toEqual({ status: 'skipped', reason: 'Не указан объем потребления' });
  });

  it('takes the tolerance from the rule set', () => {
    const inp = input([{ ...ROW, vLiving: '10,5' }], { houses: [house(G1)], others: [cold([{ fias: G1, volume: '10' }])], service: 'ВО' });
    expect(rowChecks(runChecks(inp), 0)['10']?.status).toBe('failed');
    expect(rowChecks(runChecks({ ...inp, params: { ...inp.params, linkedTolerance: 500 } }), 0)['10']?.status).toBe('passed');
  });
});
