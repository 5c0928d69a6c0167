import { periodKeyTitle } from '../../../../formulas/registry/period.ts';
import type { FilterOptions } from '../../../../server/contract/analytics.ts';
import { withField, type Filter } from './analytics-filter.ts';

/** Every month from the first to the last, `YYYY-MM`. */
function monthsBetween(first: string | null, last: string | null): string[] {
  if (!first || !last) return [];
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (let guard = 0; guard < 600; guard++) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > last) break;
    out.push(p);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

/** Marks a select value that means «any»; '' is a real value (district not stated, house not found). */
const ANY = '*';

interface Props {
  filter: Filter;
  options: FilterOptions | null;
  onChange: (f: Filter) => void;
  /** the per-РСО page has its РСО fixed */
  fixedRso?: boolean;
}

/** Period range, РСО, district, settlement and service: every chart, the table and the export follow them. */
export function FilterBar({ filter, options, onChange, fixedRso = false }: Props) {
  const months = monthsBetween(options?.firstPeriod ?? null, options?.lastPeriod ?? null);
  const set = (key: keyof Filter) => (e: { currentTarget: HTMLSelectElement }) => {
    const v = e.currentTarget.value;
    let next = withField(filter, key, v === ANY ? undefined : v);
    // a settlement belongs to a district: choosing another district drops a settlement outside it
    if (key === 'district' && next.settlement !== undefined && options && !options.settlements.some((s) => s.district === next.district && s.settlement === next.settlement)) {
      next = withField(next, 'settlement', undefined);
    }
    onChange(next);
  };
  const settlements = (options?.settlements ?? []).filter((s) => filter.district === undefined || s.district === filter.district);
  const uniqueSettlements = [...new Set(settlements.map((s) => s.settlement))];
  const value = (v: string | undefined): string => (v === undefined ? ANY : v);
  const any = Object.keys(filter).some((k) => k !== 'rso' || !fixedRso);

  return (
    <form class="analytics-filters" aria-label="Фильтры аналитики" onSubmit={(e) => e.preventDefault()}>
      <label class="field">
        <span class="field__label">Период с</span>
        <select value={value(filter.from)} onChange={set('from')}>
          <option value={ANY}>начала</option>
          {months.map((m) => (
            <option key={m} value={m} disabled={filter.to !== undefined && m > filter.to}>
              {periodKeyTitle(m)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field__label">по</span>
        <select value={value(filter.to)} onChange={set('to')}>
          <option value={ANY}>последний</option>
          {months.map((m) => (
            <option key={m} value={m} disabled={filter.from !== undefined && m < filter.from}>
              {periodKeyTitle(m)}
            </option>
          ))}
        </select>
      </label>
      {!fixedRso && (
        <label class="field analytics-filters__wide">
          <span class="field__label">РСО</span>
          <select value={value(filter.rso)} onChange={set('rso')}>
            <option value={ANY}>Все РСО</option>
            {(options?.rsos ?? []).map((r) => (
              <option key={r.inn} value={r.inn}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field analytics-filters__wide">
        <span class="field__label">Муниципальный район</span>
        <select value={value(filter.district)} onChange={set('district')}>
          <option value={ANY}>Все районы</option>
          {(options?.districts ?? []).map((d) => (
            <option key={d} value={d}>
              {d || 'Район не указан'}
            </option>
          ))}
        </select>
      </label>
      <label class="field analytics-filters__mid">
        <span class="field__label">Населённый пункт</span>
        <select value={value(filter.settlement)} onChange={set('settlement')}>
          <option value={ANY}>Все</option>
          {uniqueSettlements.map((s) => (
            <option key={s} value={s}>
              {s || 'Дом не найден в реестре'}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field__label">Услуга</span>
        <select value={value(filter.service)} onChange={set('service')}>
          <option value={ANY}>Все услуги</option>
          {(options?.services ?? []).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="button analytics-filters__reset" disabled={!any} onClick={() => onChange(fixedRso && filter.rso ? { rso: filter.rso } : {})}>
        Сбросить
      </button>
    </form>
  );
}
