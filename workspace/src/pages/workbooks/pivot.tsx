import { useMemo, useState } from 'preact/hooks';
import { setSheetPart } from '../../../../formulas/collab/workbook-doc.ts';
import { chartOption } from '../../../../formulas/workbook/chart.ts';
import type { Field } from '../../../../formulas/workbook/data.ts';
import { formatValue } from '../../../../formulas/workbook/format.ts';
import type { Aggregate, ChartType, SheetDef } from '../../../../formulas/workbook/types.ts';
import { AGGREGATE_TITLES, AGGREGATES, CHART_TITLES, CHART_TYPES, MAX_GROUP_BY } from '../../../../formulas/workbook/types.ts';
import { type CollabSession } from '../../collab/collab-session.ts';
import type { PlainValue, SheetView } from '../../workers/workbook/workbook-api.ts';
import { workbookClient } from '../../workers/workbook/workbook-client.ts';
import { ChartCard } from '../analytics/echart.tsx';
import { FieldSelect } from './field-select.tsx';

/** Drill-down rows a pivot cell shows. */
const DRILL_ROWS = 500;

/** A sheet's pivot: up to three fields to group by and the values to sum, count or average (live, in the shared document). */
export function PivotEditor({ session, sheet, known, editable }: { session: CollabSession; sheet: SheetDef; known: readonly Field[]; editable: boolean }) {
  const doc = session.doc;
  const pivot = sheet.pivot ?? { groupBy: [], values: [] };
  const set = (p: typeof pivot) => setSheetPart(doc, sheet.id, 'pivot', p);
  return (
    <fieldset class="wb-group">
      <legend>Сводная и диаграмма</legend>
      <span class="field__label">Группировать по (до {MAX_GROUP_BY})</span>
      {pivot.groupBy.map((g, k) => (
        <div key={k} class="wb-row">
          <FieldSelect value={g} fields={known} disabled={!editable} onChange={(v) => set({ ...pivot, groupBy: pivot.groupBy.map((x, j) => (j === k ? v : x)) })} />
          {editable && <button type="button" class="button button--quiet button--small" aria-label="Убрать группировку" onClick={() => set({ ...pivot, groupBy: pivot.groupBy.filter((_, j) => j !== k) })}>✕</button>}
        </div>
      ))}
      {editable && pivot.groupBy.length < MAX_GROUP_BY && <button type="button" class="button button--small" onClick={() => set({ ...pivot, groupBy: [...pivot.groupBy, known[0]?.name ?? ''] })}>+ группировка</button>}
      <span class="field__label">Значения</span>
      {pivot.values.map((v, k) => (
        <div key={k} class="wb-row">
          <select value={v.agg} disabled={!editable} aria-label="Итог" onChange={(e) => set({ ...pivot, values: pivot.values.map((x, j) => (j === k ? { ...x, agg: e.currentTarget.value as Aggregate } : x)) })}>
            {AGGREGATES.map((a) => <option key={a} value={a}>{AGGREGATE_TITLES[a]}</option>)}
          </select>
          <FieldSelect value={v.field} fields={known} disabled={!editable} onChange={(f) => set({ ...pivot, values: pivot.values.map((x, j) => (j === k ? { field: f, agg: x.agg } : x)) })} />
          {editable && <button type="button" class="button button--quiet button--small" aria-label="Убрать значение" onClick={() => set({ ...pivot, values: pivot.values.filter((_, j) => j !== k) })}>✕</button>}
        </div>
      ))}
      {editable && <button type="button" class="button button--small" onClick={() => set({ ...pivot, values: [...pivot.values, { field: known[0]?.name ?? '', agg: 'sum' }] })}>+ значение</button>}
      <label class="field">
        <span class="field__label">Диаграмма</span>
        <select value={sheet.chart?.type ?? ''} disabled={!editable}
          onChange={(e) => setSheetPart(doc, sheet.id, 'chart', e.currentTarget.value ? { ...sheet.chart, type: e.currentTarget.value as ChartType } : undefined)}>
          <option value="">нет</option>
          {CHART_TYPES.map((t) => <option key={t} value={t}>{CHART_TITLES[t]}</option>)}
        </select>
      </label>
      {sheet.chart && pivot.values.length > 1 && (
        <label class="field">
          <span class="field__label">Что рисовать</span>
          <select value={String(sheet.chart.value ?? 0)} disabled={!editable} onChange={(e) => setSheetPart(doc, sheet.id, 'chart', { ...(sheet.chart as NonNullable<SheetDef['chart']>), value: Number(e.currentTarget.value) })}>
            {pivot.values.map((v, k) => <option key={k} value={String(k)}>{v.title ?? `${AGGREGATE_TITLES[v.agg]}: ${v.field}`}</option>)}
          </select>
        </label>
      )}
    </fieldset>
  );
}

/** The pivot as evaluated in the worker: its table with drill-down rows per cell, and its chart. */
export function PivotPanel({ sheet, view }: { sheet: SheetDef; view: SheetView }) {
  const p = view.pivot;
  const [drill, setDrill] = useState<{ title: string; fields: Field[]; rows: PlainValue[][]; count: number } | null>(null);
  const option = useMemo(() => (p?.chart && sheet.chart ? chartOption(p.chart, { ...sheet.chart, title: undefined }) : null), [p, sheet.chart]);
  if (!p) return null;
  const valueField = (name: string): Field => view.known.find((f) => f.name === name) ?? { name, title: name, type: 'value' };
  const cell = (x: number | null, k: number) => {
    const v = p.values[k];
    return x === null ? '' : formatValue(v && v.agg !== 'count' ? valueField(v.field) : { type: 'number' }, x);
  };
  async function open(k: number) {
    const g = p?.groups[k];
    if (!g) return;
    const d = await workbookClient().drill(sheet.id, k, DRILL_ROWS);
    setDrill({ title: g.keys.map((x, j) => formatValue(p?.groupBy[j] ?? { type: 'text' }, x) || '(пусто)').join(' · '), ...d });
  }
  return (
    <>
      {option && <ChartCard title={sheet.chart?.title ?? `${sheet.title}: диаграмма`} option={option} empty={p.groups.length === 0} height={280} />}
      <section class="panel wb-pivot" aria-label="Сводная">
        <header class="wb-pivot__header">
          <h2>Сводная</h2>
          <span class="muted" data-ms={Math.round(p.ms)}>
            групп: {p.groups.length}; щелчок по строке — строки за ней
          </span>
        </header>
        <div class="table-scroll wb-pivot__scroll">
          <table class="table">
            <thead>
              <tr>
                {p.groupBy.map((g) => <th key={g.name}>{g.title}</th>)}
                {p.values.map((v, k) => <th key={k} class="cell--number">{v.title ?? `${AGGREGATE_TITLES[v.agg]}: ${valueField(v.field).title}`}</th>)}
                <th class="cell--number">Строк</th>
              </tr>
            </thead>
            <tbody>
              {p.groups.map((g, k) => (
                <tr key={k} class="wb-pivot__row" tabIndex={0} onClick={() => void open(k)} onKeyDown={(e) => e.key === 'Enter' && void open(k)}>
                  {g.keys.map((x, j) => <td key={j}>{formatValue(p.groupBy[j] ?? { type: 'text' }, x) || '(пусто)'}</td>)}
                  {g.values.map((x, j) => <td key={j} class="cell--number">{cell(x, j)}</td>)}
                  <td class="cell--number">{g.rows}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={Math.max(p.groupBy.length, 1)}>Итого</th>
                {p.total.map((x, j) => <th key={j} class="cell--number">{cell(x, j)}</th>)}
                <th class="cell--number">{view.rowCount}</th>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      {drill && (
        <section class="panel" aria-label="Строки за ячейкой">
          <header class="wb-pivot__header">
            <h2>Строки: {drill.title}</h2>
            <span class="muted">{drill.count > drill.rows.length ? `первые ${drill.rows.length} из ${drill.count}` : `${drill.count}`}</span>
            <button type="button" class="button button--small" onClick={() => setDrill(null)}>Закрыть</button>
          </header>
          <div class="table-scroll">
            <table class="table">
              <thead><tr>{drill.fields.map((f) => <th key={f.name}>{f.title}</th>)}</tr></thead>
              <tbody>{drill.rows.map((r, k) => <tr key={k}>{r.map((x, j) => <td key={j}>{formatValue(drill.fields[j] ?? { type: 'text' }, x)}</td>)}</tr>)}</tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

