import { CATEGORY_TITLES } from '../../../../formulas/standards/types.ts';
import { formatInteger, formatRubles } from '../../format.ts';
import { groupKeyText, unitsText } from './group-text.ts';
import type { GroupDiff } from '../../../../formulas/standards/diff.ts';
import type { DiffSummary } from '../../../../server/contract/standards.ts';

const STATUS = { same: 'без изменений', changed: 'изменена', added: 'новая', removed: 'исчезла' } as const;
const PERIOD = { heating: 'отоп.', non_heating: 'неотоп.' } as const;
const SIZE = { '1': '1 чел.', '2': '2 чел.', '3': '3+' } as const;
const rub = (k: number | null): string => (k === null ? '—' : formatRubles(k));

/** Per-group differences of two standard sets: what moved, from what to what, higher in red and lower in green. */
export function DiffTable({ rows, total, summary }: { rows: GroupDiff[]; total: number; summary: DiffSummary }) {
  return (
    <div class="standards-diff">
      <p class="standards-note" data-testid="diff-summary">
        Групп изменилось: {formatInteger(summary.changed)}, новых: {formatInteger(summary.added)}, исчезло: {formatInteger(summary.removed)}, без изменений:{' '}
        {formatInteger(summary.same)}.{total > rows.length ? ` Показаны первые ${formatInteger(rows.length)} из ${formatInteger(total)}.` : ''}
      </p>
      {rows.length > 0 && (
        <div class="table-scroll standards-diff__scroll">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Группа</th>
                <th scope="col">Статус</th>
                <th scope="col" class="num">
                  Домов
                </th>
                <th scope="col">Тарифы и нормативы</th>
                <th scope="col">Стандарты на человека</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d, i) => (
                <tr key={`${d.from ?? ''}-${d.to ?? ''}-${i}`} data-status={d.status}>
                  <td>
                    {groupKeyText(d.key)}
                  </td>
                  <td class={`standards-diff__status standards-diff__status--${d.status}`}>{STATUS[d.status]}</td>
                  <td class="num">{d.housesFrom === d.housesTo ? formatInteger(d.housesTo) : `${formatInteger(d.housesFrom)} → ${formatInteger(d.housesTo)}`}</td>
                  <td>
                    {d.services.map((s) => (
                      <div key={s.service}>
                        {s.service}: {s.from ? `${unitsText(s.from.tariff)}/${unitsText(s.from.norm)}` : '—'} → {s.to ? `${unitsText(s.to.tariff)}/${unitsText(s.to.norm)}` : '—'}
                      </div>
                    ))}
                  </td>
                  <td>
                    <ul class="standards-diff__changes">
                      {d.standards.map((c, j) => (
                        <li key={j} class={c.from !== null && c.to !== null ? (c.to > c.from ? 'standards-diff--up' : 'standards-diff--down') : undefined}>
                          {CATEGORY_TITLES[c.category]}, {SIZE[c.n]}, {PERIOD[c.period]}: {rub(c.from)} → {rub(c.to)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
