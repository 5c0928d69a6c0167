import { useState } from 'preact/hooks';
import { formatInteger, formatRubles } from '../../format.ts';
import { ConfirmDecision } from './confirm-decision.tsx';
import type { Command } from './use-review.ts';

interface Props {
  /** rowNo of the ticked rows */
  selected: number[];
  /** kopecks: the ticked rows' subsidy */
  selectedSum: number;
  busy: boolean;
  onCommand: (c: Command) => Promise<boolean>;
}

/** One decision for every ticked row: the confirmation names the rows and the sum and asks for the basis. */
export function BulkBar({ selected, selectedSum, busy, onCommand }: Props) {
  const [deciding, setDeciding] = useState<'Согласован' | 'Не согласован' | null>(null);
  if (selected.length === 0) return <p class="muted review-bulk review-bulk--empty">Отметьте строки флажками, чтобы принять решение сразу по нескольким.</p>;
  return (
    <div class="review-bulk" role="group" aria-label="Решение по выбранным строкам">
      <span class="review-bulk__count">
        Выбрано строк: {formatInteger(selected.length)} на {formatRubles(selectedSum)}
      </span>
      {deciding === null ? (
        <>
          <button type="button" class="button button--small button--primary" disabled={busy} onClick={() => setDeciding('Согласован')}>
            Согласовать выбранные
          </button>
          <button type="button" class="button button--small" disabled={busy} onClick={() => setDeciding('Не согласован')}>
            Не согласовать выбранные
          </button>
        </>
      ) : (
        <ConfirmDecision
          verb={deciding === 'Согласован' ? 'Согласовать' : 'Не согласовать'}
          reasonLabel={deciding === 'Согласован' ? 'Основание' : 'Причина'}
          rows={selected.length}
          sum={selectedSum}
          busy={busy}
          onCancel={() => setDeciding(null)}
          onConfirm={async (reason) => {
            const ok = await onCommand({ kind: 'decide', rows: selected, decision: deciding, reason });
            if (ok) setDeciding(null);
            return ok;
          }}
        />
      )}
    </div>
  );
}
