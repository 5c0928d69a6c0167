import { describe, expect, it } from 'vitest';
import { draftErrors, emptyDraft, isIsoDate, registrationFields, todayIso } from './registration-form.ts';

const TODAY = '2026-12-01';

describe('registration letter fields', () => {
  it('start with the registration date of today and nothing else', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    const d = emptyDraft(TODAY);
    expect(draftErrors(d, TODAY)).toEqual({});
    expect(registrationFields(d)).toEqual({ isCorrection: 'false', letterInDate: TODAY });
  });

  it('accept real ISO days only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('01.02.2026')).toBe(false);
    expect(isIsoDate('1899-12-31')).toBe(false);
  });

  it('refuse a letter from the future, a letter arriving before it was sent, and a missing registration date', () => {
    const d = emptyDraft(TODAY);
    expect(draftErrors({ ...d, letterOutDate: '2026-12-02' }, TODAY)).toEqual({ letterOutDate: 'Дата письма РСО не может быть позже сегодняшнего дня' });
    expect(draftErrors({ ...d, letterOutDate: '2026-11-20', letterInDate: '2026-11-19' }, TODAY)).toEqual({
      letterInDate: 'Письмо не может поступить раньше, чем отправлено',
    });
    expect(draftErrors({ ...d, letterInDate: '' }, TODAY)).toEqual({ letterInDate: 'Укажите дату регистрации' });
    expect(draftErrors({ ...d, letterOutDate: '2026-02-30' }, TODAY)).toEqual({ letterOutDate: 'Введите дату полностью: день, месяц, год' });
    expect(draftErrors({ ...d, letterOutDate: TODAY, letterInDate: TODAY }, TODAY)).toEqual({});
  });

  it('send the contract fields trimmed, empty ones left out', () => {
    const d = { ...emptyDraft(TODAY), letterOutNo: ' 157 ', letterOutDate: '2026-11-20', comment: '  ', executorId: '3', isCorrection: true };
    expect(registrationFields(d)).toEqual({ isCorrection: 'true', letterOutNo: '157', letterOutDate: '2026-11-20', letterInDate: TODAY, executorId: '3' });
    expect(draftErrors({ ...d, executorId: 'x' }, TODAY)).toEqual({ executorId: 'Выберите исполнителя из списка' });
  });
});
