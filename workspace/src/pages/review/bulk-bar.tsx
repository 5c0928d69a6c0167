import { useState } from 'preact/hooks';
import { formatInteger } from '../../format.ts';
import type { Command } from './use-review.ts';

interface Props {
  /** rowNo of the ticked rows */
  selected: number[];
  busy: boolean;
  onCommand: (c: Command) => Promise<boolean>;
}

/** One decision for every ticked row; rejecting asks for the reason first. */
export function BulkBar({ selected, busy, onCommand }: Props) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  if (selected.length === 0) return <p class="muted review-bulk review-bulk--empty">Отметьте строки флажками, чтобы принять решение сразу по нескольким.</p>;
  const decide = async (decision: 'Согласован' | 'Не согласован'): Promise<void> => {
    const ok = await onCommand({ kind: 'decide', rows: selected, decision, ...(decision === 'Не согласован' ? { reason: reason.trim() } : {}) });
    if (ok) {
      setRejecting(false);
      setReason('');
    }
  };
  return (
    <form
      class="review-bulk"
      aria-label="Решение по выбранным строкам"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) void decide('Не согласован');
      }}
    >
      <span class="review-bulk__count">Выбрано строк: {formatInteger(selected.length)}</span>
      {!rejecting ? (
        <>
          <button type="button" class="button button--small button--primary" disabled={busy} onClick={() => void decide('Согласован')}>
            Согласовать выбранные
          </button>
          <button type="button" class="button button--small" disabled={busy} onClick={() => setRejecting(true)}>
            Не согласовать выбранные
          </button>
        </>
      ) : (
        <>
          <label class="field field--inline review-bulk__reason">
            <span class="field__label">Причина</span>
            <input type="text" value={reason} required onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button button--small button--primary" disabled={busy || !reason.trim()}>
            Не согласовать
          </button>
          <button type="button" class="button button--small" onClick={() => setRejecting(false)}>
            Отмена
          </button>
        </>
      )}
    </form>
  );
}
