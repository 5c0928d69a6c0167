import { describe, expect, it } from 'vitest';
import { asciiFileName, contentDisposition } from './content-disposition.ts';
import { dateText, periodText, rubNumber, rubText } from './format.ts';
import { documentNumber, mayGenerateDocuments, notReadyReason } from './generate.ts';
import type { RegistryFacts } from './registry-facts.ts';

describe('document formatting', () => {
  it('writes sums the Russian way, exact to the kopeck', () => {
    // no-break spaces (U+00A0) inside a sum and before «руб.»: a letter never wraps a number
    expect(rubText(123_456_789)).toBe('1\u00a0234\u00a0567,89\u00a0руб.');
    expect(rubText(5)).toBe('0,05\u00a0руб.');
    expect(rubText(0)).toBe('0,00\u00a0руб.');
    expect(rubNumber(100_000_000_000_01)).toBe('100\u00a0000\u00a0000\u00a0000,01');
    expect(rubText(-70_70)).toBe('−70,70\u00a0руб.');
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
  checkDeadline: null, finishDeadline: null, refusalReason: null, refusedById: null, refusedBy: null, fileName: 'r.xlsx', rowsTotal: 10, rowsAgreed: 0, rowsRejected: 0,
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
    // whoever refused a registration makes the refusal notification, and only that document
    expect(mayGenerateDocuments({ id: 4, role: 'reviewer' }, null, 'notification', 4)).toBe(true);
    expect(mayGenerateDocuments({ id: 5, role: 'manager' }, null, 'notification', 5)).toBe(true);
    expect(mayGenerateDocuments({ id: 4, role: 'reviewer' }, null, 'letter', 4)).toBe(false);
    expect(mayGenerateDocuments({ id: 4, role: 'reviewer' }, null, 'notification', 6)).toBe(false);
  });
});
