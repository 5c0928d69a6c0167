import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filterErrors, filtersFromSearch, kopecksOf, listQuery, panelFilterCount, searchOfFilters } from './list-filters.ts';

describe('registries list filters', () => {
  it('round-trip through the address bar, leaving out what is not set', () => {
    const f = { ...EMPTY_FILTERS, status: 'Новый' as const, rso: 'МУП «Вода»', period: '2026-03', min: '1 000,50' };
    const search = searchOfFilters(f);
    expect(search).toBe('?status=%D0%9D%D0%BE%D0%B2%D1%8B%D0%B9&rso=%D0%9C%D0%A3%D0%9F+%C2%AB%D0%92%D0%BE%D0%B4%D0%B0%C2%BB&period=2026-03&min=1+000%2C50');
    expect(filtersFromSearch(search)).toEqual(f);
    expect(searchOfFilters(EMPTY_FILTERS)).toBe('');
    expect(listQuery(f)).toEqual({ status: 'Новый', rso: 'МУП «Вода»', period: '2026-03', min: '1 000,50' });
  });

  it('ignores unknown keys and statuses that do not exist', () => {
    expect(filtersFromSearch('?status=Удален&foo=1&q=%20вода%20')).toEqual({ ...EMPTY_FILTERS, q: 'вода' });
  });

  it('counts the panel filters, not the tab or the search box', () => {
    expect(panelFilterCount({ ...EMPTY_FILTERS, status: 'Новый', q: 'x', district: 'Абатский', executor: 'none' })).toBe(2);
  });

  it('reads amounts in roubles exactly, as kopecks', () => {
    expect(kopecksOf('2 214 806,24')).toBe(221480624);
    expect(kopecksOf('2214806.2')).toBe(221480620);
    expect(kopecksOf('15')).toBe(1500);
    expect(kopecksOf('1,234')).toBeNull();
    expect(kopecksOf('-5')).toBeNull();
    expect(kopecksOf('много')).toBeNull();
  });

  it('names each field that cannot be sent', () => {
    expect(filterErrors(EMPTY_FILTERS)).toEqual({});
    expect(filterErrors({ ...EMPTY_FILTERS, period: '2026-13', from: '2026-02-30x', executor: 'Иванов', min: 'abc' })).toEqual({
      period: 'Месяц в виде ММ.ГГГГ',
      from: 'Дата в виде ДД.ММ.ГГГГ',
      executor: 'Выберите исполнителя из списка',
      min: 'Сумма в рублях, например 1 000,50',
    });
    expect(filterErrors({ ...EMPTY_FILTERS, from: '2026-03-10', to: '2026-03-01', min: '100', max: '99,99' })).toEqual({
      to: 'Не раньше даты «с»',
      max: 'Не меньше суммы «от»',
    });
    expect(filterErrors({ ...EMPTY_FILTERS, executor: 'none', min: '0', max: '0' })).toEqual({});
    expect(filterErrors({ ...EMPTY_FILTERS, period: '2026-05', periodTo: '2026-04', letterFrom: '2026-04-02', letterTo: '2026-04-01' })).toEqual({
      periodTo: 'Не раньше месяца «с»',
      letterTo: 'Не раньше даты «от»',
    });
    expect(filterErrors({ ...EMPTY_FILTERS, periodTo: '2026-4', letterFrom: '02.04.2026' })).toEqual({ periodTo: 'Месяц в виде ММ.ГГГГ', letterFrom: 'Дата в виде ДД.ММ.ГГГГ' });
    expect(filterErrors({ ...EMPTY_FILTERS, period: '2026-04', periodTo: '2026-04', letterFrom: '2026-04-01', letterTo: '2026-04-01' })).toEqual({});
  });
});
