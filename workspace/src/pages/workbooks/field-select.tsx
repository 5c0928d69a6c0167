import type { Field } from '../../../../formulas/workbook/data.ts';

/** A menu of a sheet's fields by their titles. */
export function FieldSelect({ value, fields, onChange, disabled }: { value: string; fields: readonly Field[]; onChange: (v: string) => void; disabled: boolean }) {
  return (
    <select value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)} aria-label="Поле">
      {!fields.some((f) => f.name === value) && <option value={value}>{value || '—'}</option>}
      {fields.map((f) => <option key={f.name} value={f.name}>{f.title === f.name ? f.name : `${f.title} [${f.name}]`}</option>)}
    </select>
  );
}
