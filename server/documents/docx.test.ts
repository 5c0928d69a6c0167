import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderLetter } from './docx.ts';
import type { RegistryFacts, RejectedRow } from './registry-facts.ts';

const facts: RegistryFacts = {
  id: 17, rsoInn: '7707083893', rsoName: 'ООО "Тепло" & <Вода>', service: 'ХВС', period: '2026-08', status: 'Согласован', municipalDistrict: 'Абатский муниципальный район',
  letterOutNo: '12/а', letterOutDate: '2026-09-01', letterInNo: null, letterInDate: null, executorId: 1, executor: 'Проверкин И. П.', registeredAt: '2026-09-02',
  checkDeadline: '2026-09-10', finishDeadline: '2026-09-20', refusalReason: null, refusedById: null, refusedBy: null, fileName: 'r.csv', rowsTotal: 40, rowsAgreed: 30, rowsRejected: 8, rowsPending: 2,
  declaredSum: 123_456_789, agreedSum: 100_000_000, rejectedSum: 20_000_000, pendingSum: 3_456_789,
};
const stamp = { number: 'СВ-2026-000017', date: '2026-10-01' };

/** Every entry of the .docx, as text. */
const entries = (bytes: Uint8Array): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, new TextDecoder().decode(data)]));

describe('the letter’s table of rejected rows', () => {
  it('is the document docxtemplater’s own loop writes, whatever the values hold', () => {
    const rejected: RejectedRow[] = [
      { rowNo: 3, n: 1, address: 'ул. «Ленина» & <Мира>, д. "5" \'а\'', fiasId: 'a0000000-0000-4000-8000-000000000001', subsidy: 12_345, expected: 12_000, reason: 'Тариф не соответствует решению', failedRules: ['4'] },
      { rowNo: 4, n: null, address: '', fiasId: '', subsidy: null, expected: null, reason: '', failedRules: [] },
      { rowNo: 9, n: 7, address: '  пробелы по краям  ', fiasId: 'нет', subsidy: -50, expected: 0, reason: '#7: дом уже в реестре № 12 $1 $& \\1', failedRules: ['7'] },
      ...Array.from({ length: 5 }, (_, i): RejectedRow => ({ rowNo: 10 + i, n: 10 + i, address: `адрес ${i}`, fiasId: `f${i}`, subsidy: i * 101, expected: i, reason: `причина ${i}`, failedRules: [] })),
    ];
    const fast = entries(renderLetter(facts, rejected, stamp));
    const loop = entries(renderLetter(facts, rejected, stamp, { fastRows: false }));
    expect(Object.keys(fast).sort()).toEqual(Object.keys(loop).sort());
    for (const name of Object.keys(loop)) expect(fast[name], name).toBe(loop[name]);
    const xml = fast['word/document.xml'] ?? '';
    expect(xml).toContain('ул. «Ленина» &amp; &lt;Мира&gt;, д. &quot;5&quot; &apos;а&apos;');
    expect(xml).toContain('#7: дом уже в реестре № 12 $1 $&amp; \\1');
    expect(xml.split('<w:tr>').length + xml.split('<w:tr ').length).toBeGreaterThan(rejected.length);
  });

  it('falls back to docxtemplater’s loop for a line break, and the letter still has it', () => {
    const rejected: RejectedRow[] = [1, 2].map((k) => ({ rowNo: k, n: k, address: `адрес ${k}`, fiasId: `f${k}`, subsidy: k, expected: k, reason: 'первая строка\nвторая строка', failedRules: [] }));
    const fast = entries(renderLetter(facts, rejected, stamp));
    expect(fast['word/document.xml']).toBe(entries(renderLetter(facts, rejected, stamp, { fastRows: false }))['word/document.xml']);
    expect(fast['word/document.xml']).toContain('<w:br/>');
  });
});
