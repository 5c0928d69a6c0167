import { describe, expect, it } from 'vitest';
import { runChecks } from '../engine.ts';
import { rowChecks } from '../results.ts';
import { house, input, other, tariff, type TestRow } from '../testing.ts';
import type { CheckInput } from '../types.ts';

const G1 = 'be70d352-9dfa-4a00-a579-43df0a1cc0e2';
const G2 = 'be70d352-9dfa-4a00-a579-43df0a1cc0e3';
const OK_ROW: TestRow = { fias: G1, commissioned: '01.01.1989', eot: '48,80', lt: '41,73', vLiving: '10', vOdn: '0', subsidy: '70,70' };

function check(rows: TestRow[], opts: Parameters<typeof input>[1] = {}) {
  const inp: CheckInput = input(rows, { houses: [house(G1)], ...opts });
  const out = runChecks(inp, { unit: 'куб. м' });
  return rows.map((_, i) => rowChecks(out, i));
}
const one = (row: Partial<TestRow>, opts: Parameters<typeof input>[1] = {}) => check([{ ...OK_ROW, ...row }], opts)[0]!;

describe('a correct row', () => {
  it('passes every check it can run; 9 is skipped without history', () => {
    const r = one({});
    for (const id of ['1', '2', '3', '4', '5', '7', '8']) expect(r[id]?.status, id).toBe('passed');
    expect(r['6']).toEqual({ status: 'skipped', reason: 'Признак дифференциации не указан («с -- по --»)' });
    expect(r['9']?.status).toBe('skipped');
  });
});

describe('1. наличие в ФИАС', () => {
  it('fails on empty, malformed and unknown ids; compares case-insensitively', () => {
    expect(one({ fias: '' })['1']).toEqual({ status: 'failed', reason: 'Не указан код дома по ФИАС' });
    expect(one({ fias: 'Be70d352-9dfa-4a00-a579-43dfox1cc0e2' })['1']?.reason).toMatch(/не является GUID/);
    expect(one({ fias: G2 })['1']?.reason).toMatch(/не найден в реестре домов/);
    expect(one({ fias: G1.toUpperCase() })['1']?.status).toBe('passed');
  });
});

describe('2. соответствие МР', () => {
  it('is skipped when the house is not found', () => {
    expect(one({ fias: G2 })['2']).toEqual({ status: 'skipped', reason: 'Дом не найден в ФИАС' });
  });
  it('compares names without «муниципальный район», «р-н», case and ё', () => {
    expect(one({ territory: 'абатский р-н' })['2']?.status).toBe('passed');
    expect(one({ territory: 'Абатский МР' })['2']?.status).toBe('passed');
    expect(one({ territory: 'Казанский муниципальный район' })['2']).toEqual({
      status: 'failed',
      reason: 'Территория «Казанский муниципальный район» не совпадает с муниципальным районом дома «Абатский муниципальный район»',
    });
  });
});

describe('3. дата ввода', () => {
  it('is skipped without a date, as on the seed slide', () => {
    expect(one({ commissioned: '' })['3']).toEqual({ status: 'skipped', reason: 'Нет данных по дате ввода' });
  });
  it('fails unreadable dates, dates after the period, before 1700, and a year other than the registry\'s', () => {
    expect(one({ commissioned: '31.02.1989' })['3']?.reason).toMatch(/не читается/);
    expect(one({ commissioned: '01.09.2026' })['3']?.reason).toMatch(/позже отчетного периода/);
    expect(one({ commissioned: '31.08.2026' }, { houses: [house(G1, { commissioned: null })] })['3']?.status).toBe('passed');
    expect(one({ commissioned: '1650' }, { houses: [house(G1, { commissioned: null })] })['3']?.reason).toMatch(/раньше 1700/);
    expect(one({ commissioned: '01.01.1990' })['3']?.reason).toBe('Год ввода 1990 не совпадает с реестром домов (1989)');
  });
  it('accepts a bare year and an Excel serial', () => {
    expect(one({ commissioned: '1989' })['3']?.status).toBe('passed');
    expect(one({ commissioned: '32509' })['3']?.status).toBe('passed'); // 1989-01-01
  });
  it('passes with any year when the registry of houses has none', () => {
    expect(one({ commissioned: '01.01.1990' }, { houses: [house(G1, { commissioned: null })] })['3']?.status).toBe('passed');
  });
});

describe('4 and 5. ЭОТ and ЛТ against БПТР', () => {
  it('fail «Тариф не найден в БПТР» without a candidate decision', () => {
    expect(one({}, { tariffs: [tariff({ rso_inn: '7707083893' })] })['4']).toEqual({ status: 'failed', reason: 'Тариф не найден в БПТР' });
    expect(one({}, { tariffs: [tariff({ service: 'ТС' })] })['5']?.reason).toBe('Тариф не найден в БПТР');
    expect(one({ territory: 'Казанский' })['4']?.reason).toBe('Тариф не найден в БПТР');
  });
  it('accept a value within 0.005 and name expected values and ids otherwise', () => {
    expect(one({ eot: '48,805', subsidy: '70,75' })['4']?.status).toBe('passed');
    expect(one({ eot: '48,8051' })['4']?.status).toBe('failed');
    expect(one({ eot: '49,00' })['4']).toEqual({ status: 'failed', reason: 'ЭОТ 49,00 не совпадает с БПТР: 48,80 (ID_1)' });
    expect(one({ lt: '40,00' })['5']).toEqual({ status: 'failed', reason: 'ЛТ 40,00 не совпадает с БПТР: 41,73 (ID_1)' });
  });
  it('need a decision valid on every day of the period; open ends count', () => {
    const t = (from: string, to: string | null) => [tariff({ valid_from: from, valid_to: to })];
    expect(one({}, { tariffs: t('2026-08-01', '2026-08-31') })['4']?.status).toBe('passed');
    expect(one({}, { tariffs: t('2026-08-02', null) })['4']?.reason).toBe('Тариф не найден в БПТР');
    expect(one({}, { tariffs: t('2026-01-01', '2026-08-30') })['4']?.reason).toBe('Тариф не найден в БПТР');
    expect(one({}, { tariffs: t('2020-01-01', null) })['4']?.status).toBe('passed');
  });
  it('switch decisions at a tariff period boundary', () => {
    const tariffs = [tariff({ decision_id: 'H1', valid_from: '2026-01-01', valid_to: '2026-06-30', eot: 450_000 }), tariff({ decision_id: 'H2', valid_from: '2026-07-01', valid_to: null })];
    expect(check([{ ...OK_ROW, eot: '45,00', subsidy: '32,70' }], { tariffs, period: 'июнь 2026' })[0]?.['4']?.status).toBe('passed');
    expect(check([{ ...OK_ROW, eot: '45,00' }], { tariffs, period: 'июль 2026' })[0]?.['4']?.reason).toBe('ЭОТ 45,00 не совпадает с БПТР: 48,80 (H2)');
  });
  it('use settlement-specific decisions for known houses, only «все» for unknown ones', () => {
    const tariffs = [tariff({ decision_id: 'S', settlement: 'с. Абатское', eot: 520_000 })];
    expect(one({ eot: '52,00', subsidy: '102,70' }, { tariffs })['4']?.status).toBe('passed');
    expect(one({ fias: G2, eot: '52,00' }, { tariffs })['4']?.reason).toBe('Тариф не найден в БПТР');
    expect(one({ eot: '52,00' }, { tariffs: [tariff({ settlement: 'д. Ефимова', eot: 520_000 })] })['4']?.reason).toBe('Тариф не найден в БПТР');
  });
  it('drop decisions whose commissioning range excludes a readable date', () => {
    const tariffs = [
      tariff({ decision_id: 'OLD', commissioned_to: '2014-12-31' }),
      tariff({ decision_id: 'NEW', commissioned_from: '2015-01-01', eot: 520_000 }),
    ];
    expect(one({}, { tariffs })['4']?.status).toBe('passed');
    expect(one({ eot: '52,00' }, { tariffs })['4']?.reason).toBe('ЭОТ 52,00 не совпадает с БПТР: 48,80 (OLD)');
    // without a readable date both stay candidates
    expect(one({ eot: '52,00', commissioned: '' }, { tariffs })['4']?.status).toBe('passed');
    expect(one({ eot: '52,00', commissioned: 'давно' }, { tariffs })['4']?.status).toBe('passed');
  });
});

describe('6. дата ввода и признак дифференциации', () => {
  it('is skipped without a readable date or with «с -- по --»', () => {
    expect(one({ commissioned: '', diffAttr: 'с 01.01.2015 по --' })['6']?.status).toBe('skipped');
    expect(one({ diffAttr: 'с -- по --' })['6']?.status).toBe('skipped');
  });
  it('checks open and closed ranges', () => {
    expect(one({ diffAttr: 'с -- по 31.12.2014' })['6']?.status).toBe('passed');
    expect(one({ diffAttr: 'с 01.01.2015 по --' })['6']).toEqual({ status: 'failed', reason: 'Дата ввода 01.01.1989 вне признака «с 01.01.2015 по --»' });
    expect(one({ diffAttr: 'с 01.01.1989 по 01.01.1989' })['6']?.status).toBe('passed');
    expect(one({ diffAttr: 'после 2015' })['6']?.reason).toMatch(/не в формате/);
  });
});

describe('7. дублирование домов', () => {
  it('is skipped without an id', () => {
    expect(one({ fias: '' })['7']?.status).toBe('skipped');
  });
  it('finds the same house twice in one registry, naming the other row', () => {
    const r = check([OK_ROW, { ...OK_ROW, fias: G1.toUpperCase() }, { ...OK_ROW, fias: G2 }]);
    expect(r[0]?.['7']).toEqual({ status: 'failed', reason: 'Дом за август 2026 уже заявлен: в этом реестре, строка 11' });
    expect(r[1]?.['7']?.reason).toMatch(/строка 10/);
    expect(r[2]?.['7']?.status).toBe('passed');
  });
  it('names at most three other rows of a house repeated many times', () => {
    const r = check(Array.from({ length: 6 }, () => OK_ROW));
    expect(r[0]?.['7']?.reason).toBe('Дом за август 2026 уже заявлен: в этом реестре, строки 11, 12, 13…');
    expect(r[5]?.['7']?.reason).toBe('Дом за август 2026 уже заявлен: в этом реестре, строки 10, 11, 12…');
    expect(check([OK_ROW, OK_ROW, OK_ROW])[1]?.['7']?.reason).toBe('Дом за август 2026 уже заявлен: в этом реестре, строки 10, 12');
  });

  it('finds the house in another registry of the period, not of other months or services', () => {
    const others = [other('51', 'август 2026', [{ fias: 'x', volume: '1' }, { fias: G1, volume: '1' }]), other('52', 'июль 2026', [{ fias: G2, volume: '1' }]), other('53', 'август 2026', [{ fias: G2, volume: '1' }], 'ТС')];
    const r = check([OK_ROW, { ...OK_ROW, fias: G2 }], { others });
    expect(r[0]?.['7']).toEqual({ status: 'failed', reason: 'Дом за август 2026 уже заявлен: в реестре №51, строка 11' });
    expect(r[1]?.['7']?.status).toBe('passed');
  });
});

describe('8. сумма субсидии', () => {
  it('passes within a kopeck and names the expected sum otherwise', () => {
    expect(one({ subsidy: '70,71' })['8']?.status).toBe('passed');
    expect(one({ subsidy: '70,69' })['8']?.status).toBe('passed');
    expect(one({ subsidy: '70,72' })['8']).toEqual({ status: 'failed', reason: 'Заявлено 70,72 руб., расчетная сумма 70,70 руб.' });
  });
  it('rounds half up to kopecks: 7,07 × 0,0005 = 0,003535 → 0,00; 7,07 × 0,0715 = 0,505505 → 0,51', () => {
    expect(one({ vLiving: '0,0005', subsidy: '0' })['8']?.status).toBe('passed');
    const r = runChecks(input([{ ...OK_ROW, eot: '1,00', lt: '0,50', vLiving: '0,0050', subsidy: '0' }], { houses: [house(G1)] }));
    expect(r.expected[0]).toBe(0); // 0,0025 → 0,00
    const h = runChecks(input([{ ...OK_ROW, eot: '1,00', lt: '0,00', vLiving: '0,005', subsidy: '0,01' }], { houses: [house(G1)] }));
    expect(h.expected[0]).toBe(1); // exactly half a kopeck → up
  });
  it('adds ОДН to the living volume', () => {
    expect(one({ vLiving: '8', vOdn: '2' })['8']?.status).toBe('passed');
    expect(one({ vLiving: '8', vOdn: '' , subsidy: '56,56' })['8']?.status).toBe('passed');
  });
  it('fails a negative expected subsidy even when declared so', () => {
    expect(one({ eot: '40,00', subsidy: '-17,30' })['8']?.reason).toMatch(/отрицательна/);
  });
});

describe('9. резкое изменение объемов', () => {
  const months = (vals: string[]) => vals.map((v, k) => other(`h${k}`, `${String(7 - k).padStart(2, '0')}.2026`, [{ fias: G1, volume: v }]));
  it('is skipped with fewer than 3 months of history', () => {
    expect(one({}, { others: months(['10', '10']) })['9']).toEqual({ status: 'skipped', reason: 'История объемов менее 3 месяцев (2)' });
  });
  it('reproduces the seed slide: average 3,2222, delta −69%', () => {
    const others = [...months(['3', '3', '3', '3', '3', '3', '3']), other('x', '12.2025', [{ fias: G1, volume: '3' }]), other('y', '11.2025', [{ fias: G1, volume: '5' }])];
    expect(one({ vLiving: '1', subsidy: '7,07' }, { others })['9']).toEqual({ status: 'failed', reason: 'Среднее значение объема по данному дому 3,2222 куб. м (дельта −69%)' });
  });
  it('passes at exactly 50% and fails beyond it', () => {
    expect(one({ vLiving: '15', subsidy: '106,05' }, { others: months(['10', '10', '10']) })['9']?.status).toBe('passed');
    expect(one({ vLiving: '15,0001', subsidy: '106,05' }, { others: months(['10', '10', '10']) })['9']?.status).toBe('failed');
    expect(one({ vLiving: '5', subsidy: '35,35' }, { others: months(['10', '10', '10']) })['9']?.status).toBe('passed');
  });
  it('handles zero averages', () => {
    expect(one({ vLiving: '0', subsidy: '0' }, { others: months(['0', '0', '0']) })['9']?.status).toBe('passed');
    expect(one({ vLiving: '1', subsidy: '7,07' }, { others: months(['0', '0', '0']) })['9']?.reason).toMatch(/0,0000 куб\. м/);
  });
  it('sums one month over several registries and looks back only 12 months', () => {
    const others = [
      other('a', '07.2026', [{ fias: G1, volume: '4' }]), other('b', '07.2026', [{ fias: G1, volume: '6' }]),
      other('c', '06.2026', [{ fias: G1, volume: '10' }]), other('d', '05.2026', [{ fias: G1, volume: '10' }]),
      other('old', '07.2025', [{ fias: G1, volume: '1000' }]), // 13 months back
    ];
    expect(one({}, { others })['9']?.status).toBe('passed');
  });
});
