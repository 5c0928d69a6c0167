/**
 * The subsidy request as JSON (`sverka subsidy`, the calculator API): English field names of DOMAIN.md,
 * amounts in roubles as JSON numbers or strings («4 661,00»). Every problem is reported in Russian, by field.
 *
 * {
 *   "members": ["working_age", "pensioner"]          // or [{"group": "child"}], or {"working_age": 2, "child": 1}
 *   "income_6m": 75000,                              // family income over 6 months, руб.
 *   "category": "owner",                             // tenant | owner | owner_no_kr
 *   "standard_per_member": {"heating": 4661, "non_heating": 3000},   // руб. per member per month
 *   "payment": {"heating": 5000, "non_heating": 3500},               // actual monthly payment, руб.
 *   "mdd": 0.22,                                     // optional: 0.22, "22%" or 22; default from the template
 *   "subsistence_minimum": {"working_age": 17932, "pensioner": 14151, "child": 16095}  // optional, per group
 * }
 */
import { parseScaled } from '../parse/decimal.ts';
import { SUBSISTENCE_GROUPS, type StandardParams, type SubsistenceGroup } from './params.ts';
import type { SubsidyInput } from './subsidy.ts';
import { CATEGORIES, type Category, type Period } from './types.ts';

export type SubsidyInputRead = { ok: true; value: SubsidyInput } | { ok: false; problems: string[] };

const GROUP_ALIASES: Record<string, SubsistenceGroup> = {
  working_age: 'working_age', трудоспособный: 'working_age', трудоспособные: 'working_age',
  pensioner: 'pensioner', пенсионер: 'pensioner', пенсионеры: 'pensioner',
  child: 'child', ребенок: 'child', ребёнок: 'child', дети: 'child',
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function money(x: unknown, field: string, problems: string[]): number {
  if (typeof x !== 'number' && typeof x !== 'string') {
    problems.push(`${field}: нужна сумма в рублях (число или строка), получено ${x === undefined ? 'ничего' : JSON.stringify(x)}`);
    return 0;
  }
  const r = parseScaled(x, 2);
  if (!r.ok) problems.push(`${field}: ${r.message}`);
  else if (r.value < 0) problems.push(`${field}: сумма не может быть отрицательной`);
  return r.ok ? r.value : 0;
}

function byPeriod(x: unknown, field: string, problems: string[]): Record<Period, number> {
  if (!isObject(x)) {
    problems.push(`${field}: нужен объект {"heating": …, "non_heating": …}`);
    return { heating: 0, non_heating: 0 };
  }
  return { heating: money(x.heating, `${field}.heating`, problems), non_heating: money(x.non_heating, `${field}.non_heating`, problems) };
}

function members(x: unknown, problems: string[]): SubsistenceGroup[] {
  const group = (g: unknown, at: string): SubsistenceGroup | null => {
    const name = isObject(g) ? g.group : g;
    const hit = typeof name === 'string' ? GROUP_ALIASES[name.trim().toLowerCase()] : undefined;
    if (!hit) problems.push(`${at}: неизвестная группа ${JSON.stringify(name)}; допустимы ${SUBSISTENCE_GROUPS.join(', ')}`);
    return hit ?? null;
  };
  const out: SubsistenceGroup[] = [];
  if (Array.isArray(x)) {
    x.forEach((m, i) => {
      const g = group(m, `members[${i}]`);
      if (g) out.push(g);
    });
  } else if (isObject(x)) {
    for (const [name, count] of Object.entries(x)) {
      const g = group(name, `members.${name}`);
      const n = typeof count === 'string' ? Number(count) : count;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 50) problems.push(`members.${name}: нужно целое число членов семьи от 0 до 50`);
      else if (g) for (let i = 0; i < n; i++) out.push(g);
    }
  } else {
    problems.push('members: нужен список членов семьи с их группой, например ["working_age", "child"]');
    return out;
  }
  if (out.length === 0 && problems.length === 0) problems.push('members: в семье должен быть хотя бы один человек');
  return out;
}

/** МДД as 0.22, «22%» or 22, to × 10^4. */
function share(x: unknown, problems: string[]): number {
  const text = typeof x === 'number' ? String(x) : typeof x === 'string' ? x.trim() : null;
  if (text === null) {
    problems.push('mdd: нужна доля (0.22) или проценты ("22%")');
    return 0;
  }
  const percent = text.endsWith('%');
  const r = parseScaled(percent ? text.slice(0, -1) : text, percent ? 2 : 4);
  if (!r.ok) {
    problems.push(`mdd: ${r.message}`);
    return 0;
  }
  // «22%» and 22 are percent (scale 2 → × 10^4 of a share); 0.22 is a share
  const v = percent ? r.value : r.value >= 10_000 ? r.value / 100 : r.value;
  if (v <= 0 || v > 10_000 || !Number.isInteger(v)) problems.push('mdd: доля должна быть больше 0 и не больше 100% (до сотых процента)');
  return v;
}

/**
 * ПМ by group: the region's, with the groups the input names replaced. A minimum of zero would make every
 * family «above the minimum» and hide the K coefficient, so it must be positive.
 */
function subsistenceMinimum(x: unknown, defaults: Record<SubsistenceGroup, number>, problems: string[]): Record<SubsistenceGroup, number> {
  const pm = { ...defaults };
  if (x === undefined || x === null) return pm;
  if (!isObject(x)) {
    problems.push(`subsistence_minimum: нужен объект {"working_age": …, "pensioner": …, "child": …} с суммами в рублях, получено ${JSON.stringify(x)}`);
    return pm;
  }
  for (const [k, v] of Object.entries(x)) {
    const g = GROUP_ALIASES[k.trim().toLowerCase()];
    const field = `subsistence_minimum.${k}`;
    if (!g) {
      problems.push(`${field}: неизвестная группа; допустимы ${SUBSISTENCE_GROUPS.join(', ')}`);
      continue;
    }
    const before = problems.length;
    const amount = money(v, field, problems);
    if (problems.length > before) continue;
    if (amount === 0) problems.push(`${field}: прожиточный минимум должен быть больше нуля`);
    else pm[g] = amount;
  }
  return pm;
}

export function readSubsidyInput(json: unknown, defaults: Pick<StandardParams, 'mdd' | 'subsistenceMinimum'>): SubsidyInputRead {
  const problems: string[] = [];
  if (!isObject(json)) return { ok: false, problems: ['ожидался JSON-объект с полями members, income_6m, category, standard_per_member, payment'] };
  const category = json.category;
  if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) {
    problems.push(`category: нужна категория ${CATEGORIES.join(', ')}, получено ${JSON.stringify(category)}`);
  }
  const value: SubsidyInput = {
    members: members(json.members, problems),
    income6m: money(json.income_6m, 'income_6m', problems),
    category: category as Category,
    standardPerMember: byPeriod(json.standard_per_member, 'standard_per_member', problems),
    payment: byPeriod(json.payment, 'payment', problems),
    // null as well as absent: the region's value (a form sends null for an untouched field)
    mdd: json.mdd === undefined || json.mdd === null ? defaults.mdd : share(json.mdd, problems),
    subsistenceMinimum: subsistenceMinimum(json.subsistence_minimum, defaults.subsistenceMinimum, problems),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
