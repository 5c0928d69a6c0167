import { formatDate, formatMonthInput, parseRuDate, parseRuMonth } from './format.ts';

interface Props {
  id?: string;
  required?: boolean;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
  'aria-label'?: string;
  /** a day (ДД.ММ.ГГГГ) or a month (ММ.ГГГГ) */
  kind?: 'date' | 'month';
  /** ISO (`2026-04-01`, `2026-04`), '' for none, or the text typed so far when it is not a whole date yet */
  value: string;
  onValue: (value: string) => void;
}

/**
 * A date typed and shown the Russian way, ДД.ММ.ГГГГ (or ММ.ГГГГ), whatever the browser's language: the
 * browser's own date input follows the system locale (MM/DD/YYYY on an English one). The value is ISO once
 * the text is a whole real date, the text itself while it is not, so the form's own check names the problem.
 */
export function RuDateInput({ kind = 'date', value, onValue, ...rest }: Props) {
  const shown = kind === 'date' ? (parseRuDate(value) && /^\d{4}-/.test(value) ? formatDate(value) : value) : /^\d{4}-\d{2}$/.test(value) ? formatMonthInput(value) : value;
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={kind === 'date' ? 'ДД.ММ.ГГГГ' : 'ММ.ГГГГ'}
      maxLength={10}
      value={shown}
      onInput={(e) => {
        const text = e.currentTarget.value;
        const parsed = kind === 'date' ? parseRuDate(text) : parseRuMonth(text);
        onValue(text.trim() === '' ? '' : (parsed ?? text));
      }}
    />
  );
}
