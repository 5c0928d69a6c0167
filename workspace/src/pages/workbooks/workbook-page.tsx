import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Presence } from '../../../../formulas/collab/shared-doc.ts';
import { workbookDocName } from '../../../../formulas/collab/shared-doc.ts';
import { addFormula, addSheet, moveSheet, removeFormula, removeSheet, setFormula, setSheetPart, setSheetTitle, workbookOfDoc, workbookRootOf } from '../../../../formulas/collab/workbook-doc.ts';
import { chartOption } from '../../../../formulas/workbook/chart.ts';
import type { Field } from '../../../../formulas/workbook/data.ts';
import { checkFormula } from '../../../../formulas/workbook/evaluate.ts';
import { formatValue } from '../../../../formulas/workbook/format.ts';
import { readWorkbook } from '../../../../formulas/workbook/schema.ts';
import { SOURCE_FIELDS } from '../../../../formulas/workbook/sources.ts';
import type { Aggregate, ChartType, FilterOp, SheetDef, SourceDef, SourceKind, WorkbookDef } from '../../../../formulas/workbook/types.ts';
import { AGGREGATE_TITLES, AGGREGATES, CHART_TITLES, CHART_TYPES, FILTER_OP_TITLES, FILTER_OPS, MAX_GROUP_BY, SOURCE_KINDS, SOURCE_TITLES } from '../../../../formulas/workbook/types.ts';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { WorkbookDetail } from '../../../../server/contract/workbooks.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { openCollab, type CollabSession } from '../../collab/collab-session.ts';
import { CONNECTION_TEXT } from '../../collab/connection-state.ts';
import { ErrorLine } from '../../error-line.tsx';
import { useAgGrid } from '../../grid/use-ag-grid.ts';
import { useStore } from '../../store.ts';
import type { PlainValue, SheetView, WorkbookEvaluation } from '../../workers/workbook/workbook-api.ts';
import { workbookClient } from '../../workers/workbook/workbook-client.ts';
import { ChartCard } from '../analytics/echart.tsx';
import { canEditWorkbooks } from '../../roles.ts';
import './workbooks.css';

/** Rows of a sheet the page shows (the pivot and the export see all of them). */
const SHOWN_ROWS = 5_000;
const one = () => api.workbooks[':id{[0-9]+}'];
const DRILL_ROWS = 500;
const today = (): string => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** The fields of a source as the menus offer them (another sheet's: its last evaluated columns). */
function sourceFieldsOf(sheet: SheetDef, evaluation: WorkbookEvaluation | null): readonly Field[] {
  if (sheet.source.kind !== 'sheet') return SOURCE_FIELDS[sheet.source.kind];
  const from = sheet.source.sheet;
  return evaluation?.sheets.find((s) => s.id === from)?.fields ?? [];
}

/** The source's filter inputs, by kind. */
const SOURCE_INPUTS: Record<Exclude<SourceKind, 'sheet'>, { key: string; label: string; placeholder?: string }[]> = {
  registry_rows: [
    { key: 'from', label: 'С периода', placeholder: 'ГГГГ-ММ' }, { key: 'to', label: 'По период', placeholder: 'ГГГГ-ММ' },
    { key: 'service', label: 'Услуга' }, { key: 'rso_inn', label: 'ИНН РСО' }, { key: 'district', label: 'Район' },
    { key: 'status', label: 'Статус реестра' }, { key: 'failed_check', label: 'Не пройдена проверка' },
  ],
  houses: [{ key: 'district', label: 'Район' }, { key: 'service', label: 'Услуга' }],
  bptr: [{ key: 'service', label: 'Услуга' }, { key: 'rso_inn', label: 'ИНН РСО' }, { key: 'district', label: 'Район' }, { key: 'valid_on', label: 'Действует на', placeholder: 'ГГГГ-ММ-ДД' }],
  registries: [
    { key: 'from', label: 'С периода', placeholder: 'ГГГГ-ММ' }, { key: 'to', label: 'По период', placeholder: 'ГГГГ-ММ' },
    { key: 'service', label: 'Услуга' }, { key: 'rso_inn', label: 'ИНН РСО' }, { key: 'district', label: 'Район' }, { key: 'status', label: 'Статус' },
  ],
};

function usePresence(session: CollabSession): Presence[] {
  const [people, setPeople] = useState<Presence[]>([]);
  useEffect(() => {
    const read = () => {
      const seen = new Map<string, Presence>();
      for (const s of session.awareness.getStates().values()) {
        const p = s as Presence | null;
        if (p?.user?.login) seen.set(p.user.login, p);
      }
      setPeople([...seen.values()]);
    };
    read();
    session.awareness.on('change', read);
    return () => session.awareness.off('change', read);
  }, [session]);
  return people;
}

/**
 * One workbook: its definition is the shared document `workbook:<id>` (analysts edit it together and see each
 * other; others watch), its data is read per sheet from the server and evaluated in the workbook worker.
 */
export function WorkbookPage({ user, workbookId }: { user: SessionUser; workbookId: number }) {
  const editor = canEditWorkbooks(user.role);
  const session = useMemo(() => openCollab(workbookDocName(workbookId), user, { writable: editor }), [workbookId]);
  useEffect(() => () => session.close(), [session]);
  const connection = useStore(session.connection);
  const people = usePresence(session);
  const [detail, setDetail] = useState<WorkbookDetail | null>(null);
  const [def, setDef] = useState<WorkbookDef | null>(null);
  const [defProblem, setDefProblem] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [evaluation, setEvaluation] = useState<WorkbookEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [refused, setRefused] = useState<Record<string, string>>({});

  useEffect(() => {
    unwrap(one().$get({ param: { id: String(workbookId) } })).then(setDetail, (e: unknown) => setError(userMessage(e)));
  }, [workbookId]);

  // the definition follows the shared document
  useEffect(() => {
    const root = workbookRootOf(session.doc);
    const read = () => {
      if (!root.get('sheets')) return;
      const r = readWorkbook(workbookOfDoc(session.doc));
      if (r.ok) {
        setDef(r.value);
        setDefProblem(null);
      } else setDefProblem(r.message);
    };
    read();
    root.observeDeep(read);
    return () => root.unobserveDeep(read);
  }, [session]);

  const sheet = def?.sheets.find((s) => s.id === active) ?? def?.sheets[0] ?? null;

  // sources loaded once per source, then everything evaluated in the worker
  const run = useRef(0);
  useEffect(() => {
    if (!def) return;
    const mine = ++run.current;
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const worker = workbookClient();
          const kept = await worker.loaded();
          const missing = def.sheets.filter((s) => s.source.kind !== 'sheet' && kept[s.id] !== JSON.stringify(s.source));
          if (missing.length > 0) setLoading(true);
          for (const s of missing) {
            const answer = await unwrap(api.workbooks.source.$post({ json: { definition: def, sheet: s.id } }));
            await worker.load(s.id, JSON.stringify(s.source), answer.data);
            setRefused((r) => {
              const next = { ...r };
              if (answer.refused) next[s.id] = answer.refused;
              else delete next[s.id];
              return next;
            });
          }
          const e = await worker.evaluate(def, today(), SHOWN_ROWS);
          if (mine === run.current) {
            setEvaluation(e);
            setError(null);
          }
        } catch (e) {
          if (mine === run.current) setError(userMessage(e));
        } finally {
          if (mine === run.current) setLoading(false);
        }
      })();
    }, 150);
    return () => clearTimeout(timer);
  }, [def]);

  async function saveVersion() {
    const r = readWorkbook(workbookOfDoc(session.doc));
    if (!r.ok) return setError(r.message);
    try {
      const saved = await unwrap(one().versions.$post({ param: { id: String(workbookId) }, json: { definition: r.value } }));
      setDetail(saved);
      setNotice(`Сохранена версия ${saved.version}`);
    } catch (e) {
      setError(userMessage(e));
    }
  }

  async function pin() {
    if (!sheet) return;
    try {
      await unwrap(one().tiles.$post({ param: { id: String(workbookId) }, json: { sheet: sheet.id } }));
      setNotice('Диаграмма закреплена на странице «Аналитика» (из сохранённой версии)');
    } catch (e) {
      setError(userMessage(e));
    }
  }

  function newSheet() {
    if (!def) return;
    let n = def.sheets.length + 1;
    while (def.sheets.some((s) => s.id === `sheet${n}`)) n++;
    addSheet(session.doc, { id: `sheet${n}`, title: `Лист ${n}`, source: { kind: 'registry_rows' }, columns: [], formulas: [], filters: [], sorts: [] });
    setActive(`sheet${n}`);
  }

  const view = evaluation?.sheets.find((s) => s.id === sheet?.id) ?? null;
  return (
    <section class="page page--workbook" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">{def?.title ?? detail?.title ?? 'Рабочая книга'}</h1>
        <div class="wb-presence" aria-label="Кто в книге">
          <span class="muted">{CONNECTION_TEXT[connection]}</span>
          {people.map((p) => (
            <span key={p.user.login} class="wb-person" style={{ borderColor: p.user.color }} title={`${p.user.name}${p.watcher ? ' (просмотр)' : ''}`}>
              {p.user.name}
              {p.watcher ? ' 👁' : ''}
            </span>
          ))}
        </div>
      </header>
      <div class="wb-toolbar">
        {detail && <span class="muted">Версия {detail.version}{detail.savedBy ? `, ${detail.savedBy}` : ''}</span>}
        {editor ? (
          <>
            <button type="button" class="button button--primary" onClick={() => void saveVersion()} disabled={!def}>Сохранить версию</button>
            <button type="button" class="button" onClick={() => void pin()} disabled={!sheet?.chart}>Закрепить диаграмму на «Аналитике»</button>
          </>
        ) : (
          <span class="muted">Только просмотр: изменять книги могут аналитики и администраторы</span>
        )}
        <a class="button" href={`/api/workbooks/${workbookId}/export.xlsx`} download title="Сохранённая версия книги: столбцы-формулы — живые формулы Excel">Экспорт в Excel</a>
        {loading && <span class="muted">Загрузка данных…</span>}
      </div>
      {error && <ErrorLine>{error}</ErrorLine>}
      {defProblem && <ErrorLine>{defProblem}</ErrorLine>}
      {notice && <p class="message message--success" role="status">{notice}</p>}
      {session.doc && def && (
        <nav class="wb-tabs" aria-label="Листы">
          {def.sheets.map((s) => (
            <button key={s.id} type="button" class={`wb-tab${s.id === sheet?.id ? ' wb-tab--active' : ''}`} aria-pressed={s.id === sheet?.id} onClick={() => setActive(s.id)}>
              {s.title}
            </button>
          ))}
          {editor && <button type="button" class="wb-tab wb-tab--add" onClick={newSheet} title="Новый лист">+ лист</button>}
        </nav>
      )}
      {!def && <p class="page-loading">Загрузка книги…</p>}
      {def && sheet && (
        <SheetEditor key={sheet.id} session={session} def={def} sheet={sheet} view={view} evaluation={evaluation} editable={editor} refused={refused[sheet.id] ?? null} />
      )}
    </section>
  );
}

interface SheetProps {
  session: CollabSession;
  def: WorkbookDef;
  sheet: SheetDef;
  view: SheetView | null;
  evaluation: WorkbookEvaluation | null;
  editable: boolean;
  refused: string | null;
}

function SheetEditor({ session, def, sheet, view, evaluation, editable, refused }: SheetProps) {
  const doc = session.doc;
  const fields = sourceFieldsOf(sheet, evaluation);
  const known = view?.known.length ? view.known : [...fields, ...sheet.formulas.map((f): Field => ({ name: f.name, title: f.title ?? f.name, type: 'value' }))];
  const names = known.map((f) => f.name);
  const problems = (view?.problems ?? []).filter((p) => p.part !== 'formula');
  return (
    <div class="wb-sheet">
      <aside class="wb-definition panel" aria-label="Описание листа">
        <label class="field">
          <span class="field__label">Название листа</span>
          <input value={sheet.title} disabled={!editable} onChange={(e) => setSheetTitle(doc, sheet.id, e.currentTarget.value)} />
        </label>
        {editable && (
          <div class="wb-row">
            <button type="button" class="button button--small" disabled={def.sheets[0]?.id === sheet.id} onClick={() => moveSheet(doc, sheet.id, def.sheets.findIndex((s) => s.id === sheet.id) - 1)}>← Сдвинуть лист</button>
            <button type="button" class="button button--small" disabled={def.sheets.length < 2 || def.sheets.some((s) => s.source.kind === 'sheet' && s.source.sheet === sheet.id)}
              title="Лист, из которого читает другой лист, не удаляется" onClick={() => removeSheet(doc, sheet.id)}>Удалить лист</button>
          </div>
        )}
        <SourceEditor doc={session} def={def} sheet={sheet} editable={editable} />
        <details class="wb-group wb-columns">
          <summary>Столбцы источника: {sheet.columns.length === 0 ? 'все' : sheet.columns.length}</summary>
          {fields.map((f) => {
            const on = sheet.columns.length === 0 || sheet.columns.includes(f.name);
            return (
              <label key={f.name} class="field--inline">
                <input type="checkbox" checked={on} disabled={!editable}
                  onChange={(e) => {
                    const current = sheet.columns.length === 0 ? fields.map((x) => x.name) : sheet.columns;
                    const next = e.currentTarget.checked ? fields.map((x) => x.name).filter((n) => n === f.name || current.includes(n)) : current.filter((n) => n !== f.name);
                    setSheetPart(doc, sheet.id, 'columns', next.length === fields.length ? [] : next);
                  }} />
                {f.title} <span class="muted">[{f.name}]</span>
              </label>
            );
          })}
        </details>
        <fieldset class="wb-group">
          <legend>Столбцы-формулы</legend>
          {sheet.formulas.map((f, k) => (
            <FormulaRow key={k} session={session} sheetId={sheet.id} index={k} name={f.name} formula={f.formula} fields={[...fields.map((x) => x.name), ...sheet.formulas.slice(0, k).map((x) => x.name)]} editable={editable} />
          ))}
          {editable && (
            <button type="button" class="button button--small" onClick={() => addFormula(doc, sheet.id, { name: `f${sheet.formulas.length + 1}`, formula: '=' })}>+ формула</button>
          )}
        </fieldset>
        <fieldset class="wb-group">
          <legend>Фильтры</legend>
          {sheet.filters.map((f, k) => (
            <div key={k} class="wb-row">
              <FieldSelect value={f.field} fields={known} disabled={!editable} onChange={(v) => setSheetPart(doc, sheet.id, 'filters', sheet.filters.map((x, j) => (j === k ? { ...x, field: v } : x)))} />
              <select value={f.op} disabled={!editable} onChange={(e) => setSheetPart(doc, sheet.id, 'filters', sheet.filters.map((x, j) => (j === k ? { ...x, op: e.currentTarget.value as FilterOp } : x)))}>
                {FILTER_OPS.map((op) => <option key={op} value={op}>{FILTER_OP_TITLES[op]}</option>)}
              </select>
              {f.op !== 'empty' && f.op !== 'not_empty' && (
                <input class="wb-value" value={String(f.value ?? '')} disabled={!editable} aria-label="Значение фильтра"
                  onChange={(e) => setSheetPart(doc, sheet.id, 'filters', sheet.filters.map((x, j) => (j === k ? { ...x, value: e.currentTarget.value } : x)))} />
              )}
              {editable && <button type="button" class="button button--quiet button--small" aria-label="Убрать фильтр" onClick={() => setSheetPart(doc, sheet.id, 'filters', sheet.filters.filter((_, j) => j !== k))}>✕</button>}
            </div>
          ))}
          {editable && <button type="button" class="button button--small" onClick={() => setSheetPart(doc, sheet.id, 'filters', [...sheet.filters, { field: names[0] ?? '', op: 'not_empty' }])}>+ фильтр</button>}
        </fieldset>
        <fieldset class="wb-group">
          <legend>Сортировка</legend>
          {sheet.sorts.map((s, k) => (
            <div key={k} class="wb-row">
              <FieldSelect value={s.field} fields={known} disabled={!editable} onChange={(v) => setSheetPart(doc, sheet.id, 'sorts', sheet.sorts.map((x, j) => (j === k ? { ...x, field: v } : x)))} />
              <label class="field--inline">
                <input type="checkbox" checked={s.desc === true} disabled={!editable} onChange={(e) => setSheetPart(doc, sheet.id, 'sorts', sheet.sorts.map((x, j) => (j === k ? { ...x, desc: e.currentTarget.checked } : x)))} />
                по убыванию
              </label>
              {editable && <button type="button" class="button button--quiet button--small" aria-label="Убрать сортировку" onClick={() => setSheetPart(doc, sheet.id, 'sorts', sheet.sorts.filter((_, j) => j !== k))}>✕</button>}
            </div>
          ))}
          {editable && <button type="button" class="button button--small" onClick={() => setSheetPart(doc, sheet.id, 'sorts', [...sheet.sorts, { field: names[0] ?? '' }])}>+ сортировка</button>}
        </fieldset>
        <PivotEditor session={session} sheet={sheet} known={known} editable={editable} />
      </aside>
      <div class="wb-results">
        {refused && <ErrorLine>{refused}</ErrorLine>}
        {problems.map((p, k) => <ErrorLine key={k}>{p.message}</ErrorLine>)}
        {view?.pivot && <PivotPanel sheet={sheet} view={view} />}
        <RowsGrid view={view} />
      </div>
    </div>
  );
}

function FieldSelect({ value, fields, onChange, disabled }: { value: string; fields: readonly Field[]; onChange: (v: string) => void; disabled: boolean }) {
  return (
    <select value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)} aria-label="Поле">
      {!fields.some((f) => f.name === value) && <option value={value}>{value || '—'}</option>}
      {fields.map((f) => <option key={f.name} value={f.name}>{f.title === f.name ? f.name : `${f.title} [${f.name}]`}</option>)}
    </select>
  );
}

function SourceEditor({ doc: session, def, sheet, editable }: { doc: CollabSession; def: WorkbookDef; sheet: SheetDef; editable: boolean }) {
  const doc = session.doc;
  const src = sheet.source;
  const set = (s: SourceDef) => setSheetPart(doc, sheet.id, 'source', s);
  const others = def.sheets.filter((s) => s.id !== sheet.id);
  return (
    <fieldset class="wb-group">
      <legend>Источник</legend>
      <select value={src.kind} disabled={!editable} aria-label="Источник"
        onChange={(e) => {
          const kind = e.currentTarget.value as SourceKind;
          set(kind === 'sheet' ? { kind, sheet: others[0]?.id ?? '' } : ({ kind } as SourceDef));
        }}>
        {SOURCE_KINDS.map((k) => <option key={k} value={k} disabled={k === 'sheet' && others.length === 0}>{SOURCE_TITLES[k]}</option>)}
      </select>
      {src.kind === 'sheet' ? (
        <select value={src.sheet} disabled={!editable} aria-label="Лист-источник" onChange={(e) => set({ kind: 'sheet', sheet: e.currentTarget.value })}>
          {others.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      ) : (
        <div class="wb-source-inputs">
          {SOURCE_INPUTS[src.kind].map((i) => (
            <label key={i.key} class="field">
              <span class="field__label">{i.label}</span>
              <input value={(src as unknown as Record<string, string | undefined>)[i.key] ?? ''} placeholder={i.placeholder} disabled={!editable}
                onChange={(e) => {
                  const v = e.currentTarget.value.trim();
                  const next = { ...(src as unknown as Record<string, string>) };
                  if (v) next[i.key] = v;
                  else delete next[i.key];
                  set(next as unknown as SourceDef);
                }} />
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** A formula column: checked as it is typed against the fields it may name, the error with its position. */
function FormulaRow({ session, sheetId, index, name, formula, fields, editable }: { session: CollabSession; sheetId: string; index: number; name: string; formula: string; fields: string[]; editable: boolean }) {
  const [text, setText] = useState(formula);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(formula);
  }, [formula]);
  const problem = text.trim() === '' || text.trim() === '=' ? null : checkFormula(text, fields);
  const commit = (t: string) => {
    if (t !== formula) setFormula(session.doc, sheetId, index, { formula: t });
  };
  return (
    <div class="wb-formula">
      <div class="wb-row">
        <input class="wb-name" value={name} disabled={!editable} aria-label="Имя столбца" onChange={(e) => setFormula(session.doc, sheetId, index, { name: e.currentTarget.value.trim() })} />
        <input class={`wb-formula__text${problem ? ' wb-formula__text--bad' : ''}`} value={text} disabled={!editable} aria-label={`Формула [${name}]`} aria-invalid={problem ? 'true' : undefined}
          spellcheck={false}
          onFocus={() => (focused.current = true)}
          onBlur={(e) => {
            focused.current = false;
            commit(e.currentTarget.value);
          }}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && commit(e.currentTarget.value)} />
        {editable && <button type="button" class="button button--quiet button--small" aria-label={`Убрать столбец [${name}]`} onClick={() => removeFormula(session.doc, sheetId, index)}>✕</button>}
      </div>
      {problem && <p class="field__error" role="alert">Позиция {problem.position}: {problem.message}</p>}
    </div>
  );
}

function PivotEditor({ session, sheet, known, editable }: { session: CollabSession; sheet: SheetDef; known: readonly Field[]; editable: boolean }) {
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

function PivotPanel({ sheet, view }: { sheet: SheetDef; view: SheetView }) {
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

type GridRow = Record<string, PlainValue>;

function RowsGrid({ view }: { view: SheetView | null }) {
  const { host, grid } = useAgGrid<GridRow>(() => ({ columnDefs: [], rowData: [], defaultColDef: { sortable: false, resizable: true, minWidth: 90 } }));
  useEffect(() => {
    const g = grid.current;
    if (!g || !view) return;
    const cols: ColDef<GridRow>[] = view.fields.map((f, k) => ({
      colId: f.name,
      headerName: f.title,
      headerTooltip: `[${f.name}]`,
      valueGetter: (p) => p.data?.[`c${k}`] ?? null,
      valueFormatter: (p) => formatValue(f, (p.value as PlainValue) ?? null),
      cellClass: f.type === 'number' || f.type === 'value' ? 'cell--number' : undefined,
    }));
    g.setGridOption('columnDefs', cols);
    g.setGridOption('rowData', view.rows.map((r) => Object.fromEntries(r.map((x, k) => [`c${k}`, x]))));
  }, [view]);
  return (
    <section class="panel wb-rows" aria-label="Строки листа">
      <header class="wb-pivot__header">
        <h2>Строки</h2>
        {view && <span class="muted">{view.rowCount} из {view.sourceCount}{view.rowCount > view.rows.length ? `, показаны первые ${view.rows.length}` : ''}</span>}
      </header>
      <div class="wb-grid" ref={host} />
    </section>
  );
}
