import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTemplates } from '../../scripts/build-templates.ts';
import { asciiFileName, contentDisposition } from './content-disposition.ts';
import { dateText, periodText, rubNumber, rubText } from './format.ts';
import { documentNumber, mayGenerateDocuments, notReadyReason } from './generate.ts';
import type { RegistryFacts } from './registry-facts.ts';

describe('document formatting', () => {
  it('writes sums the Russian way, exact to the kopeck', () => {
    expect(rubText(123_456_789)).toBe('1 234 567,89 руб.');
    expect(rubText(5)).toBe('0,05 руб.');
    expect(rubText(0)).toBe('0,00 руб.');
    expect(rubNumber(100_000_000_000_01)).toBe('100 000 000 000,01');
    expect(rubText(-70_70)).toBe('−70,70 руб.');
  });

  it('writes dates as ДД.ММ.ГГГГ and periods as «август 2026»', () => {
    expect(dateText('2026-09-06')).toBe('06.09.2026');
    expect(dateText('2026-09-06T21:30:00Z')).toBe('06.09.2026');
    expect(dateText(null)).toBe('—');
    expect(periodText('2026-08')).toBe('август 2026');
    expect(periodText('2027-01')).toBe('январь 2027');
  });

  it('numbers documents with the year and six digits', () => {
    expect(documentNumber('2026', 17)).toBe('СВ-2026-000017');
    expect(documentNumber('2027', 1_234_567)).toBe('СВ-2027-1234567');
  });
});

describe('download names', () => {
  it('gives an ASCII fallback and an RFC 5987 UTF-8 name that decodes back', () => {
    const name = "Реестр 12 ООО \"Вода\" (Ишим) 100% it's.xlsx";
    const header = contentDisposition(name);
    const m = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(.+)$/.exec(header);
    expect(m).not.toBeNull();
    expect(m?.[1]).toBe("Reestr 12 OOO _Voda_ (Ishim) 100_ it's.xlsx");
    // attr-char only: no quote, apostrophe, parenthesis, space or percent left unencoded
    expect(m?.[2]).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(decodeURIComponent(m?.[2] ?? '')).toBe(name);
    expect(asciiFileName('Письмо СВ-2026-000017.docx')).toBe('Pismo SV-2026-000017.docx');
  });
});

const facts = (over: Partial<RegistryFacts>): RegistryFacts => ({
  id: 1, rsoInn: '7707083893', rsoName: 'ООО', service: 'ХВС', period: '2026-08', status: 'В работе', municipalDistrict: null,
  letterOutNo: null, letterOutDate: null, letterInNo: null, letterInDate: null, executorId: 3, executor: null, registeredAt: '2026-09-07',
  checkDeadline: null, finishDeadline: null, refusalReason: null, fileName: 'r.xlsx', rowsTotal: 10, rowsAgreed: 0, rowsRejected: 0,
  rowsPending: 10, declaredSum: 100, agreedSum: 0, rejectedSum: 0, pendingSum: 100, ...over,
});

describe('when a document may be made', () => {
  it('makes a notification at any status, and a letter or appendix once rows are decided', () => {
    const statuses = ['Новый', 'В работе', 'Согласован', 'Не согласован', 'Отменен', 'Отказано в регистрации'] as const;
    for (const status of statuses) expect(notReadyReason('notification', facts({ status }))).toBeNull();
    const ready = (status: (typeof statuses)[number], decided: number): boolean[] =>
      (['letter', 'appendix'] as const).map((kind) => notReadyReason(kind, facts({ status, rowsAgreed: decided, rowsPending: 10 - decided })) === null);
    expect(ready('Новый', 0)).toEqual([false, false]);
    expect(ready('В работе', 0)).toEqual([false, false]);
    expect(ready('В работе', 1)).toEqual([true, true]);
    expect(ready('Согласован', 10)).toEqual([true, true]);
    expect(ready('Не согласован', 0)).toEqual([true, true]);
    expect(ready('Отменен', 3)).toEqual([false, false]);
    expect(ready('Отказано в регистрации', 0)).toEqual([false, false]);
  });

  it('lets the assigned reviewer and any admin generate, nobody else', () => {
    expect(mayGenerateDocuments({ id: 3, role: 'reviewer' }, 3)).toBe(true);
    expect(mayGenerateDocuments({ id: 4, role: 'reviewer' }, 3)).toBe(false);
    expect(mayGenerateDocuments({ id: 4, role: 'reviewer' }, null)).toBe(false);
    expect(mayGenerateDocuments({ id: 1, role: 'admin' }, null)).toBe(true);
    expect(mayGenerateDocuments({ id: 3, role: 'manager' }, 3)).toBe(false);
    expect(mayGenerateDocuments({ id: 3, role: 'analyst' }, 3)).toBe(false);
  });
});

describe('the Word templates', () => {
  const dir = new URL('../../templates/documents/', import.meta.url);
  const placeholders = (docx: Uint8Array): Set<string> => {
    const xml = strFromU8(unzipSync(docx)['word/document.xml'] ?? new Uint8Array());
    const text = xml.replace(/<[^>]+>/g, '');
    return new Set([...text.matchAll(/\{[#^/]?([a-z_]+)\}/g)].map((m) => m[1] ?? ''));
  };

  it('lists every placeholder of the committed templates in their README', () => {
    const readme = readFileSync(new URL('README.md', dir), 'utf8');
    for (const name of ['letter.docx', 'notification.docx']) {
      const found = placeholders(readFileSync(new URL(name, dir)));
      expect(found.size, name).toBeGreaterThan(10);
      for (const p of found) expect(readme, `${name}: {${p}}`).toMatch(new RegExp(`\\{[#^/]?${p}\\}`));
    }
  });

  it('are built the same, byte for byte, each time the script runs', () => {
    const a = buildTemplates();
    const b = buildTemplates();
    expect(Buffer.compare(Buffer.from(a['letter.docx']), Buffer.from(b['letter.docx']))).toBe(0);
    expect(placeholders(a['letter.docx'])).toEqual(new Set(['regulator', 'regulator_address', 'regulator_contacts', 'number', 'date', 'letter_out_no', 'letter_out_date', 'rso_name', 'rso_inn', 'period', 'regulator_short', 'registry_no', 'service', 'letter_in_no', 'letter_in_date', 'declared_sum', 'rows_total', 'agreed_sum', 'rows_agreed', 'rejected_sum', 'rows_rejected', 'has_pending', 'rows_pending', 'pending_sum', 'result_text', 'has_rejected', 'rejected', 'row', 'address', 'fias_id', 'sum', 'reason', 'rejected_sum_number', 'signer_position', 'signer_name', 'executor']));
  });
});
