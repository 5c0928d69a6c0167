import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvRowPieces } from './csv.ts';

const whole = (text: string, delimiter: string, newline: '\r\n' | '\n'): string[][] => Papa.parse<string[]>(text, { delimiter, newline, skipEmptyLines: false }).data;
const pieced = (text: string, pieceChars: number): string[][] => [...csvRowPieces(text, pieceChars)].flat();

describe('CSV read a piece at a time', () => {
  it('cuts only at line breaks outside quotes, so quoted line breaks and escaped quotes stay in their cell', () => {
    const text = 'Адрес;Площадь\r\n"ул. Ленина, д. 1;\r\nкорп. 2";10,5\r\n"дом ""Старый""";7\r\n\r\nул. Мира;3';
    for (const size of [1, 2, 5, 13, 1000]) {
      expect(pieced(text, size)).toEqual([['Адрес', 'Площадь'], ['ул. Ленина, д. 1;\r\nкорп. 2', '10,5'], ['дом "Старый"', '7'], [''], ['ул. Мира', '3']]);
    }
  });

  it('gives the rows of the whole text for any text and any piece size', () => {
    const cell = fc.oneof(fc.stringMatching(/^[а-яa-z0-9 .]{0,6}$/), fc.stringMatching(/^[а-я;\n"]{0,6}$/).map((v) => `"${v.replace(/"/g, '""')}"`));
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(rows, fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'), fc.integer({ min: 1, max: 40 }), (grid, newline, size) => {
        const text = grid.map((r) => r.join(';')).join(newline);
        // a header line as every real file has (no commas in the cells: the delimiter guess is then `;`)
        const file = `a;b${newline}${text}`;
        expect(pieced(file, size)).toEqual(whole(file, ';', newline));
      }),
      { numRuns: 500 },
    );
  });
});
