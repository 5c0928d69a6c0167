import { useState } from 'preact/hooks';
import { formatInteger, formatRubles } from '../../format.ts';

interface Props {
  /** «Согласовать», «Не согласовать» */
  verb: string;
  rows: number;
  /** kopecks the decision moves (the rows' subsidy) */
  sum: number;
  busy: boolean;
  /** label of the reason field: «Основание» for agreeing, «Причина» for rejecting */
  reasonLabel: string;
  onConfirm: (reason: string) => Promise<boolean>;
  onCancel: () => void;
}

/**
 * The confirmation of a decision over many rows: it names how many rows and what sum it moves, and asks for the
 * basis. The server refuses such a decision without one (422) too; the form only says so first.
 */
export function ConfirmDecision({ verb, rows, sum, busy, reasonLabel, onConfirm, onCancel }: Props) {
  const [reason, setReason] = useState('');
  return (
    <form
      class="review-confirm"
      aria-label="Подтверждение решения"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) void onConfirm(reason.trim()).then((ok) => ok && setReason(''));
      }}
    >
      <span class="review-confirm__text" data-fact="confirm">
        {verb} строк: {formatInteger(rows)} на сумму {formatRubles(sum)}?
      </span>
      <label class="field field--inline review-confirm__reason">
        <span class="field__label">{reasonLabel}</span>
        <input type="text" value={reason} required maxLength={2000} autoFocus onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit" class="button button--small button--primary" disabled={busy || !reason.trim()}>
        {verb}
      </button>
      <button type="button" class="button button--small" onClick={onCancel}>
        Отмена
      </button>
    </form>
  );
}
