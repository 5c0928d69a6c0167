import { useEffect, useState } from 'preact/hooks';
import type { FieldChange } from '../../../../formulas/standards/house-changes.ts';
import type { StandardGroup } from '../../../../formulas/standards/types.ts';
import type { ChangeReportPage as Report, HouseChangeRow as Row } from '../../../../server/contract/reference.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { countWord, formatDateTime, formatDecimal, formatInteger, formatRubles, HOUSE_WORDS } from '../../format.ts';
import { ErrorLine } from '../../error-line.tsx';
import { followLink } from '../../router.ts';
import { groupKeyText } from '../standards/group-text.ts';
import './changes.css';

type Change = FieldChange;

const PAGE = 100;
const STATUS = { passed: 'пройдена', failed: 'не пройдена', skipped: 'не проверялась' } as const;
const NUMERIC = new Set(['area', 'residents']);

interface Filter {
  district: string;
  field: string;
  group: boolean;
}

/** A value as people read it: areas with a decimal comma, dates as ДД.ММ.ГГГГ, empty as a dash. */
function valueText(c: Change, v: string | null): string {
  if (v === null) return '—';
  if (NUMERIC.has(c.field)) return c.field === 'area' ? formatDecimal(v) : formatInteger(Number(v));
  if (c.field === 'commissioned') return v.split('-').reverse().join('.');
  return v;
}

function queryOf(f: Filter): Record<string, string> {
  return { ...(f.district ? { district: f.district } : {}), ...(f.field ? { field: f.field } : {}), ...(f.group ? { group: '1' } : {}) };
}

function GroupCell({ row, groups }: { row: Row; groups: Record<string, StandardGroup> }) {
  if (!row.group_changed) return <span class="muted">—</span>;
  const side = (id: string | null, label: string) => {
    const g = id ? groups[id] : undefined;
    const s = g?.standards?.owner['1'];
    return (
      <div class="changes-group">
        <span class="changes-group__label">{label}</span> {g ? groupKeyText(g.key) : '—'}
        <div class="muted">{s ? `собственник, 1 чел.: ${formatRubles(s.heating)} / ${formatRubles(s.non_heating)}` : (g?.reason ?? 'стандарт не рассчитан')}</div>
      </div>
    );
  };
  return (
    <>
      {side(row.group_before, 'было:')}
      {side(row.group_after, 'стало:')}
    </>
  );
}

/** «Изменения характеристик домов» of one houses or ГИС ЖКХ import: filters, the houses page by page, .xlsx export. */
export function ChangeReportPage({ batchId }: { batchId: number }) {
  const [filter, setFilter] = useState<Filter>({ district: '', field: '', group: false });
  const [report, setReport] = useState<Report | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [groups, setGroups] = useState<Record<string, StandardGroup>>({});
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = (offset: number, live: () => boolean): void => {
    setLoading(true);
    unwrap(api.reference.changes[':id'].$get({ param: { id: String(batchId) }, query: { ...queryOf(filter), offset: String(offset), limit: String(PAGE) } })).then(
      (r) => {
        if (!live()) return;
        setReport(r);
        setRows((prev) => (offset === 0 ? r.rows : [...prev, ...r.rows]));
        setGroups((prev) => (offset === 0 ? r.groups : { ...prev, ...r.groups }));
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live()) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    let live = true;
    load(0, () => live);
    return () => {
      live = false;
    };
    // `load` reads the filter these name
  }, [batchId, filter.district, filter.field, filter.group]);

  const s = report?.summary;
  const exportHref = `/api/reference/changes/${batchId}/export.xlsx?${new URLSearchParams(queryOf(filter)).toString()}`;
  return (
    <section class="page changes" aria-labelledby="page-title">
      <header class="page__header">
        <div>
          <a class="changes__back" href="/reference" onClick={followLink}>
            ← Справочники
          </a>
          <h1 id="page-title">Изменения характеристик домов</h1>
          {report && (
            <p class="muted">
              Загрузка № {report.batch.id} от {formatDateTime(report.batch.imported_at)}: {report.batch.kind === 'houses' ? 'реестр домов' : 'выгрузка ГИС ЖКХ'}, файл «{report.batch.file_name}»
              {report.batch.actor ? `, загрузил ${report.batch.actor}` : ''}. Было записей {formatInteger(report.batch.previous_rows)}, стало {formatInteger(report.batch.rows)}; прежняя версия сохранена.
            </p>
          )}
        </div>
        <a class="button" href={exportHref} download>
          Экспорт в Excel
        </a>
      </header>
      {s && (
        <ul class="changes-summary" aria-label="Итоги">
          <li>
            <b>{formatInteger(s.houses_changed)}</b> {countWord(s.houses_changed, HOUSE_WORDS)} с изменениями
          </li>
          <li>
            <b>{formatInteger(s.added)}</b> добавлено
          </li>
          <li>
            <b>{formatInteger(s.removed)}</b> удалено
          </li>
          <li>
            <b>{formatInteger(s.groups_changed)}</b> сменили группу стандартов
          </li>
          <li>
            <b>{formatInteger(s.checks_changed)}</b> с изменившимся результатом проверок
          </li>
        </ul>
      )}
      <div class="panel changes-filters">
        <div class="field field--inline">
          <label class="field__label" for="ch-district">
            Район
          </label>
          <select id="ch-district" value={filter.district} onChange={(e) => setFilter({ ...filter, district: e.currentTarget.value })}>
            <option value="">Все</option>
            {report?.districts.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div class="field field--inline">
          <label class="field__label" for="ch-field">
            Поле
          </label>
          <select id="ch-field" value={filter.field} onChange={(e) => setFilter({ ...filter, field: e.currentTarget.value })}>
            <option value="">Любое</option>
            {report?.fields.map((f) => (
              <option key={f.key} value={f.key}>
                {f.title}
              </option>
            ))}
          </select>
        </div>
        <label class="changes-filters__check">
          <input type="checkbox" checked={filter.group} onChange={(e) => setFilter({ ...filter, group: e.currentTarget.checked })} /> Только сменившие группу
        </label>
        {report && <span class="muted">Под отбор: {formatInteger(report.total)} {countWord(report.total, HOUSE_WORDS)}</span>}
      </div>
      {error && <ErrorLine>{error}</ErrorLine>}
      <div class="changes-table">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Дом</th>
              <th scope="col">Район</th>
              <th scope="col">Что изменилось</th>
              <th scope="col">Группа стандартов</th>
              <th scope="col">Проверки</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.fias_id} data-fias={r.fias_id}>
                <td>
                  {r.address || <span class="muted">нет в реестре домов</span>}
                  <div class="changes-fias">{r.fias_id}</div>
                </td>
                <td>{r.municipal_district || '—'}</td>
                <td>
                  <ul class="changes-list">
                    {r.added && <li class="changes-list__added">Дом добавлен</li>}
                    {r.removed && <li class="changes-list__removed">Дом удален</li>}
                    {r.changes.map((c) => (
                      <li key={`${c.source}.${c.field}`}>
                        <span class="changes-list__field">{report?.fields.find((f) => f.key === `${c.source}.${c.field}`)?.title ?? c.field}:</span> {valueText(c, c.before)} →{' '}
                        <b>{valueText(c, c.after)}</b>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <GroupCell row={r} groups={groups} />
                </td>
                <td>
                  {r.checks.length === 0 ? (
                    <span class="muted">—</span>
                  ) : (
                    <ul class="changes-list">
                      {r.checks.map((c) => (
                        <li key={c.id} title={c.after.reason || c.before.reason}>
                          {c.title}: {STATUS[c.before.status]} → <b class={`changes-check--${c.after.status}`}>{STATUS[c.after.status]}</b>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {report && rows.length === 0 && !loading && <p class="muted changes-empty">Под отбор не попал ни один дом.</p>}
      </div>
      {report && rows.length < report.total && (
        <button type="button" class="button" disabled={loading} onClick={() => load(rows.length, () => true)}>
          {loading ? 'Загрузка…' : `Показать ещё (${formatInteger(report.total - rows.length)})`}
        </button>
      )}
    </section>
  );
}
