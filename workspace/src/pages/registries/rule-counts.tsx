import { formatInteger } from '../../format.ts';
import type { RuleSummary } from './registry-rows.ts';

interface Props {
  rules: RuleSummary[];
  /** Index of the rule the grid shows failing rows of; null = every row. */
  filter: number | null;
  onFilter: (rule: number | null) => void;
  /** A re-check is running: these counts are the previous run's. */
  busy: boolean;
}

/** How many rows failed each check; a click shows only those rows in the grid. */
export function RuleCounts({ rules, filter, onFilter, busy }: Props) {
  return (
    <section class="panel rule-counts" aria-labelledby="rule-counts-title">
      <div class="rule-counts__head">
        <h2 id="rule-counts-title">Результаты проверок по правилам</h2>
        <p class="muted">Нажмите на правило, чтобы показать строки, которые его не прошли.</p>
      </div>
      <ul class="rule-counts__list" aria-busy={busy}>
        {rules.map((r) => {
          const active = filter === r.index;
          return (
            <li key={r.index}>
              <button
                type="button"
                class={`rule-count${r.failed > 0 ? (r.severity === 'warning' ? ' rule-count--warning' : ' rule-count--failed') : ''}`}
                aria-pressed={active}
                data-rule={r.number}
                onClick={() => onFilter(active ? null : r.index)}
              >
                <span class="rule-count__number">#{r.number}</span>
                <span class="rule-count__title">
                  {r.title}
                  {r.severity === 'warning' && <span class="tag">предупреждение</span>}
                </span>
                <span class="rule-count__failed" title="Строк, не прошедших проверку">
                  {formatInteger(r.failed)}
                </span>
                <span class="rule-count__skipped" title="Строк, где проверка пропущена">
                  {r.skipped > 0 ? `пропущена: ${formatInteger(r.skipped)}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
