import { describe, expect, it } from 'vitest';
import { describeSetModel, distinctValues } from './set-filter.ts';
import { narrowPrefix, sharedAddressPrefix, withoutPrefix } from './address-prefix.ts';
import { russianNumber, selectionSummary, toTsv } from './excel-text.ts';

describe('grid text helpers', () => {
  it('writes TSV as Excel reads it: tabs between cells, CRLF between rows, quotes where a cell needs them', () => {
    expect(toTsv([['1', 'ул. Садовая, д. 1', '70,70'], ['2', 'с "кавычками"', 'a\tb']])).toBe('1\tул. Садовая, д. 1\t70,70\r\n2\t"с ""кавычками"""\t"a\tb"');
  });

  it('reads Russian numbers as cells show them, and leaves text alone', () => {
    expect(russianNumber('1\u00a0234,56')).toBe(1234.56);
    expect(russianNumber('1 234,56 ₽')).toBe(1234.56);
    expect(russianNumber('−5')).toBe(-5);
    expect(russianNumber('12.5')).toBe(12.5);
    expect(russianNumber('ул. Садовая, д. 1')).toBeNull();
    expect(russianNumber('')).toBeNull();
    expect(russianNumber('01.02.2026')).toBeNull();
  });

  it('sums the selected numbers exactly, with as many decimals as the finest term', () => {
    expect(selectionSummary(['0,10', '0,20', 'текст', '1\u00a0000'])).toEqual({ cells: 4, numbers: 3, sum: '1\u00a0000,30' });
    expect(selectionSummary(['да', 'нет'])).toEqual({ cells: 2, numbers: 0, sum: null });
    // 10,000 × 0,01 is 100,00 exactly (floats would drift)
    expect(selectionSummary(Array.from({ length: 10_000 }, () => '0,01')).sum).toBe('100,00');
  });

  it('finds the address prefix all rows share, keeping street and house', () => {
    const a = ['обл. Тюменская, р-н Абатский, с. Абатское, ул. Садовая, д. 1', 'обл. Тюменская, р-н Абатский, с. Абатское, ул. Ленина, д. 12'];
    const p = sharedAddressPrefix(a);
    expect(p).toBe('обл. Тюменская, р-н Абатский, с. Абатское,');
    expect(withoutPrefix(a[1]!, p)).toBe('ул. Ленина, д. 12');
    // one street for all: the street stays
    expect(withoutPrefix('обл. Тюменская, с. Абатское, ул. Садовая, д. 3', sharedAddressPrefix(['обл. Тюменская, с. Абатское, ул. Садовая, д. 3', 'обл. Тюменская, с. Абатское, ул. Садовая, д. 4']))).toBe('ул. Садовая, д. 3');
    expect(sharedAddressPrefix(['г. Тюмень, ул. А, д. 1', 'с. Б, ул. А, д. 1'])).toBe('');
    expect(sharedAddressPrefix(['обл. Тюменская, ул. А, д. 1'])).toBe('');
  });

  it('narrows a prefix learned from some rows to what later blocks share too, never cutting street and house', () => {
    const p = 'обл. Тюменская, р-н Абатский, с. Абатское,';
    expect(narrowPrefix(p, ['обл. Тюменская, р-н Абатский, с. Абатское, ул. Мира, д. 1'])).toBe(p);
    expect(narrowPrefix(p, ['обл. Тюменская, р-н Абатский, с. Ощепково, ул. Садовая, д. 5', null])).toBe('обл. Тюменская, р-н Абатский,');
    expect(narrowPrefix(p, ['обл. Тюменская, г. Тюмень, ул. Мира, д. 7'])).toBe('обл. Тюменская,');
    // an address with fewer parts keeps its street and house
    expect(narrowPrefix(p, ['обл. Тюменская, ул. Мира, д. 7'])).toBe('обл. Тюменская,');
    expect(narrowPrefix(p, ['обл. Тюменская, д. 7'])).toBe('');
    expect(narrowPrefix('', ['обл. Тюменская, ул. Мира, д. 7'])).toBe('');
    expect(withoutPrefix('обл. Тюменская, г. Тюмень, ул. Мира, д. 7', narrowPrefix(p, ['обл. Тюменская, г. Тюмень, ул. Мира, д. 7']))).toBe('г. Тюмень, ул. Мира, д. 7');
  });

  it('lists a column\'s values for the set filter, most frequent first, and says what is chosen', () => {
    expect(distinctValues(['Согласован', 'Требует решения', 'Согласован', '', 'Не согласован', 'Согласован', 'Требует решения'])).toEqual([
      { value: 'Согласован', rows: 3 },
      { value: 'Требует решения', rows: 2 },
      { value: '', rows: 1 },
      { value: 'Не согласован', rows: 1 },
    ]);
    expect(describeSetModel(null)).toBe('');
    expect(describeSetModel({ values: [] })).toBe('ничего');
    expect(describeSetModel({ values: ['Согласован', ''] })).toBe('Согласован, (пусто)');
  });
});
