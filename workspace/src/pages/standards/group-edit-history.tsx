import { formatDateTime, formatInteger } from '../../format.ts';
import { groupKeyText, unitsText } from './group-text.ts';
import type { GroupEditRecord } from '../../../../server/contract/standards.ts';

/** The tariffs and norms analysts saved from group sheets, newest first, with who, when and why. */
export function GroupEditHistory({ rows }: { rows: readonly GroupEditRecord[] }) {
  if (rows.length === 0) return null;
  return (
    <details class="standards-history panel" data-testid="edit-history">
      <summary>Сохранённые изменения тарифов и нормативов групп ({formatInteger(rows.length)})</summary>
      <table class="standards-history__table">
        <thead>
          <tr>
            <th scope="col">Когда</th>
            <th scope="col">Кто</th>
            <th scope="col">Группа</th>
            <th scope="col">Изменения</th>
            <th scope="col">Домов</th>
            <th scope="col">Основание</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((h) => (
            <tr key={h.edit}>
              <td>{formatDateTime(h.at)}</td>
              <td>{h.by ?? '—'}</td>
              <td>{h.key ? groupKeyText(h.key) : h.group_id}</td>
              <td>{h.changes.map((c) => `${c.service} ${c.field === 'tariff' ? 'тариф' : 'норматив'} ${unitsText(Math.round(Number(c.old) * 10_000))} → ${unitsText(Math.round(Number(c.new) * 10_000))}`).join('; ')}</td>
              <td>{formatInteger(h.houses)}</td>
              <td>{h.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
