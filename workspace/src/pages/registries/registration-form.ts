import type { RegistrationForm } from '../../../../server/contract/registries.ts';

/** The registration dialog's fields as typed. Dates come from date inputs: ISO `YYYY-MM-DD` or ''. */
export interface RegistrationDraft {
  letterOutNo: string;
  letterOutDate: string;
  letterInNo: string;
  letterInDate: string;
  isCorrection: boolean;
  comment: string;
  /** '' = assign later; otherwise the executor's user id. */
  executorId: string;
}

export type DraftKey = keyof RegistrationDraft;

/** Today in the user's calendar, ISO: the registration date the dialog starts with. */
export function todayIso(now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export const emptyDraft = (today: string): RegistrationDraft => ({
  letterOutNo: '',
  letterOutDate: '',
  letterInNo: '',
  letterInDate: today,
  isCorrection: false,
  comment: '',
  executorId: '',
});

/** A real calendar day written as ISO (`2026-02-30` is not one). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const MAX_NUMBER = 100;
const MAX_COMMENT = 2000;

/**
 * What is wrong with the letter fields, by field, in Russian; an empty object when they may be sent. Dates are
 * optional but, when given, real ISO days; a letter cannot come from the future, nor arrive before it was sent.
 */
export function draftErrors(d: RegistrationDraft, today: string): Partial<Record<DraftKey, string>> {
  const errors: Partial<Record<DraftKey, string>> = {};
  const date = (key: 'letterOutDate' | 'letterInDate', what: string): boolean => {
    const v = d[key];
    if (!v) return false;
    if (!isIsoDate(v)) errors[key] = 'Введите дату полностью: день, месяц, год';
    else if (v > today) errors[key] = `${what} не может быть позже сегодняшнего дня`;
    return !errors[key];
  };
  const outOk = date('letterOutDate', 'Дата письма РСО');
  const inOk = date('letterInDate', 'Дата регистрации');
  if (!d.letterInDate) errors.letterInDate = 'Укажите дату регистрации';
  if (outOk && inOk && d.letterInDate < d.letterOutDate) errors.letterInDate = 'Письмо не может поступить раньше, чем отправлено';
  if (d.letterOutNo.trim().length > MAX_NUMBER) errors.letterOutNo = `Не длиннее ${MAX_NUMBER} знаков`;
  if (d.letterInNo.trim().length > MAX_NUMBER) errors.letterInNo = `Не длиннее ${MAX_NUMBER} знаков`;
  if (d.comment.trim().length > MAX_COMMENT) errors.comment = `Не длиннее ${MAX_COMMENT} знаков`;
  if (d.executorId && !/^[1-9]\d*$/.test(d.executorId)) errors.executorId = 'Выберите исполнителя из списка';
  return errors;
}

/** The multipart fields beside the file, as the contract names them; empty fields are left out. */
export function registrationFields(d: RegistrationDraft): RegistrationForm {
  const out: RegistrationForm = { isCorrection: d.isCorrection ? 'true' : 'false' };
  const put = (key: 'letterOutNo' | 'letterOutDate' | 'letterInNo' | 'letterInDate' | 'comment' | 'executorId'): void => {
    const v = d[key].trim();
    if (v) out[key] = v;
  };
  put('letterOutNo');
  put('letterOutDate');
  put('letterInNo');
  put('letterInDate');
  put('comment');
  put('executorId');
  return out;
}
