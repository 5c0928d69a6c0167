import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Executor } from '../../../../server/contract/registries.ts';
import { serviceSpecs } from '../../../../templates/index.ts';
import { RuDateInput } from '../../date-input.tsx';
import { EMPTY_FILTERS, STATUSES, filterErrors, type FilterKey, type ListFilters } from './list-filters.ts';

interface Props {
  /** The filters in force; the panel edits a draft of them until «Найти». */
  filters: ListFilters;
  executors: readonly Executor[];
  districts: readonly string[];
  onApply: (filters: ListFilters) => void;
}

type Field =
  | { key: FilterKey; label: string; kind: 'text' | 'month' | 'date'; placeholder?: string; wide?: boolean }
  | { key: FilterKey; label: string; kind: 'select'; options: { value: string; label: string }[]; wide?: boolean };

/** «Поиск по атрибутам»: every field of the seed's search block; applied together with «Найти». */
export function FilterPanel({ filters, executors, districts, onApply }: Props) {
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const errors = useMemo(() => filterErrors(draft), [draft]);
  const invalid = Object.keys(errors).length > 0;

  const fields: Field[] = [
    { key: 'rso', label: 'РСО: название или ИНН', kind: 'text', placeholder: 'часть названия или ИНН', wide: true },
    {
      key: 'service',
      label: 'Услуга',
      kind: 'select',
      options: [{ value: '', label: 'Любая' }, ...serviceSpecs.map((s) => ({ value: s.code, label: `${s.code} — ${s.title}` }))],
    },
    { key: 'status', label: 'Статус', kind: 'select', options: [{ value: '', label: 'Любой' }, ...STATUSES.map((s) => ({ value: s, label: s }))] },
    {
      key: 'executor',
      label: 'Исполнитель',
      kind: 'select',
      options: [{ value: '', label: 'Любой' }, { value: 'none', label: 'Не назначен' }, ...executors.map((e) => ({ value: String(e.id), label: e.fullName }))],
    },
    { key: 'period', label: 'Период субсидии', kind: 'month' },
    { key: 'periodTo', label: 'Период по (для диапазона)', kind: 'month' },
    { key: 'district', label: 'Муниципальный район', kind: 'select', options: [{ value: '', label: 'Любой' }, ...districts.map((d) => ({ value: d, label: d }))] },
    { key: 'letter', label: 'Номер письма', kind: 'text', placeholder: 'исх. или вх.' },
    { key: 'from', label: 'Поступил с', kind: 'date' },
    { key: 'to', label: 'Поступил по', kind: 'date' },
    { key: 'letterFrom', label: 'Письмо РСО от', kind: 'date' },
    { key: 'letterTo', label: 'Письмо РСО по', kind: 'date' },
    { key: 'min', label: 'Заявлено от, ₽', kind: 'text', placeholder: '0,00' },
    { key: 'max', label: 'Заявлено до, ₽', kind: 'text', placeholder: '0,00' },
  ];

  const set = (key: FilterKey, value: string): void => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <form
      class="panel registries-filters"
      aria-label="Поиск по атрибутам"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) onApply(draft);
      }}
    >
      <div class="registries-filters__fields">
        {fields.map((f) => {
          const id = `registries-filter-${f.key}`;
          const error = errors[f.key];
          return (
            <div key={f.key} class={f.wide ? 'field registries-filters__field--wide' : 'field'}>
              <label class="field__label" for={id}>
                {f.label}
              </label>
              {f.kind === 'select' ? (
                <select id={id} value={draft[f.key]} onChange={(e) => set(f.key, e.currentTarget.value)}>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : f.kind === 'text' ? (
                <input
                  id={id}
                  type="text"
                  value={draft[f.key]}
                  {...(f.placeholder ? { placeholder: f.placeholder } : {})}
                  {...(error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {})}
                  onInput={(e) => set(f.key, e.currentTarget.value)}
                />
              ) : (
                <RuDateInput
                  id={id}
                  kind={f.kind}
                  value={draft[f.key]}
                  {...(error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` } : {})}
                  onValue={(v) => set(f.key, v)}
                />
              )}
              {error && (
                <span class="field__error" id={`${id}-error`}>
                  {error}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <div class="registries-filters__actions">
        <button type="submit" class="button button--primary" disabled={invalid}>
          Найти
        </button>
        <button
          type="button"
          class="button"
          onClick={() => {
            const cleared = { ...EMPTY_FILTERS };
            setDraft(cleared);
            onApply(cleared);
          }}
        >
          Сбросить все
        </button>
      </div>
    </form>
  );
}
