import type { ComponentChildren } from 'preact';
import { formatInteger } from '../../format.ts';
import type { RowFilter, RowsModel } from './review-rows.ts';

const TABS: { tab: number | null; label: string }[] = [
  { tab: null, label: 'Все' },
  { tab: 0, label: 'Требует решения' },
  { tab: 1, label: 'Согласован' },
  { tab: 2, label: 'Не согласован' },
];

interface Props {
  model: RowsModel;
  filter: RowFilter;
  /** [Все, Требует решения, Согласован, Не согласован] over the other filters */
  counts: [number, number, number, number];
  onChange: (f: RowFilter) => void;
  /** on the tabs' line, at its right end (the side panel's tabs) */
  aside?: ComponentChildren;
}

/** Status tabs with counts, a chip per rule with its failures, the address search and the district. */
export function ReviewFilters({ model, filter, counts, onChange, aside }: Props) {
  const set = (patch: Partial<RowFilter>): void => onChange({ ...filter, ...patch });
  const p = model.payload;
  return (
    <div class="review-filters">
      <div class="review-filters__line">
      <div class="review-tabs" role="tablist" aria-label="Статус строк">
        {TABS.map((t, k) => (
          <button key={t.label} type="button" role="tab" class="review-tab" aria-selected={filter.tab === t.tab} data-tab={t.label} onClick={() => set({ tab: t.tab })}>
            {t.label} <span class="review-tab__count">({formatInteger(counts[k] ?? 0)})</span>
          </button>
        ))}
      </div>
      {aside}
      </div>
      <div class="review-filters__line review-filters__line--search">
      <SearchLine model={model} filter={filter} onChange={onChange} />
      <div class="review-chips" aria-label="Не пройденные проверки">
        {p.ruleIds.map((id, r) => {
          const failed = model.failedCounts[r] ?? 0;
          if (failed === 0) return null;
          const active = filter.rule === r;
          return (
            <button
              key={id}
              type="button"
              class={`review-chip${model.severities[r] === 'warning' ? ' review-chip--warning' : ''}`}
              aria-pressed={active}
              data-rule={model.ruleNumbers[r]}
              title={p.ruleTitles[r]}
              onClick={() => set({ rule: active ? null : r })}
            >
              #{model.ruleNumbers[r]} <span class="review-chip__title">{p.ruleTitles[r]}</span> <span class="review-chip__count">{formatInteger(failed)}</span>
            </button>
          );
        })}
        {model.failedCounts.every((n) => n === 0) && <span class="muted">Все строки прошли проверки.</span>}
      </div>
      </div>
    </div>
  );
}

/** The address search, the district and «Сбросить фильтры», on the tabs' line. */
function SearchLine({ model, filter, onChange }: Omit<Props, 'counts' | 'aside'>) {
  const set = (patch: Partial<RowFilter>): void => onChange({ ...filter, ...patch });
  return (
      <div class="review-search">
        <label class="field field--inline field--search">
          <span class="field__label">Адрес</span>
          <input type="search" value={filter.address} placeholder="улица, дом" onInput={(e) => set({ address: e.currentTarget.value })} />
        </label>
        <label class="field field--inline">
          <span class="field__label">Район</span>
          <select value={filter.district} onChange={(e) => set({ district: e.currentTarget.value })}>
            <option value="">все</option>
            {model.districts.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        {(filter.rule !== null || filter.address || filter.district || filter.only) && (
          <button type="button" class="button button--small" onClick={() => onChange({ ...filter, rule: null, address: '', district: '', only: null })}>
            Сбросить фильтры
          </button>
        )}
      </div>
  );
}
