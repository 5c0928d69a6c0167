import type { RegistryStatus } from '../../../../server/contract/registries.ts';

/**
 * Every registry status with its CSS modifier, in the order of the tabs. A Record, so a status added to the
 * contract fails to compile here until it gets its tab (workspace/ takes only types from server/).
 */
export const STATUS_SLUGS: Record<RegistryStatus, string> = {
  Новый: 'new',
  'В работе': 'in-work',
  Согласован: 'agreed',
  'Не согласован': 'rejected',
  Отменен: 'cancelled',
  'Отказано в регистрации': 'refused',
};

export const STATUSES = Object.keys(STATUS_SLUGS) as RegistryStatus[];

/**
 * What the registries list is narrowed by, as the user typed it, under the names `GET /registries?…` takes
 * (`server/registries/list-filter.ts`). The address bar keeps it (`?status=Новый&rso=…`), so a reload or a
 * shared link shows the same view, and the export link carries the same query.
 */
export interface ListFilters {
  /** The status tab; '' = «Все». */
  status: RegistryStatus | '';
  /** Free search: РСО name and ИНН, service, district, comment, file, letter numbers, executor, the registry's №, an exact amount. */
  q: string;
  /** ИНН (10 or 12 digits, exact) or part of the РСО's name. */
  rso: string;
  /** Service code (ХВС, ТС…). */
  service: string;
  /** Executor's user id, or `none` for registries nobody is assigned to. */
  executor: string;
  /** `YYYY-MM`: the one month, or the first of a range with `periodTo`. */
  period: string;
  /** `YYYY-MM`: the last month of the range, inclusive. */
  periodTo: string;
  /** Part of the municipal district's name. */
  district: string;
  /** Part of an outgoing or incoming letter number. */
  letter: string;
  /** ISO dates bounding the day the registry came in, inclusive. */
  from: string;
  to: string;
  /** ISO dates bounding the date of the РСО's letter, inclusive. */
  letterFrom: string;
  letterTo: string;
  /** Declared sum from and to, in roubles as typed («1 000,50»). */
  min: string;
  max: string;
}

export type FilterKey = keyof ListFilters;

export const EMPTY_FILTERS: ListFilters = {
  status: '',
  q: '',
  rso: '',
  service: '',
  executor: '',
  period: '',
  periodTo: '',
  district: '',
  letter: '',
  from: '',
  to: '',
  letterFrom: '',
  letterTo: '',
  min: '',
  max: '',
};

const KEYS = Object.keys(EMPTY_FILTERS) as FilterKey[];

const isStatus = (s: string): s is RegistryStatus => Object.hasOwn(STATUS_SLUGS, s);

/** The filters a URL's query holds; unknown keys and impossible statuses are ignored. */
export function filtersFromSearch(search: string): ListFilters {
  const params = new URLSearchParams(search);
  const out: ListFilters = { ...EMPTY_FILTERS };
  for (const key of KEYS) {
    const value = params.get(key)?.trim() ?? '';
    if (key === 'status') out.status = isStatus(value) ? value : '';
    else out[key] = value;
  }
  return out;
}

/** The query string the address bar shows for these filters ('' when nothing is set), keys in a fixed order. */
export function searchOfFilters(filters: ListFilters): string {
  const s = new URLSearchParams(listQuery(filters)).toString();
  return s ? `?${s}` : '';
}

/** How many filters of the panel (not the tab, not the search box) are set: the panel's button shows it. */
export const panelFilterCount = (f: ListFilters): number =>
  KEYS.filter((k) => k !== 'status' && k !== 'q' && f[k].trim() !== '').length;

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Problems of the panel's fields, by field, in Russian; an empty object when every set field is readable. */
export function filterErrors(f: ListFilters): Partial<Record<FilterKey, string>> {
  const errors: Partial<Record<FilterKey, string>> = {};
  if (f.period && !PERIOD.test(f.period)) errors.period = 'Месяц в виде ММ.ГГГГ';
  if (f.periodTo && !PERIOD.test(f.periodTo)) errors.periodTo = 'Месяц в виде ММ.ГГГГ';
  if (!errors.period && !errors.periodTo && f.period && f.periodTo && f.period > f.periodTo) errors.periodTo = 'Не раньше месяца «с»';
  if (f.from && !ISO_DATE.test(f.from)) errors.from = 'Дата в виде ДД.ММ.ГГГГ';
  if (f.to && !ISO_DATE.test(f.to)) errors.to = 'Дата в виде ДД.ММ.ГГГГ';
  if (!errors.from && !errors.to && f.from && f.to && f.from > f.to) errors.to = 'Не раньше даты «с»';
  if (f.letterFrom && !ISO_DATE.test(f.letterFrom)) errors.letterFrom = 'Дата в виде ДД.ММ.ГГГГ';
  if (f.letterTo && !ISO_DATE.test(f.letterTo)) errors.letterTo = 'Дата в виде ДД.ММ.ГГГГ';
  if (!errors.letterFrom && !errors.letterTo && f.letterFrom && f.letterTo && f.letterFrom > f.letterTo) errors.letterTo = 'Не раньше даты «от»';
  if (f.executor && f.executor !== 'none' && !/^[1-9]\d*$/.test(f.executor)) errors.executor = 'Выберите исполнителя из списка';
  const min = f.min ? kopecksOf(f.min) : 0;
  const max = f.max ? kopecksOf(f.max) : 0;
  if (min === null) errors.min = 'Сумма в рублях, например 1 000,50';
  if (max === null) errors.max = 'Сумма в рублях, например 1 000,50';
  if (f.min && f.max && min !== null && max !== null && min > max) errors.max = 'Не меньше суммы «от»';
  return errors;
}

/** Kopecks of an amount typed in roubles («2 214 806,24» → 221480624), or null when it is not one. */
export function kopecksOf(text: string): number | null {
  const m = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/** The query of `GET /registries` (and of its export) for these filters: only what is set. */
export function listQuery(f: ListFilters): ListQuery {
  const out: Partial<Record<FilterKey, string>> = {};
  for (const key of KEYS) {
    const value = f[key].trim();
    if (value) out[key] = value;
  }
  return out as ListQuery;
}

/** The filters as the query of the list: only what is set; the status is one of the statuses. */
export type ListQuery = Partial<Record<Exclude<FilterKey, 'status'>, string>> & { status?: RegistryStatus };
